// Small text helpers shared by the source converters.
import { PRESENTATION_RESUME_MAX_LENGTH, truncate } from '../../standard/index.ts'

// Trimmed text of a JSON/CSV value; empty, "-", "None", "#N/D" → null.
export function text(value: unknown): string | null {
  if (value === null || value === undefined) return null
  const s = (typeof value === 'object' ? JSON.stringify(value) : String(value)).replace(/\r\n?/g, '\n').trim()
  return s === '' || /^(-+|none|null|#n\/d|n\/a|nr)$/i.test(s) ? null : s
}

export function labelled(label: string, value: unknown): string | null {
  const t = text(value)
  return t === null ? null : `${label} : ${t}`
}

// Paragraphs of presentation_detail, blank ones left out, duplicates once.
export function paragraphs(...parts: Array<string | null | undefined>): string | null {
  const kept = [...new Set(parts.map((p) => p?.trim()).filter((p): p is string => p !== undefined && p !== ''))]
  return kept.length === 0 ? null : kept.join('\n\n')
}

// A description for presentation_resume: short ones as they are; long ones abridged there and
// kept whole in presentation_detail.
export function resumeAndDetail(description: string | null): { resume: string | null; detail: string | null } {
  if (description === null) return { resume: null, detail: null }
  if ([...description].length <= PRESENTATION_RESUME_MAX_LENGTH) return { resume: description, detail: null }
  return { resume: truncate(description, PRESENTATION_RESUME_MAX_LENGTH), detail: description }
}

export interface SplitAddress {
  adresse: string | null
  code_postal: string | null
  commune: string | null
}

// "12 rue X - 33000 Bordeaux", "1 Rue Y, 51200, Épernay, Marne, Grand Est, FRA", "Mairie 20224 CORSCIA".
export function splitAddress(value: string | null): SplitAddress {
  if (value === null) return { adresse: null, code_postal: null, commune: null }
  // The last 5-digit group: "…, CS 70407, 20705 AJACCIO CEDEX 9" has its postcode last.
  const match = /^(.*)\b(\d{5})\b[\s,]*((?:(?!\b\d{5}\b).)*)$/s.exec(value)
  if (match === null) return { adresse: value, code_postal: null, commune: null }
  const adresse = match[1].replace(/[\s,–-]+$/, '').trim()
  const commune = match[3]
    .split(',')[0]
    .replace(/\bc[eé]dex\b.*$/i, '')
    .trim()
  return { adresse: adresse === '' ? null : adresse, code_postal: match[2], commune: commune === '' ? null : commune }
}

// Producers' spreadsheets drop the leading zero of postcodes and INSEE codes.
export function padCode(value: unknown): string | null {
  const t = text(value)
  if (t === null) return null
  return /^\d{4}$/.test(t) ? `0${t}` : t
}

// "Épernay" rather than "ÉPERNAY": commune names in capitals are title-cased.
export function communeName(value: string | null): string | null {
  if (value === null) return null
  if (value !== value.toUpperCase()) return value
  return value.toLowerCase().replace(/(^|[\s'’-])(\p{L})/gu, (_, sep: string, letter: string) => sep + letter.toUpperCase())
}
