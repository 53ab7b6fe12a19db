// Telephone numbers: the standard wants one E.164 number without spaces (schema pattern below);
// producers write French national formats, so we normalise them and say so.

export const TELEPHONE_PATTERN = /^(\+33|\+590|\+594|\+262|\+596|\+269|\+687|\+689|\+508|\+681)(\d){6,9}$/

export interface TelephoneNormalization {
  value: string | null // the first number that could be normalised
  changed: boolean // the value differs from the input (a warning is due)
  ignored: string[] // other numbers found in the input, not kept (the standard holds one)
  invalid: string[] // parts that could not be read as a number
}

// Overseas numbers dialled nationally as 0XXX…: their E.164 country code.
const OVERSEAS_PREFIXES: ReadonlyArray<[RegExp, string]> = [
  [/^0(590|690|691)/, '+590'],
  [/^0(594|694)/, '+594'],
  [/^0(596|696|697)/, '+596'],
  [/^0(262|263|692|693|269|639)/, '+262'],
  [/^0508/, '+508'],
]

const SEPARATORS = /\s*(?:[/;|,]|\bou\b|\bet\b)\s*/i

export function normalizeTelephone(input: string, codePostal?: string | null): TelephoneNormalization {
  const trimmed = input.trim()
  if (TELEPHONE_PATTERN.test(trimmed)) return { value: trimmed, changed: false, ignored: [], invalid: [] }
  const parts = trimmed
    .split(SEPARATORS)
    .map((part) => part.trim())
    .filter((part) => part !== '')
  let value: string | null = null
  const ignored: string[] = []
  const invalid: string[] = []
  for (const part of parts) {
    const normalized = normalizeOne(part, codePostal ?? null)
    if (normalized === null) invalid.push(part)
    else if (value === null) value = normalized
    else if (normalized !== value) ignored.push(part)
  }
  return { value, changed: value !== trimmed, ignored, invalid }
}

function normalizeOne(part: string, codePostal: string | null): string | null {
  let digits = part.replace(/\(0\)/g, '').replace(/[\s.\-()\u00a0\u202f]/g, '')
  if (digits.startsWith('00')) digits = `+${digits.slice(2)}`
  if (/^\+330\d{9}$/.test(digits)) digits = `+33${digits.slice(4)}`
  if (/^33[1-9]\d{8}$/.test(digits)) digits = `+${digits}`
  if (TELEPHONE_PATTERN.test(digits)) return digits
  if (/^0[1-9]\d{8}$/.test(digits)) {
    const overseas = OVERSEAS_PREFIXES.find(([prefix]) => prefix.test(digits))
    return `${overseas?.[1] ?? '+33'}${digits.slice(1)}`
  }
  const pacific = pacificCountryCode(codePostal)
  // New Caledonia (6 digits) and French Polynesia (8 digits) have no trunk prefix.
  if (pacific === '+687' && /^\d{6}$/.test(digits)) return `${pacific}${digits}`
  if (pacific === '+689' && /^\d{8}$/.test(digits)) return `${pacific}${digits}`
  // A national number whose leading 0 was lost (stored as a number by a spreadsheet).
  if (pacific === null && /^[1-9]\d{8}$/.test(digits)) return `+33${digits}`
  return null
}

function pacificCountryCode(codePostal: string | null): string | null {
  if (codePostal?.startsWith('988')) return '+687'
  if (codePostal?.startsWith('987')) return '+689'
  return null
}
