// Import throughput: 30,000 synthesised standard rows through the real importer (validation, location,
// versions, audit, one transaction) vs a raw bulk insert of the same rows into the same table, on each
// database. Prints rows/s and the ratio importer/raw. Usage: npx tsx bench/import.ts [--rows N] [--pg URL]
import { parseArgs } from 'node:util'
import { sql } from 'kysely'
import { connectDatabase, type DatabaseHandle } from '../db/connect.ts'
import { loadCommunesIfEmpty } from '../db/communes/load.ts'
import { importFile } from '../db/import/importer.ts'
import { migrateToLatest } from '../db/migrator.ts'
import { parseStandardRecord } from '../db/standard/index.ts'
import { recordToVenueData, type VenueData } from '../db/venue-record.ts'
import { rowsToCsv, synthesizeRows } from '../test-support/synthesize.ts'
import { createThrowawayPostgres } from './throwaway-database.ts'
import { reportRow } from './table-row.ts'

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '30000' },
    pg: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    only: { type: 'string' },
  },
})
const ROWS = Number(values.rows)

async function freshDatabase(kind: 'pglite' | 'postgres'): Promise<{ handle: DatabaseHandle; drop: () => Promise<void> }> {
  const fresh =
    kind === 'pglite'
      ? await connectDatabase({ databaseUrl: null, pgliteDir: 'memory://' }).then((handle) => ({ handle, drop: () => handle.close() }))
      : await createThrowawayPostgres(values.pg!, `maillage_bench_${process.pid}_${Math.random().toString(36).slice(2, 8)}`)
  await migrateToLatest(fresh.handle.db)
  await loadCommunesIfEmpty(fresh.handle.db)
  return fresh
}

/** The baseline: the same venues, already parsed, in one multi-row INSERT per 500 rows, nothing else. */
async function rawInsert(handle: DatabaseHandle, data: VenueData[]): Promise<void> {
  await handle.db.transaction().execute(async (trx) => {
    for (let i = 0; i < data.length; i += 500)
      await trx
        .insertInto('venues')
        .values(data.slice(i, i + 500))
        .execute()
  })
}

async function bench(kind: 'pglite' | 'postgres', csv: Buffer, data: VenueData[]) {
  const a = await freshDatabase(kind)
  let t = performance.now()
  await rawInsert(a.handle, data)
  const rawMs = performance.now() - t
  await a.drop()
  const b = await freshDatabase(kind)
  t = performance.now()
  const report = await importFile(b.handle.db, csv, { fileName: 'bench.csv', actor: 'bench' })
  const importMs = performance.now() - t
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM venues`.execute(b.handle.db)
  await b.drop()
  if (report.totals.created !== ROWS || rows[0].n !== ROWS) throw new Error(`import incomplete: ${JSON.stringify(report.totals)}`)
  const rawRate = ROWS / (rawMs / 1000)
  const importRate = ROWS / (importMs / 1000)
  console.log(
    `${kind.padEnd(8)} raw insert ${rawRate.toFixed(0).padStart(7)} rows/s | ` +
      `importer ${importRate.toFixed(0).padStart(7)} rows/s | ratio ${(importRate / rawRate).toFixed(2)}`,
  )
  if (kind === 'postgres')
    reportRow({
      key: 'import-ratio',
      measured: `${(importRate / rawRate).toFixed(2)} (${importRate.toFixed(0)} vs ${rawRate.toFixed(0)} rows/s, ${ROWS} rows)`,
      met: importRate / rawRate >= 0.35,
    })
}

const rows = synthesizeRows(ROWS)
const csv = rowsToCsv(rows)
const data = rows.map((r) => recordToVenueData(parseStandardRecord(r).record!, 'bench'))
console.log(`bench/import: ${ROWS} rows (${(csv.length / 1e6).toFixed(1)} MB CSV)`)
for (const kind of ['postgres', 'pglite'] as const) if (!values.only || values.only === kind) await bench(kind, csv, data)
