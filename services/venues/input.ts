// Turns a write request's body (standard fields) into validated venue content, located in a commune,
// with the territory it falls in. Every error names its field; nothing is written on any error.
import { todayInParis } from '../../domain/time.ts'
import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import { loadGazetteerFor, locate } from '../../db/import/locate.ts'
import { isStandardField, parseStandardRecord, PIVOT_PLACEHOLDER, type FieldIssue } from '../../db/standard/index.ts'
import type { Database, VenueRow } from '../../db/types.ts'
import { recordToVenueData, venueToRecord, type VenueData } from '../../db/venue-record.ts'
import type { Caller } from '../caller.ts'
import { HttpProblem } from '../problem.ts'

/** Fields of our own API payload that a client may send back unchanged: they are derived, never written. */
const READ_ONLY_FIELDS = new Set([
  'departement',
  'region',
  'status',
  'version',
  'location_approximate',
  'updated_at',
  'created_at',
  'distance_m',
  'labels',
  'sponsors',
  'merged_into',
  'source_id',
  'open_now',
  'next_opening',
  'approx_m',
])

export interface LocatedVenue {
  data: VenueData
  departement: string | null
  region: string | null
  warnings: FieldIssue[]
}

function invalid(errors: FieldIssue[]): HttpProblem {
  const fields = [...new Set(errors.map((e) => e.field))]
  return new HttpProblem(400, `Champ(s) invalide(s) : ${fields.join(', ')}. Rien n’a été enregistré.`, {
    errors: errors.map((e) => ({ field: e.field, message: e.message })),
  })
}

const today = () => todayInParis()

/** The producer name given to a venue created through the API without a `source`: the key's own source when bound. */
export function sourceOf(caller: Caller): string {
  return caller.sources[0] ?? caller.label.replace(/^[^:]+:/, '')
}

/** Validates a full record (create, or an existing venue with a patch applied) and locates it. */
async function validate(
  db: Kysely<Database>,
  raw: Record<string, unknown>,
  fallbackSource: string,
  strictLocation: boolean,
): Promise<LocatedVenue> {
  const unknown = Object.keys(raw).filter((k) => !isStandardField(k) && !READ_ONLY_FIELDS.has(k))
  const parsed = parseStandardRecord(Object.fromEntries(Object.entries(raw).filter(([k]) => isStandardField(k))))
  const errors = [...unknown.map((field) => ({ field, message: 'champ inconnu du standard' })), ...parsed.errors]
  if (errors.length > 0 || !parsed.record) throw invalid(errors)
  const gazetteer = await loadGazetteerFor(db, [parsed.record])
  const located = locate(parsed.record, gazetteer)
  const commune = located.record.code_insee ? gazetteer.byInsee.get(located.record.code_insee) : undefined
  if (!commune && strictLocation) {
    throw invalid([
      { field: 'code_insee', message: 'commune introuvable : indiquez un code_insee valide (ou un code postal et une commune reconnus)' },
    ])
  }
  if (located.placement.errors.length > 0) throw invalid(located.placement.errors)
  return {
    data: recordToVenueData(located.record, fallbackSource, located.approximate),
    departement: commune?.departement ?? null,
    region: commune?.region ?? null,
    warnings: [
      ...parsed.warnings,
      ...located.warnings.map((message) => ({ field: 'localisation', message })),
      ...located.placement.warnings,
    ],
  }
}

/** A new venue from a POST body: `id` (the producer's id) defaults to a fresh UUID, `date_maj` to today. */
export async function venueFromCreateBody(db: Kysely<Database>, body: Record<string, unknown>, caller: Caller): Promise<LocatedVenue> {
  const raw: Record<string, unknown> = {
    ...body,
    id: body.id ?? body.source_id ?? randomUUID(),
    pivot: body.pivot ?? PIVOT_PLACEHOLDER,
    date_maj: body.date_maj ?? today(),
    source: body.source ?? sourceOf(caller),
  }
  delete raw.source_id
  return validate(db, raw, sourceOf(caller), caller.role !== 'admin')
}

/**
 * The venue as it would be after applying `patch` (standard fields; `id` is ours and ignored, `source_id`
 * renames the producer's id). Returns the whole content and the changed part.
 */
export async function venueFromPatch(db: Kysely<Database>, current: VenueRow, patch: Record<string, unknown>, caller: Caller) {
  const { id: _ours, source_id: sourceId, ...rest } = patch
  const raw: Record<string, unknown> = { ...venueToRecord(current), ...rest }
  if (typeof sourceId === 'string' && sourceId.trim()) raw.id = sourceId
  // An edit by hand is an update of the record: its date moves to today unless the writer says otherwise.
  if (!('date_maj' in patch)) raw.date_maj = today()
  // Moving the pin by hand makes the position exact again.
  const moved = 'latitude' in patch || 'longitude' in patch
  const located = await validate(db, raw, current.source, caller.role !== 'admin')
  if (
    !moved &&
    current.location_approximate &&
    located.data.latitude === current.latitude &&
    located.data.longitude === current.longitude
  ) {
    located.data.location_approximate = true
  }
  return located
}
