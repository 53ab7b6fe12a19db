// Likely duplicates, scored (domain/duplicate-score.ts) from candidates found by place, phone, e-mail or SIRET.
// Detected pairs queue in `duplicates`; a merge keeps one venue (the survivor) and archives the other.
import { moveNeeds } from '../partners/needs.ts'
import { updateSponsorship } from '../sponsors/repository.ts'
import { sql, type Kysely, type Transaction } from 'kysely'
import { appendAudit } from '../audit.ts'
import { DUPLICATE_QUEUE_THRESHOLD } from '../../domain/duplicate-score.ts'
import { PIVOT_PLACEHOLDER } from '../standard/index.ts'
import { candidatePairs, rescorePending, scoreCandidates, upsertPairs } from './duplicate-candidates.ts'
import { VENUE_LIST_COLUMNS, type Database, type VenueRow } from '../types.ts'
import type { VenueData } from '../venue-record.ts'
import { updateVenue } from '../venue-store.ts'
import { territoryCondition } from './submissions.ts'

type Db = Kysely<Database> | Transaction<Database>
// Candidates scored per query: each batch is one short statement (PGlite runs SQL on the event loop).
const BATCH = 100

/**
 * Scores the likely duplicates of the given venues and queues those at or above the threshold (the write path:
 * a created or changed venue, an import's rows). A pending pair gets its new score; merged or dismissed pairs
 * are never proposed again. A full run goes through services/curation/duplicate-job.ts instead.
 */
export async function detectDuplicates(db: Db, venueIds: readonly string[]): Promise<number> {
  let queued = 0
  const seen = new Set<string>()
  for (let i = 0; i < venueIds.length; i += BATCH) queued += await scoreBatch(db, venueIds.slice(i, i + BATCH), seen)
  return queued
}

/** One batch: candidates, scores, queue the likely ones, refresh the scores of the others still pending. */
export async function scoreBatch(db: Db, venueIds: readonly string[], seen: Set<string>): Promise<number> {
  const scored = scoreCandidates(await candidatePairs(db, venueIds), seen)
  const [likely, unlikely] = [
    scored.filter((p) => p.score >= DUPLICATE_QUEUE_THRESHOLD),
    scored.filter((p) => p.score < DUPLICATE_QUEUE_THRESHOLD),
  ]
  await rescorePending(db, unlikely)
  return upsertPairs(db, likely)
}

export async function findDuplicate(db: Db, id: number) {
  return db.selectFrom('duplicates').selectAll().where('id', '=', id).executeTakeFirst()
}

/** Pairs by score, best first (ties by id); `afterId` continues after that pair. */
export async function listDuplicates(db: Db, status: string, territories: string[] | null, limit: number, afterId: number | null) {
  let q = db
    .selectFrom('duplicates as d')
    .innerJoin('venues as a', 'a.id', 'd.venue_a')
    .innerJoin('venues as b', 'b.id', 'd.venue_b')
    .selectAll('d')
    .where('d.status', '=', status as 'pending')
  if (territories) q = q.where(sql<boolean>`(${territoryCondition(territories, 'a')} OR ${territoryCondition(territories, 'b')})`)
  if (afterId !== null) q = q.where(sql<boolean>`(d.score, -d.id) < (SELECT p.score, -p.id FROM duplicates p WHERE p.id = ${afterId})`)
  return q
    .orderBy('d.score', 'desc')
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
  const channel = { kind: 'merge' as const, detail: String(duplicateId) }
  const provenance = `fusion : reprend ${other.id} (source « ${other.source} », identifiant « ${other.source_id} »)`
  const merged = await updateVenue(
    trx,
    survivor.id,
    mergedContent(survivor, other),
    { expectedVersion: null, action: 'venue.merge' },
    { actor, reason: provenance, channel },
  )
  await updateVenue(
    trx,
    other.id,
    {},
    { expectedVersion: null, status: 'archived', action: 'venue.merged_into' },
    { actor, reason: `fusionné dans ${survivor.id} (doublon n° ${duplicateId})`, channel },
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
  const needsMoved = await moveNeeds(trx, other.id, survivor.id, { actor, reason: provenance })
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
