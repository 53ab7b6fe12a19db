// Search API speed (PostgreSQL), in one run per size: nearest-20 (`GET /api/v1/venues?near=lat,lon&limit=20`)
// through the API vs a thin `node:http` server running the same SQL + JSON.stringify, vs the same SQL straight
// through the same pool; single-client p50; nearest-20 right after a bulk insert before and after ANALYZE;
// then vector tile timings. Load comes from a child process, so the server owns its event loop.
// Usage: npx tsx bench/search.ts [--venues 30000,300000] [--quick] [--concurrency 50] [--seconds 10] [--skip-tiles] [--pg URL]
//   [--profile DIR]: CPU profiles of this process under the API load and under the thin server's (DIR/api-<size>.cpuprofile).
import { spawn } from 'node:child_process'
import { createServer, type Server } from 'node:http'
import { performance } from 'node:perf_hooks'
import { writeFileSync } from 'node:fs'
import { Session } from 'node:inspector/promises'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { sql } from 'kysely'
import type { DatabaseHandle } from '../db/connect.ts'
import { loadCommunesIfEmpty } from '../db/communes/load.ts'
import { migrateToLatest } from '../db/migrator.ts'
import { analyzeAfterBulkWrite } from '../db/statistics.ts'
import { parseFilterParams } from '../db/search/filters.ts'
import { firstNearK, nearPageQuery } from '../db/search/query.ts'
import { parseStandardRecord } from '../db/standard/index.ts'
import { recordToVenueData, VENUE_DATA_COLUMNS } from '../db/venue-record.ts'
import { seededRandom, synthesizeRows } from '../test-support/synthesize.ts'
import { createThrowawayPostgres } from './throwaway-database.ts'
import { reportRow } from './table-row.ts'

const { values } = parseArgs({
  options: {
    venues: { type: 'string' },
    quick: { type: 'boolean', default: false },
    concurrency: { type: 'string', default: '50' },
    seconds: { type: 'string' },
    pg: { type: 'string', default: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
    'load-worker': { type: 'string' },
    'skip-tiles': { type: 'boolean', default: false },
    profile: { type: 'string' },
  },
})

// ---- child process: the HTTP load generator -------------------------------------------------------------
if (values['load-worker']) {
  const { urls, concurrency, seconds } = JSON.parse(values['load-worker']) as { urls: string[]; concurrency: number; seconds: number }
  let done = 0,
    failed = 0,
    i = 0
  const end = performance.now() + seconds * 1000
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const response = await fetch(urls[i++ % urls.length])
        await response.arrayBuffer()
        if (response.ok || response.status === 204 || response.status === 304) done++
        else failed++
      }
    }),
  )
  process.stdout.write(JSON.stringify({ rps: done / seconds, failed }) + '\n')
  process.exit(0)
}

const quick = values.quick
const SIZES = (values.venues ?? (quick ? '30000' : '30000,300000')).split(',').map(Number)
const CONCURRENCY = Number(values.concurrency)
const SECONDS = Number(values.seconds ?? (quick ? 5 : 10))

async function withDatabase<T>(size: number, body: (handle: DatabaseHandle, url: string) => Promise<T>): Promise<T> {
  const database = await createThrowawayPostgres(values.pg!, `maillage_bench_search_${size}_${process.pid}`, CONCURRENCY)
  try {
    return await body(database.handle, database.url)
  } finally {
    await database.drop()
  }
}

/** Jittered demo venues, validated by the standard's parser, bulk-inserted 2,000 at a time. */
async function seed(handle: DatabaseHandle, size: number): Promise<{ lat: number; lon: number }[]> {
  await migrateToLatest(handle.db)
  await loadCommunesIfEmpty(handle.db)
  const started = performance.now()
  const rows = synthesizeRows(size, 11)
  const points: { lat: number; lon: number }[] = []
  let batch: unknown[] = []
  const flush = async () => {
    if (batch.length === 0) return
    const columns = sql.join(VENUE_DATA_COLUMNS.map((c) => sql.ref(c)))
    const json = JSON.stringify(batch)
    await sql`INSERT INTO venues (${columns}) SELECT ${columns} FROM json_populate_recordset(NULL::venues, ${json}::json)`.execute(
      handle.db,
    )
    batch = []
  }
  for (const raw of rows) {
    const parsed = parseStandardRecord(raw)
    if (!parsed.record || parsed.errors.length > 0) continue
    const data = recordToVenueData(parsed.record, 'bench')
    batch.push(data)
    if (points.length < 2000 && data.latitude !== null && data.longitude !== null) points.push({ lat: data.latitude, lon: data.longitude })
    if (batch.length >= 2000) await flush()
  }
  await flush()
  const {
    rows: [{ n }],
  } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM venues`.execute(handle.db)
  console.log(`  seeded ${n} venues in ${((performance.now() - started) / 1000).toFixed(1)} s`)
  return points
}

async function sqlLoop(handle: DatabaseHandle, queries: { sql: string; parameters: readonly unknown[] }[]): Promise<number> {
  let done = 0,
    i = 0
  const end = performance.now() + SECONDS * 1000
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < end) {
        const q = queries[i++ % queries.length]
        await handle.pool!.query(q.sql, q.parameters as unknown[])
        done++
      }
    }),
  )
  return done / SECONDS
}

function httpLoad(urls: string[], concurrency = CONCURRENCY, seconds = SECONDS): Promise<{ rps: number; failed: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(import.meta.url), '--load-worker', JSON.stringify({ urls, concurrency, seconds })],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    )
    let out = ''
    child.stdout.on('data', (chunk) => {
      out += chunk
    })
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`load worker exited ${code}`))))
  })
}

function tileOf(lon: number, lat: number, z: number) {
  const n = 2 ** z
  const sin = Math.sin((lat * Math.PI) / 180)
  return { z, x: Math.floor(((lon + 180) / 360) * n), y: Math.floor((0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * n) }
}

type Compiled = { sql: string; parameters: readonly unknown[] }

/** Mean and median ms of `queries` run one after the other (one client). */
async function sequentialMs(run: (i: number) => Promise<unknown>, count: number): Promise<{ mean: number; p50: number }> {
  const times: number[] = []
  for (let i = 0; i < count; i++) {
    const started = performance.now()
    await run(i)
    times.push(performance.now() - started)
  }
  times.sort((a, b) => a - b)
  return { mean: times.reduce((a, b) => a + b, 0) / times.length, p50: times[times.length >> 1] }
}

/** The thinnest HTTP API: node:http, the near point from the query string, the same SQL, JSON.stringify. */
async function thinServer(
  handle: DatabaseHandle,
  compile: (lat: number, lon: number) => Compiled,
): Promise<{ server: Server; address: string }> {
  const server = createServer(async (request, response) => {
    try {
      const near = new URL(request.url!, 'http://x').searchParams.get('near')!.split(',').map(Number)
      const q = compile(near[0], near[1])
      const { rows } = await handle.pool!.query(q.sql, q.parameters as unknown[])
      const body = JSON.stringify({ items: rows.slice(0, 20), next_cursor: null })
      response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) })
      response.end(body)
    } catch (error) {
      response.writeHead(500).end(String(error))
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  return { server, address: `http://127.0.0.1:${port}` }
}

/**
 * An HTTP load with this process's CPU time per answered request (the server's side; comparable between the two
 * servers even on a shared machine), under the CPU profiler when --profile is given.
 */
async function profiled(name: string, body: () => Promise<{ rps: number; failed: number }>): Promise<{ rps: number; failed: number }> {
  const session = values.profile ? new Session() : null
  if (session) {
    session.connect()
    await session.post('Profiler.enable')
    await session.post('Profiler.start')
  }
  const cpu = process.cpuUsage()
  const result = await body()
  const { user, system } = process.cpuUsage(cpu)
  console.log(`  ${name}: server CPU ${((user + system) / 1000 / (result.rps * SECONDS)).toFixed(2)} ms per request`)
  if (session) {
    const { profile } = await session.post('Profiler.stop')
    writeFileSync(`${values.profile}/${name}.cpuprofile`, JSON.stringify(profile))
    session.disconnect()
  }
  return result
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
const row = (what: string, measured: string, goal: string, met: boolean | null) =>
  console.log(`  ${what.padEnd(52)} ${measured.padEnd(34)} goal ${goal}${met === null ? '' : met ? '  ✔' : '  ✘'}`)

async function run(size: number) {
  console.log(`\n## ${size.toLocaleString('fr-FR')} venues (PostgreSQL, ${CONCURRENCY} concurrent, ${SECONDS} s per measure)`)
  await withDatabase(size, async (handle, url) => {
    const points = await seed(handle, size)
    const random = seededRandom(3)
    const sample = Array.from({ length: 200 }, () => points[Math.floor(random() * points.length)])
    const compile = (lat: number, lon: number): Compiled => {
      const { filter } = parseFilterParams({ near: `${lat},${lon}` })
      return nearPageQuery(handle.db, filter, 20, firstNearK(filter, 20), null).compile()
    }
    // The SQL the API sends for these requests, compiled once each.
    const queries = sample.map((p) => compile(p.lat, p.lon))
    const viaPool = (i: number) => handle.pool!.query(queries[i % queries.length].sql, queries[i % queries.length].parameters as unknown[])

    // 1. Right after a bulk write: the rows are in, the planner has no statistics yet; then what an import,
    //    a restore and the demo seed now run themselves.
    const before = await sequentialMs(viaPool, 20)
    const analyzed = performance.now()
    await analyzeAfterBulkWrite(handle.db, { venues: size })
    const analyzeMs = performance.now() - analyzed
    const after = await sequentialMs(viaPool, 20)

    const { buildApp } = await import('../api/app.ts')
    const { readConfig } = await import('../api/config.ts')
    // readConfig reads only the object it is given: the limits go there, not into process.env (where they were
    // ignored, so 600 requests a minute passed and the rest were 429s counted as failures).
    const env = {
      DATABASE_URL: url,
      SEED: 'none',
      SESSION_SECRET: 'b'.repeat(40),
      RATE_LIMIT_MAX: '1000000000',
      MAX_EVENT_LOOP_DELAY_MS: '0',
    }
    const app = await buildApp({ config: readConfig(env as NodeJS.ProcessEnv), database: handle })
    const address = await app.listen({ port: 0, host: '127.0.0.1' })
    const thin = await thinServer(handle, compile)
    try {
      const path = (p: { lat: number; lon: number }) => `/api/v1/venues?${new URLSearchParams({ near: `${p.lat},${p.lon}`, limit: '20' })}`
      const urls = sample.map((p) => `${address}${path(p)}`)
      const thinUrls = sample.map((p) => `${thin.address}${path(p)}`)
      const check = (await (await fetch(urls[0])).json()) as { items: unknown[] }
      if (check.items.length !== 20) throw new Error(`expected 20 items, got ${check.items.length}`)
      await sqlLoop(handle, queries.slice(0, 20)) // warm-up
      await httpLoad(urls.slice(0, 20), 4, 1)
      const sqlRps = await sqlLoop(handle, queries)
      const http = await profiled(`api-${size}`, () => httpLoad(urls))
      const bare = await profiled(`thin-${size}`, () => httpLoad(thinUrls))
      const single = await sequentialMs(async (i) => (await fetch(urls[i % urls.length])).arrayBuffer(), 200)
      // A ratio over refused requests says nothing about the hot path: refuse to report one.
      if (http.failed > 0 || bare.failed > 0) throw new Error(`${http.failed} API and ${bare.failed} thin-server requests failed`)
      const apiVsThin = http.rps / bare.rps
      const apiVsSql = http.rps / sqlRps
      row('nearest-20 right after a bulk insert, before ANALYZE', `${fmt(before.mean, 1)} ms (SQL, mean of 20)`, 'full speed at once', null)
      row(
        'nearest-20 after ANALYZE (import/restore/seed run it)',
        `${fmt(after.mean, 1)} ms (ANALYZE took ${fmt(analyzeMs)} ms)`,
        `≈ after-ANALYZE speed`,
        after.mean * 2 < before.mean || before.mean < 5,
      )
      row('API nearest-20 req/s', `${fmt(http.rps)} req/s (${http.failed} failed)`, '—', null)
      row('thin node:http + same SQL + JSON.stringify req/s', `${fmt(bare.rps)} req/s (${bare.failed} failed)`, '—', null)
      row('raw SQL through the pool req/s', `${fmt(sqlRps)} req/s`, '—', null)
      row('API / thin node:http', fmt(apiVsThin, 2), '≥ 0.7', apiVsThin >= 0.7)
      row('API / raw SQL', fmt(apiVsSql, 2), '≥ 0.4', apiVsSql >= 0.4)
      row('API nearest-20, single client', `p50 ${fmt(single.p50, 1)} ms, mean ${fmt(single.mean, 1)} ms`, '—', null)
      const at = `${size.toLocaleString('en-US')} venues`
      reportRow({
        key: 'nearest-after-import',
        measured: `${fmt(before.mean, 1)} ms before ANALYZE, ${fmt(after.mean, 1)} ms after (${at})`,
        met: after.mean * 2 < before.mean || before.mean < 5,
      })
      reportRow({
        key: 'api-vs-thin',
        measured: `${fmt(apiVsThin, 2)} (${fmt(http.rps)} vs ${fmt(bare.rps)} req/s, ${at})`,
        met: apiVsThin >= 0.7,
      })
      reportRow({
        key: 'api-vs-sql',
        measured: `${fmt(apiVsSql, 2)} (${fmt(http.rps)} vs ${fmt(sqlRps)} req/s, ${at})`,
        met: apiVsSql >= 0.4,
      })
      if (values['skip-tiles']) return

      // Tiles: uncached (each tile asked once), then one tile cached at full concurrency.
      for (const z of [5, 8, 12]) {
        const tiles = new Set<string>()
        for (const p of sample) {
          const t = tileOf(p.lon, p.lat, z)
          tiles.add(`${t.z}/${t.x}/${t.y}`)
          if (tiles.size >= 15) break
        }
        const times: number[] = []
        let bytes = 0
        for (const t of tiles) {
          const started = performance.now()
          const response = await fetch(`${address}/tiles/venues/${t}.mvt`)
          bytes += (await response.arrayBuffer()).byteLength
          times.push(performance.now() - started)
        }
        times.sort((a, b) => a - b)
        const median = times[times.length >> 1].toFixed(1)
        const [max, meanKib] = [times[times.length - 1].toFixed(1), (bytes / times.length / 1024).toFixed(1)]
        console.log(`  tile z${z} uncached: median ${median} ms, max ${max} ms over ${times.length} tiles (mean ${meanKib} KiB)`)
      }
      const hot = tileOf(sample[0].lon, sample[0].lat, 8)
      const cached = await httpLoad([`${address}/tiles/venues/${hot.z}/${hot.x}/${hot.y}.mvt`])
      console.log(`  tile z8 cached: ${cached.rps.toFixed(0)} req/s (${cached.failed} failed)`)
    } finally {
      await app.close()
      await new Promise((resolve) => thin.server.close(resolve))
    }
  })
}

for (const size of SIZES) await run(size)
process.exit(0)
