// Likely duplicates: same SIRET in the same commune, or within 100 m with similar names (pg_trgm).
// Detected pairs queue in `duplicates`; a merge keeps one venue (the survivor) and archives the other.
import { moveNeeds } from '../partners/needs.ts'
import { updateSponsorship } from '../sponsors/repository.ts'
import { sql, type Kysely, type Transaction } from 'kysely'
import { appendAudit } from '../audit.ts'
import { PIVOT_PLACEHOLDER } from '../standard/index.ts'
import { VENUE_LIST_COLUMNS, type Database, type VenueRow } from '../types.ts'
import type { VenueData } from '../venue-record.ts'
import { updateVenue } from '../venue-store.ts'
import { territoryCondition } from './submissions.ts'

type Db = Kysely<Database> | Transaction<Database>
export const DUPLICATE_DISTANCE_M = 100
export const DUPLICATE_NAME_SIMILARITY = 0.45

/**
 * Queues the likely duplicates of the given venues (all live venues when `venueIds` is null, optionally
 * within territories). A pair already queued, merged or dismissed is never queued again.
 */
export async function detectDuplicates(db: Db, venueIds: string[] | null, territoryFilter = sql<boolean>`true`): Promise<number> {
  if (venueIds && venueIds.length === 0) return 0
  const scope = venueIds ? sql`a.id IN (${sql.join(venueIds)})` : territoryFilter
  const result = await sql<{ id: number }>`
    INSERT INTO duplicates (venue_a, venue_b, reason, score)
    SELECT DISTINCT ON (LEAST(a.id, b.id), GREATEST(a.id, b.id)) LEAST(a.id, b.id), GREATEST(a.id, b.id),
      CASE WHEN a.pivot = b.pivot AND a.pivot <> ${PIVOT_PLACEHOLDER} AND a.code_insee IS NOT DISTINCT FROM b.code_insee
        THEN 'siret' ELSE 'proximite' END,
      round(similarity(maillage_normalize(a.nom), maillage_normalize(b.nom))::numeric, 3)::double precision
    FROM venues a
    JOIN venues b ON b.id <> a.id AND b.status IN ('published', 'pending') AND b.merged_into IS NULL
    WHERE ${scope} AND a.status IN ('published', 'pending') AND a.merged_into IS NULL
      AND (
        (a.pivot = b.pivot AND a.pivot ~ '^[0-9]{14}$' AND a.pivot <> ${PIVOT_PLACEHOLDER} AND a.code_insee IS NOT DISTINCT FROM b.code_insee)
        OR (a.geom IS NOT NULL AND b.geom IS NOT NULL
            AND ST_DWithin(a.geom::geography, b.geom::geography, ${DUPLICATE_DISTANCE_M})
            AND similarity(maillage_normalize(a.nom), maillage_normalize(b.nom)) >= ${DUPLICATE_NAME_SIMILARITY})
      )
    ORDER BY LEAST(a.id, b.id), GREATEST(a.id, b.id)
    ON CONFLICT (venue_a, venue_b) DO NOTHING
    RETURNING id`.execute(db)
  return result.rows.length
}

export async function findDuplicate(db: Db, id: number) {
  return db.selectFrom('duplicates').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function listDuplicates(db: Db, status: string, territories: string[] | null, limit: number, afterId: number | null) {
  let q = db
    .selectFrom('duplicates as d')
    .innerJoin('venues as a', 'a.id', 'd.venue_a')
    .innerJoin('venues as b', 'b.id', 'd.venue_b')
    .selectAll('d')
    .where('d.status', '=', status as 'pending')
  if (territories) q = q.where(sql<boolean>`(${territoryCondition(territories, 'a')} OR ${territoryCondition(territories, 'b')})`)
  if (afterId !== null) q = q.where('d.id', '>', afterId)
  return q
    .orderBy('d.id')
    .limit(limit + 1)
    .execute()
}

/** Nullable scalar columns the survivor takes from the other venue when it has none. */
const FILLABLE = [
  'code_insee',
  'complement_adresse',
  'telephone',
  'horaires',
  'presentation_resume',
  'presentation_detail',
  'structure_parente',
  'fiche_acces_libre',
  'prise_rdv',
] as const

/** What the survivor becomes: the union of every list (its own values first) and its empty fields filled. */
export function mergedContent(survivor: VenueData, other: VenueData): Partial<VenueData> {
  const changes: Record<string, unknown> = {}
  for (const column of VENUE_LIST_COLUMNS) {
    const union = [...new Set([...survivor[column], ...other[column]])]
    if (union.length !== survivor[column].length) changes[column] = union
  }
  for (const column of FILLABLE) if (survivor[column] === null && other[column] !== null) changes[column] = other[column]
  if (survivor.pivot === PIVOT_PLACEHOLDER && other.pivot !== PIVOT_PLACEHOLDER) changes.pivot = other.pivot
  return changes as Partial<VenueData>
}

export class DuplicateStateError extends Error {}

/** Merges `otherId` into `survivorId` inside the caller's transaction. */
export async function mergeVenues(trx: Transaction<Database>, duplicateId: number, survivor: VenueRow, other: VenueRow, actor: string) {
  const provenance = `fusion : reprend ${other.id} (source « ${other.source} », identifiant « ${other.source_id} »)`
  const merged = await updateVenue(
    trx,
    survivor.id,
    mergedContent(survivor, other),
    { expectedVersion: null, action: 'venue.merge' },
    { actor, reason: provenance },
  )
  await updateVenue(
    trx,
    other.id,
    {},
    { expectedVersion: null, status: 'archived', action: 'venue.merged_into' },
    { actor, reason: `fusionné dans ${survivor.id} (doublon n° ${duplicateId})` },
  )
  await trx
    .updateTable('venues')
    .set({ merged_into: survivor.id })
    .where((eb) => eb.or([eb('id', '=', other.id), eb('merged_into', '=', other.id)]))
    .execute()
  // Awards follow the venue that carries on.
  await trx.updateTable('venue_labels').set({ venue_id: survivor.id, updated_at: sql`now()` }).where('venue_id', '=', other.id).execute()
  // So do sponsorships (each move a new version, in its history) and needs (issue 16, item 7).
  const sponsorships = await trx.selectFrom('sponsorships').select('id').where('venue_id', '=', other.id).execute()
  for (const s of sponsorships)
    await updateSponsorship(trx, s.id, { venue_id: survivor.id }, null, { actor, reason: provenance, action: 'sponsorship.merge' })
  const needsMoved = await moveNeeds(trx, other.id, survivor.id)
  await trx
    .updateTable('duplicates')
    .set({ status: 'merged', resolved_by: actor, resolved_at: sql`now()`, merged_into: survivor.id })
    .where('id', '=', duplicateId)
    .execute()
  // Other pending pairs involving the archived venue no longer make sense.
  await trx
    .updateTable('duplicates')
    .set({ status: 'dismissed', resolved_by: `${actor} (fusion n° ${duplicateId})`, resolved_at: sql`now()` })
    .where('status', '=', 'pending')
    .where((eb) => eb.or([eb('venue_a', '=', other.id), eb('venue_b', '=', other.id)]))
    .execute()
  await appendAudit(trx, {
    actor,
    action: 'duplicate.merge',
    entity: 'duplicate',
    entity_id: String(duplicateId),
    detail: {
      survivor: survivor.id,
      archived: other.id,
      survivor_version: merged.version,
      sponsorships_moved: sponsorships.length,
      needs_moved: needsMoved,
    },
  })
  return merged
}

export async function dismissDuplicate(db: Db, id: number, actor: string) {
  return db
    .updateTable('duplicates')
    .set({ status: 'dismissed', resolved_by: actor, resolved_at: sql`now()` })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .returningAll()
    .executeTakeFirst()
}
