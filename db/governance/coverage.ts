// The maintained coverage table (commune → nearest published venue, migrations/0740): its full recompute, the
// "stale" check readers make before aggregating, and the venue grid rebuild. Venue writes keep both up to date
// through triggers; only bulk changes (and restores, which bypass triggers) leave the work to these functions.
import { sql, type Kysely } from 'kysely'
import type { Database } from '../types.ts'
import { NearestIndex } from './nearest.ts'
import { timeSlicer } from '../import/time-slice.ts'

/** Same key as the commit-time trigger (migrations/0740): recomputes and trigger flushes never interleave. */
const FLUSH_LOCK = 740740
const WRITE_BATCH = 5000

interface CommuneState {
  code_insee: string
  latitude: number
  longitude: number
  venue_id: string | null
  distance_m: number | null
}
interface VenuePoint {
  id: string
  latitude: number
  longitude: number
}

export interface CoverageRow {
  code_insee: string
  venue_id: string | null
  distance_m: number | null
}

async function readState(db: Kysely<Database>) {
  const communes =
    await sql<CommuneState>`SELECT c.code_insee, ST_Y(c.geom) AS latitude, ST_X(c.geom) AS longitude, cc.venue_id, cc.distance_m
    FROM communes c LEFT JOIN commune_coverage cc ON cc.code_insee = c.code_insee`.execute(db)
  const venues = await sql<VenuePoint>`SELECT id, ST_Y(geom) AS latitude, ST_X(geom) AS longitude
      FROM venues WHERE status = 'published' AND geom IS NOT NULL`.execute(db)
  const state = await sql<{ revision: number }>`SELECT revision FROM coverage_state`.execute(db)
  return { communes: communes.rows, venues: venues.rows, revision: Number(state.rows[0]?.revision ?? 0) }
}

/** Each commune's nearest venue, computed in JS; only rows that differ from what is stored are returned. */
async function nearestChanges(communes: CommuneState[], venues: VenuePoint[]): Promise<CoverageRow[]> {
  const index = new NearestIndex(venues.map((v) => ({ ...v, latitude: Number(v.latitude), longitude: Number(v.longitude) })))
  const changes: CoverageRow[] = []
  // Yields to the event loop every few milliseconds (not every N communes: with few venues each commune costs
  // a brute-force scan), so HTTP keeps answering while a recompute runs in the server process.
  const slicer = timeSlicer()
  for (let i = 0; i < communes.length; i++) {
    await slicer.pause()
    const c = communes[i]
    const hit = index.nearest({ latitude: Number(c.latitude), longitude: Number(c.longitude) })
    const venueId = hit?.point.id ?? null
    const distance = hit?.distance ?? null
    const stored = c.distance_m === null ? null : Number(c.distance_m)
    const same =
      stored === distance || (stored !== null && distance !== null && Math.abs(stored - distance) < 1e-6 && c.venue_id === venueId)
    if (!same) changes.push({ code_insee: c.code_insee, venue_id: venueId, distance_m: distance })
  }
  return changes
}

async function writeChanges(trx: Kysely<Database>, changes: CoverageRow[]): Promise<void> {
  await sql`INSERT INTO commune_coverage (code_insee) SELECT code_insee FROM communes ON CONFLICT DO NOTHING`.execute(trx)
  for (let i = 0; i < changes.length; i += WRITE_BATCH) {
    await sql`UPDATE commune_coverage cc SET venue_id = x.venue_id, distance_m = x.distance_m
      FROM jsonb_to_recordset(${JSON.stringify(changes.slice(i, i + WRITE_BATCH))}::jsonb)
        AS x(code_insee text, venue_id uuid, distance_m float8)
      WHERE cc.code_insee = x.code_insee`.execute(trx)
  }
  await sql`UPDATE coverage_state SET stale = false, recomputed_at = now()`.execute(trx)
}

/**
 * Recomputes every commune's nearest published venue. The computation runs outside any transaction (the database
 * stays free meanwhile); the result is written only if no venue write committed in between, else it starts again,
 * and the last attempt reads and writes under the commit-time lock.
 */
export async function recomputeCoverage(db: Kysely<Database>): Promise<{ communes: number; changed: number }> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const state = await readState(db)
    const changes = await nearestChanges(state.communes, state.venues)
    const written = await db.transaction().execute(async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(${FLUSH_LOCK})`.execute(trx)
      const { rows } = await sql<{ revision: number }>`SELECT revision FROM coverage_state`.execute(trx)
      if (Number(rows[0]?.revision ?? 0) !== state.revision) return false
      await writeChanges(trx, changes)
      return true
    })
    if (written) return { communes: state.communes.length, changed: changes.length }
  }
  return db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(${FLUSH_LOCK})`.execute(trx)
    const state = await readState(trx)
    const changes = await nearestChanges(state.communes, state.venues)
    await writeChanges(trx, changes)
    return { communes: state.communes.length, changed: changes.length }
  })
}

const inFlight = new WeakMap<object, Promise<unknown>>()

/** Makes sure the coverage table is current (recomputed once if a bulk change or a restore left it stale). */
export async function ensureCoverage(db: Kysely<Database>): Promise<void> {
  const { rows } = await sql<{ stale: boolean }>`SELECT stale FROM coverage_state`.execute(db)
  if (!rows[0]?.stale) return
  let running = inFlight.get(db)
  if (!running) {
    running = recomputeCoverage(db).finally(() => inFlight.delete(db))
    inFlight.set(db, running)
  }
  await running
}

/** Marks the coverage for a full recompute (gazetteer loaded, data restored with triggers off). */
export async function markCoverageStale(db: Kysely<Database>): Promise<void> {
  await sql`UPDATE coverage_state SET stale = true`.execute(db)
}

/** The stored table, for checks (tests, benchmarks). */
export async function coverageRows(db: Kysely<Database>): Promise<CoverageRow[]> {
  const { rows } = await sql<CoverageRow>`SELECT code_insee, venue_id, distance_m FROM commune_coverage ORDER BY code_insee`.execute(db)
  return rows.map((r) => ({ ...r, distance_m: r.distance_m === null ? null : Number(r.distance_m) }))
}

/** What a full recompute would store now, without writing it (tests compare it with the maintained table). */
export async function expectedCoverage(db: Kysely<Database>): Promise<CoverageRow[]> {
  const state = await readState(db)
  const index = new NearestIndex(state.venues.map((v) => ({ ...v, latitude: Number(v.latitude), longitude: Number(v.longitude) })))
  return state.communes
    .map((c) => {
      const hit = index.nearest({ latitude: Number(c.latitude), longitude: Number(c.longitude) })
      return { code_insee: c.code_insee, venue_id: hit?.point.id ?? null, distance_m: hit?.distance ?? null }
    })
    .sort((a, b) => (a.code_insee < b.code_insee ? -1 : 1))
}

/** Rebuilds the low-zoom tile grid from the venues and bumps the revision (after a restore, which bypasses triggers). */
export async function rebuildVenueGrid(db: Kysely<Database>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(${FLUSH_LOCK})`.execute(trx)
    await sql`DELETE FROM venue_grid`.execute(trx)
    await sql`INSERT INTO venue_grid (cx, cy, n, sx, sy)
      SELECT p.cx, p.cy, count(*), sum(p.wx), sum(p.wy) FROM venues v, venue_grid_position(v.geom) p
      WHERE v.status = 'published' AND v.geom IS NOT NULL GROUP BY p.cx, p.cy`.execute(trx)
    await sql`UPDATE coverage_state SET revision = revision + 1`.execute(trx)
  })
}
