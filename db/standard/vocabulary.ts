// Lenient matching of enumerated values: known variants map to the canonical v1.0.2 value.
import { ENUM_FIELDS, type EnumField, TYPOLOGIES } from '../../domain/standard/enums.ts'
import { lenientKey } from './lenient-key.ts'

export type VocabularyMatch =
  | { kind: 'exact'; values: string[] }
  | { kind: 'variant'; values: string[] }
  | { kind: 'ambiguous'; values: string[] }
  | { kind: 'unknown' }

// Values that name more than one canonical value (enums.md, "Known inconsistencies").
const AMBIGUOUS: Partial<Record<EnumField, Record<string, string[]>>> = {
  prise_en_charge_specifique: {
    [lenientKey('Langues étrangères')]: ['Langues étrangères (anglais)', 'Langues étrangères (autres)'],
  },
}

const LOOKUP: Record<EnumField, Map<string, string>> = Object.fromEntries(
  Object.entries(ENUM_FIELDS).map(([field, values]) => [field, keyMap(values)]),
) as Record<EnumField, Map<string, string>>

const TYPOLOGY_LOOKUP = new Map(TYPOLOGIES.map((code) => [code.toUpperCase(), code]))

function keyMap(values: readonly string[]): Map<string, string> {
  const map = new Map<string, string>()
  for (const value of values) {
    const key = lenientKey(value)
    if (map.has(key)) throw new Error(`Collision de clés pour ${value}`)
    map.set(key, value)
  }
  return map
}

export function matchEnumValue(field: EnumField, value: string): VocabularyMatch {
  if (ENUM_FIELDS[field].includes(value)) return { kind: 'exact', values: [value] }
  const key = lenientKey(value)
  const canonical = LOOKUP[field].get(key)
  if (canonical !== undefined) return { kind: 'variant', values: [canonical] }
  const ambiguous = AMBIGUOUS[field]?.[key]
  if (ambiguous !== undefined) return { kind: 'ambiguous', values: [...ambiguous] }
  return { kind: 'unknown' }
}

// Typology codes are matched case-insensitively (`bib` → `BIB`, `autre` → `Autre`).
export function matchTypologie(value: string): string | null {
  return TYPOLOGY_LOOKUP.get(value.trim().toUpperCase()) ?? null
}
