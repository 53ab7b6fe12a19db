// Compares three ways to reach PGlite, in one process: in the HTTP thread (before), a worker thread behind our
// Unix-socket server reached through pg (what db/connect.ts does), and a message-channel worker (postMessage of
// SQL + parsed rows). Prints per-query times, the event-loop delay during a long query, and ratios to in-thread.
// Usage: npx tsx bench/pglite-transport.ts [--small 500] [--big 20]
import { parseArgs } from 'node:util'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { Worker } from 'node:worker_threads'
import { CompiledQuery } from 'kysely'
import { connectDatabase } from '../db/connect.ts'

const { values } = parseArgs({ options: { small: { type: 'string', default: '500' }, big: { type: 'string', default: '20' } } })
const SMALL = Number(values.small)
const BIG = Number(values.big)
const BIG_SQL = "SELECT i, 'lieu ' || i AS nom, (i * 0.5)::float8 AS x, now() AS at FROM generate_series(1, 2000) i"
const LONG_SQL = 'SELECT count(*) FROM generate_series(1, 3000000) a, LATERAL (SELECT a * 2) b'

type Run = (text: string, params?: unknown[]) => Promise<unknown[]>

const results: Array<{ name: string; small: number; big: number; delay: number }> = []

async function measure(name: string, run: Run, close: () => Promise<void>) {
  await run('SELECT 1')
  let t = performance.now()
  for (let i = 0; i < SMALL; i++) await run('SELECT $1::int AS n', [i])
  const small = (performance.now() - t) / SMALL
  t = performance.now()
  for (let i = 0; i < BIG; i++) await run(BIG_SQL)
  const big = (performance.now() - t) / BIG
  const delay = monitorEventLoopDelay({ resolution: 10 })
  delay.enable()
  t = performance.now()
  await run(LONG_SQL)
  const long = performance.now() - t
  await new Promise((r) => setTimeout(r, 50)) // a blocked loop records its delay when it runs again
  delay.disable()
  console.log(
    `${name.padEnd(22)} SELECT $1: ${(small * 1000).toFixed(0).padStart(6)} µs/query   ` +
      `2,000 rows: ${big.toFixed(1).padStart(6)} ms/query   ` +
      `long query ${long.toFixed(0)} ms, max event-loop delay during it ${(delay.max / 1e6).toFixed(0)} ms`,
  )
  results.push({ name, small, big, delay: delay.max / 1e6 })
  await close()
}

// 1. In the HTTP thread (the former db/pglite-dialect.ts path).
{
  const { PGlite } = await import('@electric-sql/pglite')
  const client = await PGlite.create({ dataDir: 'memory://' })
  await measure(
    'in-thread',
    async (text, params) => (await client.query(text, params)).rows,
    () => client.close(),
  )
}

// 2. Worker thread + pglite-socket, reached through pg (the chosen design).
{
  const handle = await connectDatabase({ databaseUrl: null, pgliteDir: 'memory://' })
  await measure(
    'worker + socket + pg',
    async (text, params) => (await handle.db.executeQuery(CompiledQuery.raw(text, params ?? []))).rows,
    () => handle.close(),
  )
}

// 3. Message-channel worker: SQL and parameters posted in, parsed rows structured-cloned back.
{
  const worker = new Worker(
    `
    const { parentPort } = require('node:worker_threads')
    import('@electric-sql/pglite').then(async ({ PGlite }) => {
      const db = await PGlite.create({ dataDir: 'memory://' })
      parentPort.on('message', async ({ id, text, params }) => {
        try { parentPort.postMessage({ id, rows: (await db.query(text, params)).rows }) }
        catch (e) { parentPort.postMessage({ id, error: String(e.message) }) }
      })
      parentPort.postMessage({ ready: true })
    })`,
    { eval: true },
  )
  const waiting = new Map<number, (rows: unknown[]) => void>()
  let next = 0
  await new Promise<void>((resolve) =>
    worker.on('message', (m) => (m.ready ? resolve() : (waiting.get(m.id)!(m.rows), waiting.delete(m.id)))),
  )
  const run: Run = (text, params) =>
    new Promise((resolve) => {
      const id = next++
      waiting.set(id, resolve)
      worker.postMessage({ id, text, params })
    })
  await measure('worker + postMessage', run, async () => {
    await worker.terminate()
  })
}

const [base, ...others] = results
console.log(`\nratios to ${base.name} (time per query; < 1 is faster):`)
for (const r of others) {
  console.log(
    `  ${r.name.padEnd(22)} SELECT $1 ×${(r.small / base.small).toFixed(2)}   2,000 rows ×${(r.big / base.big).toFixed(2)}   ` +
      `max event-loop delay during the long query ×${(r.delay / base.delay).toFixed(3)}`,
  )
}
