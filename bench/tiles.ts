// Low-zoom vector tiles at scale (PostgreSQL): uncached tiles right after a venue write (the write makes every cached
// tile stale), served from the maintained grid, against the scan of every venue in the tile (ST_AsMVT, the path
// filtered tiles still take), in the same run. Prints each time next to its goal.
// Usage: npx tsx bench/tiles.ts [--venues 300000] [--runs 15] [--pg URL] [--quick]
import { parseArgs } from 'node:util'
import { performance } from 'node:perf_hooks'
import { sql } from 'kysely'
import { buildApp } from '../api/app.ts'
import { readConfig } from '../api/config.ts'
import { mvtTile } from '../db/tiles/queries.ts'
import { loadCommunesIfEmpty } from '../db/communes/load.ts'
import { migrateToLatest } from '../db/migrator.ts'
import { parseStandardRecord } from '../db/standard/index.ts'
import { recordToVenueData, VENUE_DATA_COLUMNS } from '../db/venue-record.ts'
import { synthesizeRows } from '../test-support/synthesize.ts'
import { createThrowawayPostgres } from './throwaway-database.ts'
import { reportRow } from './table-row.ts'

const { values } = parseArgs({
  options: {
    venues: { type: 'string' },
    runs: { type: 'string', default: '15' },
    quick: { type: 'boolean', default: false },
    pg: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
  },
})
const VENUES = Number(values.venues ?? (values.quick ? 30000 : 300000))
const RUNS = Number(values.runs)
const GOAL_MS = 50

function tileOf(lon: number, lat: number, z: number) {
  const n = 2 ** z
  const sin = Math.sin((lat * Math.PI) / 180)
  return { z, x: Math.floor(((lon + 180) / 360) * n), y: Math.floor((0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * n) }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]

const database = await createThrowawayPostgres(values.pg!, `maillage_bench_tiles_${process.pid}`, 8)
try {
  const { db } = database.handle
  await migrateToLatest(db)
  await loadCommunesIfEmpty(db)
  const started = performance.now()
  let batch: unknown[] = []
  const columns = sql.join(VENUE_DATA_COLUMNS.map((c) => sql.ref(c)))
  const flush = async () => {
    if (batch.length === 0) return
    await sql`INSERT INTO venues (${columns})
      SELECT ${columns} FROM json_populate_recordset(NULL::venues, ${JSON.stringify(batch)}::json)`.execute(db)
    batch = []
  }
  for (const raw of synthesizeRows(VENUES, 11)) {
    const parsed = parseStandardRecord(raw)
    if (!parsed.record || parsed.errors.length > 0) continue
    batch.push(recordToVenueData(parsed.record, 'bench'))
    if (batch.length >= 2000) await flush()
  }
  await flush()
  await sql`ANALYZE`.execute(db)
  const {
    rows: [{ n, cells }],
  } = await sql<{
    n: number
    cells: number
  }>`SELECT (SELECT count(*)::int FROM venues) AS n, (SELECT count(*)::int FROM venue_grid) AS cells`.execute(db)
  console.log(`[postgres] ${n} venues seeded in ${((performance.now() - started) / 1000).toFixed(1)} s; grid: ${cells} cells`)

  const app = await buildApp({
    config: { ...readConfig({ SEED: 'none', SESSION_SECRET: 'x'.repeat(40) } as NodeJS.ProcessEnv) },
    database: { ...database.handle },
  })
  await app.ready()
  const {
    rows: [touched],
  } = await sql<{ id: string }>`SELECT id FROM venues LIMIT 1`.execute(db)
  const write = () => sql`UPDATE venues SET updated_at = now() WHERE id = ${touched.id}`.execute(db)
  const paris = { lon: 2.3522, lat: 48.8566 }

  for (const z of [3, 5, 7]) {
    const t = tileOf(paris.lon, paris.lat, z)
    const url = `/tiles/venues/${t.z}/${t.x}/${t.y}.mvt`
    const grid: number[] = []
    const scan: number[] = []
    let points = 0
    for (let r = 0; r < RUNS; r++) {
      await write() // every cached tile is now stale: the next request builds its tile
      let s = performance.now()
      const response = await app.inject({ url })
      grid.push(performance.now() - s)
      if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode}`)
      points = response.rawPayload.length
      s = performance.now()
      await mvtTile(db, { lists: {} }, t)
      scan.push(performance.now() - s)
    }
    const s = performance.now()
    for (let r = 0; r < RUNS; r++) await app.inject({ url })
    const cached = (performance.now() - s) / RUNS
    const goal = z === 5 ? `  goal < ${GOAL_MS} ms: ${median(grid) < GOAL_MS ? 'met' : 'NOT met'}` : ''
    if (z === 5)
      reportRow({
        key: 'tile-z5',
        measured: `${median(grid).toFixed(1)} ms (scan ${median(scan).toFixed(0)} ms; ${VENUES.toLocaleString('en-US')} venues)`,
        met: median(grid) < GOAL_MS,
      })
    console.log(
      `  z${z} uncached after a write: grid ${median(grid).toFixed(1)} ms (HTTP) vs scan ${median(scan).toFixed(1)} ms ` +
        `(ST_AsMVT SQL alone) → ${(median(scan) / median(grid)).toFixed(1)}× faster; cached ${cached.toFixed(2)} ms; ` +
        `${points} bytes${goal}`,
    )
  }
  await app.close()
} finally {
  await database.drop()
}
