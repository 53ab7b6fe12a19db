// Contacts as the standard wants them (one E.164 phone, valid e-mails and URLs); whatever a
// producer wrote that does not fit is kept as a line of presentation_detail, not lost.
import { isValidCourriel } from '@gouvfr-anct/lieux-de-mediation-numerique'
import { normalizeTelephone, normalizeUrl } from '../../standard/index.ts'
import { text } from './text.ts'

export interface CleanContacts {
  telephone: string | null
  courriels: string[]
  site_web: string[]
  notes: string[] // lines for presentation_detail
}

// "-", "néant", "voir site": not a number worth keeping.
function hasDigits(text: string): boolean {
  return text.replace(/\D/g, '').length >= 3
}

export function cleanContacts(input: {
  telephones?: unknown[]
  courriels?: unknown[]
  sites?: unknown[]
  codePostal: string | null
}): CleanContacts {
  let telephone: string | null = null
  const otherPhones: string[] = []
  for (const raw of (input.telephones ?? []).map(text)) {
    if (raw === null || !hasDigits(raw)) continue
    const result = normalizeTelephone(raw, input.codePostal)
    if (telephone === null && result.value !== null) telephone = result.value
    else if (result.value !== null && result.value !== telephone) otherPhones.push(raw)
    otherPhones.push(...result.ignored, ...result.invalid.filter(hasDigits))
  }
  const courriels: string[] = []
  const badCourriels: string[] = []
  for (const raw of (input.courriels ?? []).map(text)) {
    for (const candidate of (raw ?? '').split(/[;,\s|]+/).filter((p) => p !== '')) {
      const courriel = candidate.replace(/^mailto:/i, '')
      if (isValidCourriel(courriel)) courriels.push(courriel)
      else if (courriel.includes('@')) badCourriels.push(courriel)
    }
  }
  const sites: string[] = []
  const badSites: string[] = []
  for (const raw of (input.sites ?? []).map(text)) {
    for (const candidate of (raw ?? '').split(/[\s|]+/).filter((p) => p !== '')) {
      const url = normalizeUrl(candidate)
      if (url !== null) sites.push(url)
      else if (/[a-z]\.[a-z]/i.test(candidate)) badSites.push(candidate)
    }
  }
  const notes = [
    otherPhones.length > 0 ? `${telephone === null ? 'Téléphone' : 'Autres numéros'} : ${[...new Set(otherPhones)].join(' ; ')}` : null,
    badCourriels.length > 0 ? `Courriel : ${badCourriels.join(' ; ')}` : null,
    badSites.length > 0 ? `Site web : ${badSites.join(' ; ')}` : null,
  ].filter((line): line is string => line !== null)
  return { telephone, courriels: [...new Set(courriels)], site_web: [...new Set(sites)], notes }
}
