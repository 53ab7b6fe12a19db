// Searches during an import (PostgreSQL): an authority-sized CSV (30,000 rows) posted to `POST /api/v1/imports` while
// a client asks a nearest-20 search every 20 ms of the same server; prints the searches' p50/p99/max next to the goal
// (p99 < 200 ms) and how many were refused. Client and server share a process: a blocked event loop delays both.
// Usage: npx tsx bench/import-blocking.ts [--rows 30000] [--pg URL]
import { request } from 'node:http'
import { parseArgs } from 'node:util'
import { performance } from 'node:perf_hooks'
import { createApiKey } from '../db/auth/api-keys.ts'
import { loadCommunesIfEmpty } from '../db/communes/load.ts'
import { migrateToLatest } from '../db/migrator.ts'
import { rowsToCsv, synthesizeRows } from '../test-support/synthesize.ts'
import { reportRow } from './table-row.ts'
import { createThrowawayPostgres } from './throwaway-database.ts'

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '30000' },
    pg: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
  },
})
const ROWS = Number(values.rows)

/**
 * A POST through node:http, which waits as long as the server takes: fetch gives up after 300 s without headers,
 * and an HTTP import of 30,000 clustered rows (duplicate detection included) can take longer on a loaded machine.
 */
function postWithoutTimeout(url: string, headers: Record<string, string>, body: Buffer) {
  return new Promise<{ status: number; json: () => Promise<unknown> }>((resolve, reject) => {
    const sent = request(url, { method: 'POST', headers: { ...headers, 'content-length': String(body.length) } }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => resolve({ status: res.statusCode!, json: async () => JSON.parse(Buffer.concat(chunks).toString('utf8')) }))
      res.on('error', reject)
    })
    sent.on('error', reject)
    sent.end(body)
  })
}
const GOAL_MS = 200

const database = await createThrowawayPostgres(values.pg!, `maillage_bench_impblock_${process.pid}`)
try {
  const { handle, url } = database
  await migrateToLatest(handle.db)
  await loadCommunesIfEmpty(handle.db)
  const { key } = await createApiKey(handle.db, { name: 'Banc d’essai', role: 'admin', territories: [], createdBy: 'bench' })
  const { buildApp } = await import('../api/app.ts')
  const { readConfig } = await import('../api/config.ts')
  // readConfig reads only this object (not process.env): the search loop outlasts 600 requests a minute.
  const env = { DATABASE_URL: url, SEED: 'none', SESSION_SECRET: 'b'.repeat(40), RATE_LIMIT_MAX: '1000000000' }
  const app = await buildApp({ config: readConfig(env as NodeJS.ProcessEnv), database: handle })
  // The file is made before the server listens: synthesising it blocks this process's loop for seconds, which
  // load shedding (same process) would then hold against the import request itself.
  const csv = rowsToCsv(synthesizeRows(ROWS, 5))
  const address = await app.listen({ port: 0, host: '127.0.0.1' })
  try {
    const search = `${address}/api/v1/venues?near=44.84,-0.58&limit=20`
    for (let i = 0; i < 20; i++) await (await fetch(search)).arrayBuffer() // warm-up
    let importing = true
    let importStarted = performance.now()
    const latencies: number[] = []
    let refused = 0
    const searches = (async () => {
      while (importing) {
        const started = performance.now()
        const response = await fetch(search)
        await response.arrayBuffer()
        latencies.push(performance.now() - started)
        if (response.status !== 200) {
          refused++
          console.log(`  search refused ${response.status} at ${((performance.now() - importStarted) / 1000).toFixed(1)} s of the import`)
        }
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
    })()
    const started = performance.now()
    importStarted = started
    let response: { status: number; json: () => Promise<unknown> }
    let body: { totals?: { created?: number } }
    try {
      response = await postWithoutTimeout(`${address}/api/v1/imports`, { authorization: `Bearer ${key}`, 'content-type': 'text/csv' }, csv)
      body = (await response.json()) as typeof body
    } finally {
      importing = false
      await searches
    }
    const importMs = performance.now() - started
    if (response.status !== 201 || body.totals?.created !== ROWS)
      throw new Error(`import failed: ${response.status} ${JSON.stringify(body).slice(0, 300)}`)
    latencies.sort((a, b) => a - b)
    const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]
    console.log(`[postgres] ${ROWS}-row CSV (${(csv.length / 1e6).toFixed(1)} MB) imported over HTTP in ${(importMs / 1000).toFixed(1)} s`)
    const [p50, p99, max] = [at(0.5).toFixed(0), at(0.99).toFixed(0), latencies.at(-1)!.toFixed(0)]
    console.log(`  ${latencies.length} searches meanwhile: p50 ${p50} ms, p99 ${p99} ms, max ${max} ms, ${refused} refused`)
    reportRow({
      key: 'import-blocking',
      measured: `p99 ${p99} ms, max ${max} ms over ${latencies.length} searches, ${refused} refused (${ROWS} rows)`,
      met: at(0.99) < GOAL_MS && refused === 0,
    })
  } finally {
    await app.close()
  }
} finally {
  await database.drop()
}
