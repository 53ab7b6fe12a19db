// Phone numbers for people: national format ("04 77 46 49 41") to read, E.164 in the `tel:` link to call.
// Shared by the venue page (server) and the list cards and referral sheet (browser).
import { parsePhoneNumberFromString } from 'libphonenumber-js/min'

export interface Phone {
  display: string
  href: string
}

export function formatPhone(raw: string | null | undefined): Phone | null {
  const text = raw?.trim()
  if (!text) return null
  const parsed = parsePhoneNumberFromString(text, 'FR')
  if (parsed?.isValid()) return { display: parsed.formatNational(), href: parsed.getURI() }
  // Short or unusual numbers (3939, a typo): shown as given, dialled with what can be dialled.
  return { display: text, href: `tel:${text.replace(/[^\d+]/g, '')}` }
}
