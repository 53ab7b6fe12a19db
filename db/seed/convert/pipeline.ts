// Runs one source through the standard module: every shipped row went through
// parseStandardRecord (or fromLegacyV0) and is written with toStandardRow.
import { CODE_POSTAL_PATTERN, fromLegacyV0, parseStandardRecord, type FieldIssue, type StandardRecord } from '../../standard/index.ts'
import type { Gazetteer } from './gazetteer.ts'
import type { Misplaced } from './placement.ts'
import type { SourceDefinition } from './source.ts'
import { text } from './text.ts'

export interface SourceResult {
  definition: SourceDefinition
  records: StandardRecord[]
  rowsIn: number
  leftOut: Map<string, number> // reason → rows
  repairedPostcodes: number
  warnings: number
  /** Rows whose point was outside their commune's département: shipped without coordinates (placement.ts). */
  misplaced: Misplaced[]
}

export function convertSource(definition: SourceDefinition, gazetteer: Gazetteer): SourceResult {
  const candidates = definition.candidates({ gazetteer })
  const result: SourceResult = {
    definition,
    records: [],
    rowsIn: candidates.length,
    leftOut: new Map(),
    repairedPostcodes: 0,
    warnings: 0,
    misplaced: [],
  }
  const ids = new Set<string>()
  for (const candidate of candidates) {
    if (candidate.skip !== undefined) {
      count(result.leftOut, candidate.skip)
      continue
    }
    const raw: Record<string, unknown> = { ...candidate.raw, id: `${definition.slug}-${candidate.key}` }
    if (raw.source === undefined || raw.source === null || raw.source === '') raw.source = definition.producer
    for (const field of SINGLE_LINE_FIELDS) raw[field] = singleLine(raw[field])
    if (repairPostcode(raw, gazetteer, candidate.departement)) result.repairedPostcodes++
    const parsed = candidate.format === 'v0' ? fromLegacyV0(raw, { keepUnmappedInDetail: true }) : parseStandardRecord(raw)
    result.warnings += parsed.warnings.length
    if (parsed.record === null) {
      count(result.leftOut, reasonOf(parsed.errors))
      continue
    }
    if (ids.has(parsed.record.id)) throw new Error(`Identifiant en double dans ${definition.slug} : ${parsed.record.id}`)
    ids.add(parsed.record.id)
    result.records.push(parsed.record)
  }
  return result
}

// Names and addresses on one line ("2 Place X\nSaint-Angeau" → "2 Place X, Saint-Angeau").
const SINGLE_LINE_FIELDS = ['nom', 'adresse', 'complement_adresse', 'commune'] as const

function singleLine(value: unknown): unknown {
  return typeof value === 'string'
    ? value
        .split(/\s*\n\s*/)
        .filter((part) => part.trim() !== '')
        .join(', ')
    : value
}

// A missing, malformed or non-existent postcode is looked up from the commune name in the
// gazetteer (nearest commune centre when the name is shared); overseas collectivities outside
// the gazetteer (975, 977, 978, 986, 987, 988) are left as they are.
function repairPostcode(raw: Record<string, unknown>, gazetteer: Gazetteer, departement?: string): boolean {
  const current = text(raw.code_postal)
  if (current !== null && CODE_POSTAL_PATTERN.test(current) && (gazetteer.isKnownPostcode(current) || /^9(7[5-8]|8)/.test(current)))
    return false
  const commune = text(raw.commune)
  if (commune === null) return false
  const found = gazetteer.findPostcode(commune, {
    departement,
    lat: coordinate(raw.latitude),
    lon: coordinate(raw.longitude),
  })
  if (found === null || found === current) return false
  raw.code_postal = found
  return true
}

function coordinate(value: unknown): number | null {
  const t = text(value)
  const n = t === null ? Number.NaN : Number(t.replace(',', '.'))
  return Number.isFinite(n) ? n : null
}

// A short, value-free reason, so that rows left out for the same cause are counted together.
function reasonOf(errors: FieldIssue[]): string {
  const missing = errors.filter((e) => e.message.endsWith('est obligatoire.')).map((e) => e.field)
  if (missing.length === errors.length)
    return (
      `champ${missing.length > 1 ? 's' : ''} obligatoire${missing.length > 1 ? 's' : ''} absent` +
      `${missing.length > 1 ? 's' : ''} : ${missing.join(', ')}`
    )
  const first = errors.find((e) => !missing.includes(e.field)) ?? errors[0]
  return `${first.field} : ${first.message
    .replace(/«\s*[a-z_]+\s*»/g, first.field)
    .replace(/«[^»]*»/g, '…')
    .replace(/\s*\([^)]*\)/g, '')
    .replace(/Valeurs autorisées.*$/, '')
    .trim()}`
}

function count(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1)
}
