import { connectDatabase } from '../../db/connect.ts'
import { loadCommunesIfEmpty } from '../../db/communes/load.ts'
import { migrateToLatest } from '../../db/migrator.ts'
import pg from 'pg'
const admin = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' })
await admin.connect(); await admin.query('DROP DATABASE IF EXISTS gov_dev_helper6'); await admin.query('CREATE DATABASE gov_dev_helper6'); await admin.end()
const h = await connectDatabase({ databaseUrl: 'postgres://postgres@127.0.0.1:5432/gov_dev_helper6' })
await migrateToLatest(h.db); await loadCommunesIfEmpty(h.db); await h.close()
