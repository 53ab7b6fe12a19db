// Public map: bytes transferred and time until the first results are listed, for a département view with
// N venues loaded (default 30,000), against the national map's approach (download every venue as one
// GeoJSON, then filter and sort in the browser), in the same run, same browser, same server.
//   npx tsx bench/web.ts [--size 30000] [--pg postgres://postgres@127.0.0.1:5432/postgres] [--runs 3]
// Needs PostgreSQL+PostGIS (a throw-away database is created and dropped) and a built web/ (npm run build:web).
import { createServer, type Server } from 'node:http'
import { gzipSync } from 'node:zlib'
import { parseArgs } from 'node:util'
import { sql } from 'kysely'
import pg from 'pg'
import type { Browser, Page } from 'playwright-core'
import { recordToVenueData, VENUE_DATA_COLUMNS } from '../db/venue-record.ts'
import { parseStandardRecord } from '../db/standard/index.ts'
import type { DatabaseHandle } from '../db/connect.ts'
import { startE2E } from '../test-support/start.ts'
import { synthesizeRows } from '../test-support/synthesize.ts'

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '30000' },
    pg: { type: 'string', default: process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
    runs: { type: 'string', default: '3' },
  },
})
const SIZE = Number(values.size)
const RUNS = Number(values.runs)
// The département view: Nord (59), around Lille — the densest département of the demo data.
const VIEW = { departement: '59', lat: 50.6292, lon: 3.0573, label: 'Lille' }

async function seed(handle: DatabaseHandle): Promise<void> {
  const started = performance.now()
  let batch: unknown[] = []
  const flush = async () => {
    if (batch.length === 0) return
    // Columns named so that id (and the derived columns) take their defaults.
    const columns = sql.raw(VENUE_DATA_COLUMNS.map((c) => `"${c}"`).join(', '))
    await sql`INSERT INTO venues (${columns})
      SELECT ${columns} FROM json_populate_recordset(NULL::venues, ${JSON.stringify(batch)}::json)`.execute(handle.db)
    batch = []
  }
  for (const raw of synthesizeRows(SIZE, 7)) {
    const parsed = parseStandardRecord(raw)
    if (!parsed.record || parsed.errors.length > 0) continue
    batch.push(recordToVenueData(parsed.record, 'bench'))
    if (batch.length >= 2000) await flush()
  }
  await flush()
  await sql`ANALYZE venues`.execute(handle.db)
  const {
    rows: [{ n, dep }],
  } = await sql<{
    n: number
    dep: number
  }>`SELECT count(*)::int AS n, count(*) FILTER (WHERE departement = ${VIEW.departement})::int AS dep FROM venues`.execute(handle.db)
  console.log(`seeded ${n} venues (${dep} in département ${VIEW.departement}) in ${((performance.now() - started) / 1000).toFixed(1)} s`)
}

/** The national map's data: every published venue as one GeoJSON FeatureCollection, built through our API. */
async function allVenuesGeoJson(baseUrl: string): Promise<Buffer> {
  const features: unknown[] = []
  let cursor: string | null = null
  do {
    const url = new URL('/api/v1/venues', baseUrl)
    url.searchParams.set('format', 'geojson')
    url.searchParams.set('limit', '1000')
    if (cursor) url.searchParams.set('cursor', cursor)
    const page = (await (await fetch(url)).json()) as { features: unknown[]; next_cursor: string | null }
    features.push(...page.features)
    cursor = page.next_cursor
  } while (cursor)
  return Buffer.from(JSON.stringify({ type: 'FeatureCollection', features }))
}

// The baseline page: fetch everything, keep the département, sort by distance, list the 20 nearest.
const BASELINE_HTML = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Référence : tout en GeoJSON</title></head>
<body><ol id="results"></ol><script>
const P = { lat: ${VIEW.lat}, lon: ${VIEW.lon} }
function dist(a, b) { const R = 6371008.8, r = Math.PI / 180, dl = (b.lat - a.lat) * r, dn = (b.lon - a.lon) * r
  const h = Math.sin(dl / 2) ** 2 + Math.cos(a.lat * r) * Math.cos(b.lat * r) * Math.sin(dn / 2) ** 2
  return 2 * R * Math.asin(Math.sqrt(h)) }
fetch('/all.geojson').then((r) => r.json()).then((fc) => {
  const near = fc.features.filter((f) => f.geometry && f.properties.departement === '${VIEW.departement}')
    .map((f) => ({ f, d: dist(P, { lat: f.geometry.coordinates[1], lon: f.geometry.coordinates[0] }) }))
    .sort((a, b) => a.d - b.d).slice(0, 20)
  const ol = document.getElementById('results')
  for (const { f, d } of near) {
    const li = document.createElement('li'); li.className = 'result'
    li.textContent = f.properties.nom + ' — ' + Math.round(d) + ' m'; ol.append(li) }
})
</script></body></html>`

function serveBaseline(geojson: Buffer): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    if (request.url === '/all.geojson')
      response.writeHead(200, { 'Content-Type': 'application/geo+json', 'Content-Length': geojson.length }).end(geojson)
    else response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(BASELINE_HTML)
  })
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address() as { port: number }
      resolve({ server, url: `http://127.0.0.1:${address.port}` })
    }),
  )
}

interface Measure {
  ms: number
  bytes: number
  dataBytes: number
  requests: number
  settledBytes: number
  basemapBytes: number
  basemapRequests: number
}

/** Cold load in a fresh context: bytes on the wire (CDP encodedDataLength) until the first result is listed. */
async function measure(browser: Browser, url: string, isData: (url: string) => boolean): Promise<Measure> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' })
  const page: Page = await context.newPage()
  const cdp = await context.newCDPSession(page)
  await cdp.send('Network.enable')
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true })
  const urls = new Map<string, string>()
  let bytes = 0
  let dataBytes = 0
  let requests = 0
  let done = false
  let settledBytes = 0
  // The offline basemap's share once settled: style, outlines, names, commune tiles.
  let basemapBytes = 0
  let basemapRequests = 0
  let lastActivity = performance.now()
  cdp.on('Network.requestWillBeSent', (e) => {
    urls.set(e.requestId, e.request.url)
    lastActivity = performance.now()
  })
  cdp.on('Network.loadingFinished', (e) => {
    settledBytes += e.encodedDataLength
    if (/\/basemap\/|\/tiles\/communes\//.test(urls.get(e.requestId) ?? '')) {
      basemapBytes += e.encodedDataLength
      basemapRequests++
    }
    lastActivity = performance.now()
    if (done) return
    bytes += e.encodedDataLength
    requests++
    if (isData(urls.get(e.requestId) ?? '')) dataBytes += e.encodedDataLength
  })
  await page.goto(url, { waitUntil: 'commit' })
  await page.waitForFunction(() => document.querySelectorAll('#results li.result').length > 0, null, { timeout: 120_000, polling: 'raf' })
  const ms = await page.evaluate(() => performance.now())
  done = true
  // Then everything the page loads once settled (the map chunk, basemap, tiles): 1.5 s without traffic.
  const limit = performance.now() + 20_000
  while (performance.now() - lastActivity < 1500 && performance.now() < limit) await new Promise((r) => setTimeout(r, 250))
  await context.close()
  return { ms, bytes, dataBytes, requests, settledBytes, basemapBytes, basemapRequests }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

function summarize(runs: Measure[]): Measure {
  return {
    ms: median(runs.map((r) => r.ms)),
    bytes: median(runs.map((r) => r.bytes)),
    dataBytes: median(runs.map((r) => r.dataBytes)),
    requests: median(runs.map((r) => r.requests)),
    settledBytes: median(runs.map((r) => r.settledBytes)),
    basemapBytes: median(runs.map((r) => r.basemapBytes)),
    basemapRequests: median(runs.map((r) => r.basemapRequests)),
  }
}

const kb = (n: number) => `${(n / 1024).toFixed(0)} kB`

async function main(): Promise<void> {
  const name = `maillage_bench_web_${process.pid}`
  const admin = new pg.Client({ connectionString: values.pg })
  await admin.connect()
  await admin.query(`CREATE DATABASE "${name}"`)
  await admin.end()
  const url = new URL(values.pg as string)
  url.pathname = `/${name}`
  process.env.DATABASE_URL = url.toString()
  const e2e = await startE2E({ kind: 'postgres', seed: 'none', prepare: seed })
  let baseline: { server: Server; url: string } | null = null
  try {
    const geojson = await allVenuesGeoJson(e2e.baseUrl)
    baseline = await serveBaseline(geojson)
    const ours = `${e2e.baseUrl}/?territoire=dep:${VIEW.departement}&lat=${VIEW.lat}&lon=${VIEW.lon}&lieu=${VIEW.label}`
    const isApi = (u: string) => u.includes('/api/') || u.includes('/tiles/')
    const a: Measure[] = []
    const b: Measure[] = []
    // Interleaved, so a slow moment of the machine hits both approaches alike.
    for (let i = 0; i < RUNS; i++) {
      a.push(await measure(e2e.browser, ours, isApi))
      b.push(await measure(e2e.browser, `${baseline.url}/`, (u) => u.endsWith('.geojson')))
    }
    const A = summarize(a)
    const B = summarize(b)
    console.log(
      `\nDépartement view (${VIEW.departement}, around ${VIEW.label}) with ${SIZE} venues loaded — ` +
        `median of ${RUNS} cold loads (no HTTP cache)`,
    )
    console.log(
      `  Maillage (/ : 20 nearest via the API, facets, tiles)   first results in ${A.ms.toFixed(0)} ms; ` +
        `${kb(A.bytes)} transferred in ${A.requests} requests, of which data (API + tiles) ${kb(A.dataBytes)}`,
    )
    console.log(
      `  national map approach (one GeoJSON of every venue)     first results in ${B.ms.toFixed(0)} ms; ` +
        `${kb(B.bytes)} transferred in ${B.requests} requests, of which data ${kb(B.dataBytes)} ` +
        `(gzip would be ${kb(gzipSync(geojson).length)})`,
    )
    console.log(
      `  ratio national / Maillage: time ×${(B.ms / A.ms).toFixed(2)}, ` +
        `data bytes ×${(B.dataBytes / A.dataBytes).toFixed(1)}, total bytes ×${(B.bytes / A.bytes).toFixed(2)}`,
    )
    console.log(
      `  once settled (map chunk, basemap, tiles loaded): Maillage ${kb(A.settledBytes)}, national approach ${kb(B.settledBytes)}`,
    )
    console.log(
      `  of which the offline basemap (style, outlines, names, commune tiles): ${kb(A.basemapBytes)} in ${A.basemapRequests} requests`,
    )
    const mbit = (bytes: number) => ((bytes * 8) / 10e6).toFixed(1)
    console.log(
      `  at 10 Mbit/s the bytes before the first results alone take ${mbit(A.bytes)} s (Maillage) vs ${mbit(B.bytes)} s ` +
        `(${mbit(gzipSync(geojson).length)} s if the GeoJSON were gzipped)`,
    )
    console.log(
      '  (Maillage bytes include its application — DSFR styles, fonts, the list code; the reference page has no application at all.)',
    )
  } finally {
    baseline?.server.close()
    await e2e.close()
    const a = new pg.Client({ connectionString: values.pg })
    await a.connect()
    await a.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
    await a.end()
  }
}

await main()
