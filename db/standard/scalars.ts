// Reading single values from CSV strings or JSON values: text, codes, numbers, dates.
import type { IssueLog } from './record.ts'

export const CODE_POSTAL_PATTERN = /^\d{5}$/
export const CODE_INSEE_PATTERN = /^([013-9]\d|2[AB1-9])\d{3}$/
export const ISO_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/
export const PRESENTATION_RESUME_MAX_LENGTH = 280

export function isBlank(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '')
}

// Trimmed text; empty → null. Numbers and booleans (JSON) become their text.
export function readText(field: string, value: unknown, log: IssueLog): string | null {
  if (value === null || value === undefined) return null
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim()
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  if (typeof value === 'boolean') return String(value)
  log.error(field, `Le champ « ${field} » attend une seule valeur texte.`, value)
  return null
}

export function readRequiredText(field: string, value: unknown, log: IssueLog): string | null {
  const text = readText(field, value, log)
  if (text === null) log.error(field, `Le champ « ${field} » est obligatoire.`)
  return text
}

// A postcode stored as a JSON number loses its leading 0 (01000 → 1000): put it back, and say so.
// A 4-digit text is ambiguous (a typo as likely as a lost zero), so it is rejected with a hint.
export function readCodePostal(value: unknown, log: IssueLog): string | null {
  const text = readRequiredText('code_postal', value, log)
  if (text === null) return null
  let code = text.replace(/[\s\u00a0]/g, '')
  if (typeof value === 'number' && /^\d{4}$/.test(code)) code = `0${code}`
  if (!CODE_POSTAL_PATTERN.test(code)) {
    const hint = /^\d{4}$/.test(code) ? ` (s'il manque un 0 initial, écrivez « 0${code} »)` : ''
    log.error('code_postal', `Code postal invalide « ${text} » : 5 chiffres attendus${hint}.`, text)
    return null
  }
  if (code !== text) log.warn('code_postal', `Code postal « ${text} » corrigé en « ${code} ».`, text)
  return code
}

export function readCodeInsee(value: unknown, log: IssueLog): string | null {
  const text = readText('code_insee', value, log)
  if (text === null) return null
  let code = text.replace(/[\s\u00a0]/g, '').toUpperCase()
  if (/^\d{4}$/.test(code)) code = `0${code}`
  if (!CODE_INSEE_PATTERN.test(code)) {
    log.error('code_insee', `Code INSEE invalide « ${text} » : code officiel géographique de 5 caractères attendu.`, text)
    return null
  }
  if (code !== text) log.warn('code_insee', `Code INSEE « ${text} » corrigé en « ${code} ».`, text)
  return code
}

// Numbers may come as JSON numbers or text; a decimal comma is accepted with a warning.
export function readNumber(field: string, value: unknown, log: IssueLog): number | null {
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return value
    log.error(field, `Le champ « ${field} » doit être un nombre.`, value)
    return null
  }
  const text = readText(field, value, log)
  if (text === null) return null
  let normalized = text
  if (/^[+-]?\d+,\d+$/.test(text)) {
    normalized = text.replace(',', '.')
    log.warn(field, `Virgule décimale remplacée par un point dans « ${text} ».`, text)
  }
  const parsed = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(normalized) ? Number(normalized) : Number.NaN
  if (!Number.isFinite(parsed)) {
    log.error(field, `Le champ « ${field} » doit être un nombre (reçu « ${text} »).`, text)
    return null
  }
  return parsed
}

// ISO dates; DD/MM/YYYY and date-times are accepted with a warning.
export function readDate(field: string, value: unknown, log: IssueLog): string | null {
  const text = readRequiredText(field, value, log)
  if (text === null) return null
  let iso: string | null = null
  let lenient = false
  const french = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text)
  const dateTime = /^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}/.exec(text)
  const slashed = /^(\d{4})\/(\d{2})\/(\d{2})(?:[T ]\d{2}:\d{2}.*)?$/.exec(text)
  if (ISO_DATE_PATTERN.test(text)) iso = text
  else if (french) [iso, lenient] = [`${french[3]}-${french[2].padStart(2, '0')}-${french[1].padStart(2, '0')}`, true]
  else if (dateTime) [iso, lenient] = [dateTime[1], true]
  else if (slashed) [iso, lenient] = [`${slashed[1]}-${slashed[2]}-${slashed[3]}`, true]
  if (iso === null || !isRealDate(iso)) {
    log.error(field, `Date invalide « ${text} » pour « ${field} » : format AAAA-MM-JJ attendu.`, text)
    return null
  }
  if (lenient) log.warn(field, `Date « ${text} » convertie au format ISO « ${iso} ».`, text)
  return iso
}

function isRealDate(iso: string): boolean {
  const [year, month, day] = iso.split('-').map(Number)
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}
