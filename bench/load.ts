// Load benchmark: mixed public traffic (near search, tiles, venue pages, venue JSON) against a real
// `maillage serve` on PostgreSQL with 30,000 venues, 100 connections for 60 s. Prints errors, p50/p99 and
// the server's resident memory over time (growth over the last two thirds must stay under 10 %).
//   npx tsx bench/load.ts [--quick] [--duration 60] [--warmup 30] [--connections 100] [--venues 30000]
// Uses DATABASE_URL when set (an EMPTY database), else creates and drops a temporary one on the local server.
import { parseArgs } from 'node:util'
import pg from 'pg'
import { connectDatabase } from '../db/connect.ts'
import { loadCommunesIfEmpty } from '../db/communes/load.ts'
import { migrateToLatest } from '../db/migrator.ts'
import { formatReport, runLoad, seedVenues } from '../test-support/load-runner.ts'

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    duration: { type: 'string' },
    warmup: { type: 'string' },
    connections: { type: 'string' },
    venues: { type: 'string' },
  },
  strict: false,
})
const quick = !!values.quick
const durationS = Number(values.duration ?? (quick ? 10 : 60))
const connections = Number(values.connections ?? (quick ? 50 : 100))
const venueCount = Number(values.venues ?? (quick ? 3000 : 30_000))
// The same load first, unmeasured: memory is judged once pools, caches and the heap have their working size.
const warmupS = Number(values.warmup ?? (quick ? 5 : 30))

const adminUrl = process.env.BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
let databaseUrl = process.env.DATABASE_URL ?? null
let temporary: string | null = null
if (!databaseUrl) {
  temporary = `maillage_bench_${process.pid}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`CREATE DATABASE "${temporary}"`)
  await admin.end()
  const url = new URL(adminUrl)
  url.pathname = `/${temporary}`
  databaseUrl = url.toString()
}
try {
  const handle = await connectDatabase({ databaseUrl, poolSize: 4 })
  try {
    await migrateToLatest(handle.db)
    await loadCommunesIfEmpty(handle.db)
    const existing = Number(
      (
        await handle.db
          .selectFrom('venues')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )
    console.log(`Préparation : ${venueCount} lieux synthétiques (jitter des lieux de démonstration)…`)
    if (existing < venueCount) await seedVenues(handle.db, venueCount, console.log)
    await handle.db.executeQuery({ sql: 'ANALYZE', parameters: [], query: { kind: 'RawNode' } } as never).catch(() => {})
    const report = await runLoad({ databaseUrl, durationS, connections, warmupS, log: console.log }, handle.db)
    console.log(formatReport(report))
    const ok = report.errors === 0 && report.rssGrowth < 0.1
    console.log(ok ? 'OK : zéro erreur, mémoire stable.' : 'ÉCHEC : erreurs ou mémoire en croissance.')
    process.exitCode = ok ? 0 : 1
  } finally {
    await handle.close()
  }
} finally {
  if (temporary) {
    const admin = new pg.Client({ connectionString: adminUrl })
    await admin.connect()
    await admin.query(`DROP DATABASE IF EXISTS "${temporary}" WITH (FORCE)`)
    await admin.end()
  }
}
