// The coverage table kept by the venue triggers (migrations/0740) equals a full recompute after 200 random writes
// (creations, moves, archives, restores, status changes, a bulk insert), on both databases; the tile grid as well.
import fc from 'fast-check'
import { sql } from 'kysely'
import { beforeAll, expect, it } from 'vitest'
import { coverageRows, expectedCoverage, recomputeCoverage } from '../../../db/governance/coverage.ts'
import { insertVenues, updateVenue } from '../../../db/venue-store.ts'
import type { VenueStatus } from '../../../db/types.ts'
import { describeEachDatabase } from '../../helpers/databases.ts'
import { COMMUNES, venueData } from './fixtures.ts'

const context = { actor: 'test', reason: 'propriété de couverture' }

/** Base venues: a commune centre whenever no base venue lies within 25 km, so most communes start near one. */
function baseCover(): { latitude: number; longitude: number }[] {
  const picked: { latitude: number; longitude: number }[] = []
  const cell = new Map<string, { latitude: number; longitude: number }[]>()
  const key = (lat: number, lon: number) => `${Math.floor(lat / 0.5)}:${Math.floor(lon / 0.5)}`
  const close = (a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }) =>
    Math.hypot((a.latitude - b.latitude) * 111, (a.longitude - b.longitude) * 111 * Math.cos((a.latitude * Math.PI) / 180)) < 25
  for (const c of [...COMMUNES].sort((a, b) => b.population - a.population)) {
    let near = false
    for (let i = -1; i <= 1 && !near; i++)
      for (let j = -1; j <= 1 && !near; j++) {
        near = (cell.get(key(c.latitude + i * 0.5, c.longitude + j * 0.5)) ?? []).some((p) => close(p, c))
      }
    if (near) continue
    const p = { latitude: c.latitude + 0.003, longitude: c.longitude - 0.004 }
    picked.push(p)
    const k = key(p.latitude, p.longitude)
    cell.set(k, [...(cell.get(k) ?? []), p])
  }
  return picked
}

// A region where the writes happen (Gironde and around), and now and then a faraway place (Corsica, La Réunion).
const point = fc.oneof(
  {
    weight: 9,
    arbitrary: fc.record({
      latitude: fc.double({ min: 44.0, max: 45.6, noNaN: true }),
      longitude: fc.double({ min: -1.4, max: 0.6, noNaN: true }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      { latitude: 42.1, longitude: 9.1 },
      { latitude: -21.1, longitude: 55.5 },
      { latitude: 46.2, longitude: 2.2 },
    ),
  },
)
const status = fc.constantFrom<VenueStatus>('published', 'archived', 'pending', 'closed')
const operation = fc.oneof(
  fc.record({ kind: fc.constant('create' as const), at: point, status: fc.constantFrom<VenueStatus>('published', 'published', 'pending') }),
  fc.record({ kind: fc.constant('move' as const), pick: fc.nat(), at: point }),
  fc.record({ kind: fc.constant('status' as const), pick: fc.nat(), status }),
  fc.record({ kind: fc.constant('archive-restore' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('bulk' as const), at: fc.array(point, { minLength: 2, maxLength: 25 }) }),
)

describeEachDatabase('maintained commune coverage', (ctx) => {
  const ids: string[] = []
  let serial = 0

  beforeAll(async () => {
    const base = baseCover()
    const rows = await insertVenues(
      ctx.database.db,
      base.map((p) => ({ data: venueData(serial++, p.latitude, p.longitude) })),
      context,
    )
    ids.push(...rows.map((r) => r.id))
    // A bulk insert like this one leaves the table for a full recompute (what the start-up and importers do).
    await recomputeCoverage(ctx.database.db)
  }, 600_000)

  async function expectMaintainedEqualsRecompute() {
    const {
      rows: [state],
    } = await sql<{ stale: boolean }>`SELECT stale FROM coverage_state`.execute(ctx.database.db)
    // The incremental path did the work (a stale flag would mean "recompute later", not "maintained").
    expect(state.stale).toBe(false)
    const [maintained, expected] = await Promise.all([coverageRows(ctx.database.db), expectedCoverage(ctx.database.db)])
    expect(maintained.length).toBe(expected.length)
    const wrong = maintained.filter((row, i) => {
      const e = expected[i]
      if (row.code_insee !== e.code_insee) return true
      if (row.distance_m === null || e.distance_m === null) return row.distance_m !== e.distance_m
      return Math.abs(row.distance_m - e.distance_m) > 1
    })
    expect(wrong.slice(0, 5).map((w) => ({ ...w, expected: expected.find((e) => e.code_insee === w.code_insee) }))).toEqual([])
  }

  it('starts equal to a full recompute', async () => {
    await expectMaintainedEqualsRecompute()
  })

  it('stays equal after 200 random writes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 200, maxLength: 200 }), async (operations) => {
        const db = ctx.database.db
        for (const [n, op] of operations.entries()) {
          if (op.kind === 'create') {
            const [row] = await insertVenues(
              db,
              [{ data: venueData(serial++, op.at.latitude, op.at.longitude), status: op.status }],
              context,
            )
            ids.push(row.id)
          } else if (op.kind === 'bulk') {
            const rows = await insertVenues(
              db,
              op.at.map((p) => ({ data: venueData(serial++, p.latitude, p.longitude) })),
              context,
            )
            ids.push(...rows.map((r) => r.id))
          } else if (op.kind === 'move') {
            await updateVenue(
              db,
              ids[op.pick % ids.length],
              { latitude: op.at.latitude, longitude: op.at.longitude },
              { expectedVersion: null },
              context,
            )
          } else if (op.kind === 'status') {
            await updateVenue(db, ids[op.pick % ids.length], {}, { expectedVersion: null, status: op.status }, context)
          } else {
            const id = ids[op.pick % ids.length]
            await db.transaction().execute(async (trx) => {
              await updateVenue(trx, id, {}, { expectedVersion: null, status: 'archived' }, context)
              await updateVenue(trx, id, {}, { expectedVersion: null, status: 'published' }, context)
            })
          }
          if (n % 100 === 99) await expectMaintainedEqualsRecompute()
        }
      }),
      { numRuns: 1, seed: 740, endOnFailure: true },
    )
  }, 1_200_000)

  it('keeps the low-zoom tile grid equal to a fresh count', async () => {
    const { rows } = await sql<{ diff: number }>`
      WITH fresh AS (SELECT p.cx, p.cy, count(*)::int AS n, sum(p.wx) AS sx, sum(p.wy) AS sy
        FROM venues v, venue_grid_position(v.geom) p WHERE v.status = 'published' AND v.geom IS NOT NULL GROUP BY 1, 2)
      SELECT count(*)::int AS diff FROM fresh f FULL JOIN venue_grid g ON g.cx = f.cx AND g.cy = f.cy
      WHERE g.n IS DISTINCT FROM f.n OR abs(g.sx - f.sx) > 1e-9 OR abs(g.sy - f.sy) > 1e-9`.execute(ctx.database.db)
    expect(rows[0].diff).toBe(0)
    const {
      rows: [count],
    } = await sql<{ n: number }>`SELECT coalesce(sum(n), 0)::int AS n FROM venue_grid`.execute(ctx.database.db)
    expect(count.n).toBeGreaterThan(100)
  })
})
