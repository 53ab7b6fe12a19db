// The monthly counters behind the governance time series (migrations/0811) give the same series as a read of the
// whole version history, after back-dated history, status changes, moves between communes and new venues; and the
// trigger-kept table equals a rebuild from the history (both databases).
import { sql, type Kysely } from 'kysely'
import { beforeAll, expect, it } from 'vitest'
import { monthlyPublished } from '../../../db/governance/indicators.ts'
import { parseTerritory } from '../../../db/territory.ts'
import type { Database, VenueStatus } from '../../../db/types.ts'
import { insertVenues, updateVenue } from '../../../db/venue-store.ts'
import { describeEachDatabase } from '../../helpers/databases.ts'
import { rng, venueData } from './fixtures.ts'

const context = { actor: 'test', reason: 'série mensuelle' }

/** The series straight from the history (what the indicators read before the counters): the reference. */
async function fromHistory(db: Kysely<Database>, dep: string | null, first: string, last: string) {
  const { rows } = await sql<{ month: string; published: number }>`
    WITH months AS (SELECT m FROM generate_series(${first}::timestamp, ${last}::timestamp, interval '1 month') AS m),
    spans AS (
      SELECT vv.status, vv.changed_at AS from_at, vv.data->>'code_insee' AS code_insee,
        lead(vv.changed_at) OVER (PARTITION BY vv.venue_id ORDER BY vv.version) AS to_at
      FROM venue_versions vv),
    live AS (SELECT * FROM spans s WHERE s.status = 'published'
      AND (${dep}::text IS NULL OR EXISTS (SELECT 1 FROM communes c WHERE c.code_insee = s.code_insee AND c.departement = ${dep}))),
    events AS (SELECT from_at AS at, 1 AS d FROM live UNION ALL SELECT to_at, -1 FROM live WHERE to_at IS NOT NULL)
    SELECT to_char(months.m, 'YYYY-MM') AS month,
      (SELECT coalesce(sum(e.d), 0)::int FROM events e WHERE date_trunc('month', e.at AT TIME ZONE 'Europe/Paris') <= months.m) AS published
    FROM months ORDER BY months.m`.execute(db)
  return rows.map((r) => ({ month: r.month, published: Number(r.published) }))
}

const counters = async (db: Kysely<Database>) =>
  (
    await sql<{ month: string; code_insee: string; delta: number }>`
    SELECT to_char(month, 'YYYY-MM') AS month, code_insee, sum(delta)::int AS delta FROM venue_published_months
    GROUP BY 1, 2 HAVING sum(delta) <> 0 ORDER BY 1, 2`.execute(db)
  ).rows

describeEachDatabase('monthly published counters', (ctx) => {
  beforeAll(async () => {
    const db = ctx.database.db
    const random = rng(811)
    const statuses: VenueStatus[] = ['published', 'published', 'pending', 'archived']
    // 40 venues in Gironde and the Landes, their history back-dated over 2023–2025 (a fixture's UPDATE: counters rebuilt).
    const rows = await insertVenues(
      db,
      Array.from({ length: 40 }, (_, i) => ({
        data: venueData(i, 43.9 + random() * 1.7, -1.2 + random() * 1.5),
        status: statuses[i % 4],
      })),
      context,
    )
    await sql`UPDATE venue_versions SET changed_at = timestamptz '2023-01-10T12:00:00Z' + (random() * interval '1000 days')`.execute(db)
    // Then the application's own appends, this month: status changes, moves to another commune, new venues.
    for (const [k, row] of rows.entries()) {
      if (k % 3 === 0) await updateVenue(db, row.id, {}, { expectedVersion: null, status: k % 2 ? 'published' : 'archived' }, context)
      if (k % 5 === 0) await updateVenue(db, row.id, venueData(k, 44.84, -0.58), { expectedVersion: null }, context)
    }
    await insertVenues(
      db,
      [0, 1, 2].map((k) => ({ data: venueData(100 + k, 43.7, -1.05), status: 'published' as VenueStatus })),
      context,
    )
  })

  it('gives the series a read of the whole history gives, now and for a past year, nationally and per département', async () => {
    const db = ctx.database.db
    const {
      rows: [{ first, last }],
    } = await sql<{ first: string; last: string }>`
      SELECT to_char(date_trunc('month', now() AT TIME ZONE 'Europe/Paris') - interval '23 months', 'YYYY-MM-DD') AS first,
             to_char(date_trunc('month', now() AT TIME ZONE 'Europe/Paris'), 'YYYY-MM-DD') AS last`.execute(db)
    for (const dep of [null, '33', '40']) {
      const territory = parseTerritory(dep ? `dep:${dep}` : 'fr')!
      const now = await monthlyPublished(db, territory, null)
      expect(now).toEqual(await fromHistory(db, dep, first, last))
      expect(await monthlyPublished(db, territory, 2024)).toEqual(await fromHistory(db, dep, '2024-01-01', '2024-12-01'))
    }
    // Not a flat line: the back-dated history makes the series move.
    const series = await fromHistory(db, null, '2023-01-01', last)
    expect(new Set(series.map((s) => s.published)).size).toBeGreaterThan(5)
  })

  it('keeps the same counters a rebuild from the history computes', async () => {
    const db = ctx.database.db
    const kept = await counters(db)
    await sql`SELECT venue_published_months_rebuild()`.execute(db)
    expect(kept.length).toBeGreaterThan(5)
    expect(kept).toEqual(await counters(db))
  })
})
