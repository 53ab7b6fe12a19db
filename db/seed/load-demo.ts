// SEED=demo: loads the bundled real venues (db/seed/data/venues/*.csv, see its README for sources and
// licences) into an empty database, once. A marker in app_meta makes sure it never runs twice.
import { readdir, readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { join } from 'node:path'
import type { Kysely } from 'kysely'
import type { Database } from '../types.ts'
import { importFile } from '../import/importer.ts'
import { analyzeAfterBulkWrite } from '../statistics.ts'

const DEMO_DIR = fileURLToPath(new URL('./data/venues/', import.meta.url))
const MARKER = 'seed:demo'

export interface SeedResult {
  loaded: boolean
  venues: number
  reason?: string
}

export async function loadDemoSeed(db: Kysely<Database>): Promise<SeedResult> {
  const marker = await db.selectFrom('app_meta').select('key').where('key', '=', MARKER).executeTakeFirst()
  if (marker) return { loaded: false, venues: 0, reason: 'déjà chargées' }
  const { count } = await db.selectFrom('venues').select(db.fn.countAll<number>().as('count')).executeTakeFirstOrThrow()
  if (Number(count) > 0) return { loaded: false, venues: 0, reason: 'la base contient déjà des lieux' }
  const files = (await readdir(DEMO_DIR)).filter((f) => f.endsWith('.csv')).sort()
  let venues = 0
  for (const file of files) {
    const report = await importFile(db, await readFile(join(DEMO_DIR, file)), {
      fileName: file,
      actor: 'seed:demo',
      partial: true,
      analyze: false,
    })
    if (report.file_error) throw new Error(`Données de démonstration ${file} illisibles : ${report.file_error}`)
    venues += report.totals.created
  }
  await analyzeAfterBulkWrite(db, { venues, venue_versions: venues, audit_log: venues })
  await db
    .insertInto('app_meta')
    .values({ key: MARKER, value: JSON.stringify({ files, venues, at: new Date().toISOString() }) })
    .execute()
  return { loaded: true, venues }
}
