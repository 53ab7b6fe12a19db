// Candidate pairs for duplicate scoring, a batch of venues at a time: every live venue within
// DUPLICATE_RADIUS_M, or sharing a phone, an e-mail or a real SIRET — each arm on its own index — with the
// facts only SQL computes cheaply (trigram similarity of the normalised names, geodesic distance).
import { sql, type Kysely, type Transaction } from 'kysely'
import { DUPLICATE_RADIUS_M, scorePair, type DuplicateCandidate, type DuplicateReason } from '../../domain/duplicate-score.ts'
import { PIVOT_PLACEHOLDER } from '../standard/index.ts'
import type { Database } from '../types.ts'

type Db = Kysely<Database> | Transaction<Database>

export interface CandidateRow {
  a_id: string
  b_id: string
  name_similarity: number
  distance_m: number | null
  a: DuplicateCandidate
  b: DuplicateCandidate
}

const LIVE = (alias: string) => sql.raw(`${alias}.status IN ('published', 'pending') AND ${alias}.merged_into IS NULL`)

export async function candidatePairs(db: Db, venueIds: readonly string[]): Promise<CandidateRow[]> {
  if (venueIds.length === 0) return []
  const rows = await sql<{
    a_id: string
    b_id: string
    name_similarity: number
    distance_m: number | null
    a: DuplicateCandidate
    b: DuplicateCandidate
  }>`
    WITH batch AS (SELECT * FROM venues a WHERE a.id IN (${sql.join(venueIds)}) AND ${LIVE('a')}),
    pairs AS (
      SELECT a.id AS a_id, b.id AS b_id FROM batch a JOIN venues b
        ON a.geom IS NOT NULL AND b.geom IS NOT NULL AND ST_DWithin(a.geom::geography, b.geom::geography, ${DUPLICATE_RADIUS_M})
      UNION SELECT a.id, b.id FROM batch a JOIN venues b ON a.telephone IS NOT NULL AND b.telephone = a.telephone
      UNION SELECT a.id, b.id FROM batch a JOIN venues b ON cardinality(a.courriels) > 0 AND b.courriels && a.courriels
      UNION SELECT a.id, b.id FROM batch a JOIN venues b
        ON a.pivot ~ '^[0-9]{14}$' AND a.pivot <> ${PIVOT_PLACEHOLDER} AND b.pivot = a.pivot
    )
    SELECT p.a_id, p.b_id,
      similarity(maillage_normalize(a.nom), maillage_normalize(b.nom))::double precision AS name_similarity,
      CASE WHEN a.geom IS NULL OR b.geom IS NULL THEN NULL
        ELSE ST_Distance(a.geom::geography, b.geom::geography)::double precision END AS distance_m,
      json_build_object('nom', a.nom, 'adresse', a.adresse, 'code_postal', a.code_postal, 'commune', a.commune, 'telephone', a.telephone,
        'courriels', a.courriels, 'pivot', a.pivot, 'location_approximate', a.location_approximate) AS a,
      json_build_object('nom', b.nom, 'adresse', b.adresse, 'code_postal', b.code_postal, 'commune', b.commune, 'telephone', b.telephone,
        'courriels', b.courriels, 'pivot', b.pivot, 'location_approximate', b.location_approximate) AS b
    FROM pairs p JOIN venues a ON a.id = p.a_id JOIN venues b ON b.id = p.b_id
    WHERE p.b_id <> p.a_id AND ${LIVE('b')}`.execute(db)
  return rows.rows.map((r) => ({
    ...r,
    name_similarity: Number(r.name_similarity),
    distance_m: r.distance_m === null ? null : Number(r.distance_m),
  }))
}

export interface ScoredPair {
  venue_a: string
  venue_b: string
  score: number
  reasons: DuplicateReason[]
}

/** Scores candidates (each unordered pair once, smaller id first). `seen` carries the pairs already scored. */
export function scoreCandidates(rows: readonly CandidateRow[], seen = new Set<string>()): ScoredPair[] {
  const out: ScoredPair[] = []
  for (const r of rows) {
    const [venue_a, venue_b] = r.a_id < r.b_id ? [r.a_id, r.b_id] : [r.b_id, r.a_id]
    const key = `${venue_a}:${venue_b}`
    if (seen.has(key)) continue
    seen.add(key)
    const { score, reasons } = scorePair(r.a, r.b, r)
    out.push({ venue_a, venue_b, score, reasons })
  }
  return out
}

/**
 * Queues the pairs (new ones pending; a pending pair gets its new score and reasons; merged and dismissed
 * pairs are left alone). Returns how many were new.
 */
export async function upsertPairs(db: Db, pairs: readonly ScoredPair[]): Promise<number> {
  if (pairs.length === 0) return 0
  const result = await db
    .insertInto('duplicates')
    .values(
      pairs.map((p) => ({
        venue_a: p.venue_a,
        venue_b: p.venue_b,
        reason: p.reasons[0]?.code ?? 'score',
        score: p.score,
        reasons: JSON.stringify(p.reasons),
      })),
    )
    .onConflict((oc) =>
      oc
        .columns(['venue_a', 'venue_b'])
        .doUpdateSet({ score: sql`excluded.score`, reasons: sql`excluded.reasons`, reason: sql`excluded.reason` })
        .where('duplicates.status', '=', 'pending'),
    )
    .returning(sql<boolean>`(xmax = 0)`.as('inserted'))
    .execute()
  return result.filter((r) => r.inserted).length
}

/** Pending pairs that now score below the queue threshold keep their place in the list with the new, low score. */
export async function rescorePending(db: Db, pairs: readonly ScoredPair[]): Promise<void> {
  for (let i = 0; i < pairs.length; i += 500) {
    const values = pairs.slice(i, i + 500).map(
      (p) =>
        sql`(${p.venue_a}::uuid, ${p.venue_b}::uuid, ${p.score}::double precision,
            ${JSON.stringify(p.reasons)}::jsonb, ${p.reasons[0]?.code ?? 'score'})`,
    )
    await sql`
      UPDATE duplicates d SET score = v.score, reasons = v.reasons, reason = v.reason
      FROM (VALUES ${sql.join(values)}) AS v (a, b, score, reasons, reason)
      WHERE d.venue_a = v.a AND d.venue_b = v.b AND d.status = 'pending'`.execute(db)
  }
}
