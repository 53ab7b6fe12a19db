import { performance } from 'node:perf_hooks'
import { sql } from 'kysely'
import pg from 'pg'
import { connectDatabase } from '../db/connect.ts'
import { loadCommunesIfEmpty } from '../db/communes/load.ts'
import { migrateToLatest } from '../db/migrator.ts'
import { parseStandardRecord } from '../db/standard/index.ts'
import { recordToVenueData, VENUE_DATA_COLUMNS } from '../db/venue-record.ts'
import { synthesizeRows } from './synthesize.ts'
process.env.RATE_LIMIT_MAX = '1000000000'
process.env.MAX_EVENT_LOOP_DELAY_MS = '0'
const name = `maillage_prof_${process.pid}`
const admin = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' }); await admin.connect(); await admin.query(`CREATE DATABASE "${name}"`); await admin.end()
const url = `postgres://postgres@127.0.0.1:5432/${name}`
const handle = await connectDatabase({ databaseUrl: url, poolSize: 10 })
await migrateToLatest(handle.db); await loadCommunesIfEmpty(handle.db)
const data = synthesizeRows(5000, 1).map((r) => parseStandardRecord(r)).filter((p) => p.record && !p.errors.length).map((p) => recordToVenueData(p.record!, 'b'))
const columns = sql.join(VENUE_DATA_COLUMNS.map((c) => sql.ref(c)))
await sql`INSERT INTO venues (${columns}) SELECT ${columns} FROM json_populate_recordset(NULL::venues, ${JSON.stringify(data)}::json)`.execute(handle.db)
const { buildApp } = await import('../api/app.ts'); const { readConfig } = await import('../api/config.ts')
const app = await buildApp({ config: readConfig({ DATABASE_URL: url, SEED: 'none', SESSION_SECRET: 'b'.repeat(40) } as NodeJS.ProcessEnv), database: handle })
await app.ready()
const u = '/api/v1/venues?near=44.83,-0.57&services=Aide%20aux%20d%C3%A9marches%20administratives&frais_a_charge=Gratuit&limit=20'
for (let i = 0; i < 50; i++) await app.inject({ url: u })
let t = performance.now()
for (let i = 0; i < 200; i++) await app.inject({ url: u })
console.log('inject ms/req', (performance.now() - t) / 200)
t = performance.now()
for (let i = 0; i < 200; i++) await app.inject({ url: '/healthz' })
console.log('healthz ms/req', (performance.now() - t) / 200)
await app.close(); await handle.close()
const a = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' }); await a.connect(); await a.query(`DROP DATABASE "${name}" WITH (FORCE)`); await a.end()
