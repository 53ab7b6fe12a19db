// Seeds for end-to-end runs. 'demo-subset' = the bundled real venues of Haute-Savoie (74) from the
// Auvergne-Rhône-Alpes file: 151 venues with hours, services, fees and publics — enough to filter and
// page, small enough to import in a second or two on either database.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parse } from 'csv-parse/sync'
import { stringify } from 'csv-stringify/sync'
import type { Kysely } from 'kysely'
import { importFile } from '../db/import/importer.ts'
import type { Database } from '../db/types.ts'

export type E2ESeed = 'none' | 'demo-subset'

const DEMO = (name: string) => fileURLToPath(new URL(`../db/seed/data/venues/${name}`, import.meta.url))

/** The rows of one bundled CSV whose postcode starts with `prefix`, as a CSV file. */
export function demoSubsetCsv(file = 'hinaura.csv', prefix = '74'): Buffer {
  const rows = parse(readFileSync(DEMO(file)), { columns: true }) as Record<string, string>[]
  const kept = rows.filter((r) => r.code_postal.startsWith(prefix))
  return Buffer.from(stringify(kept, { header: true, columns: Object.keys(rows[0]) }))
}

export async function seedDatabase(db: Kysely<Database>, seed: E2ESeed): Promise<number> {
  if (seed === 'none') return 0
  const report = await importFile(db, demoSubsetCsv(), { fileName: 'hinaura-74.csv', source: 'hinaura', actor: 'test:e2e', partial: true })
  if (report.file_error) throw new Error(`seed e2e : ${report.file_error}`)
  return report.totals.created
}
