// Whole-file sync vs full import: a 30,000-row standard file is imported into an empty database (the full
// import), then the same file with 1 % of rows changed (their name) is synced as one source. Prints both
// times and the ratio sync/import (goal ≤ 0.3). Usage: npx tsx bench/sync.ts [--rows N] [--pg URL] [--only pglite|postgres]
import { parseArgs } from 'node:util'
import { connectDatabase, type DatabaseHandle } from '../db/connect.ts'
import { loadCommunesIfEmpty } from '../db/communes/load.ts'
import { importFile } from '../db/import/importer.ts'
import { migrateToLatest } from '../db/migrator.ts'
import { syncFile } from '../db/sync/sync.ts'
import { rowsToCsv, synthesizeRows } from '../test-support/synthesize.ts'
import { createThrowawayPostgres } from './throwaway-database.ts'

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '30000' },
    pg: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    only: { type: 'string' },
  },
})
const ROWS = Number(values.rows)
const SOURCE = 'bench'

async function freshDatabase(kind: 'pglite' | 'postgres'): Promise<{ handle: DatabaseHandle; drop: () => Promise<void> }> {
  const fresh =
    kind === 'pglite'
      ? await connectDatabase({ databaseUrl: null, pgliteDir: 'memory://' }).then((handle) => ({ handle, drop: () => handle.close() }))
      : await createThrowawayPostgres(values.pg!, `maillage_bench_${process.pid}_${Math.random().toString(36).slice(2, 8)}`)
  await migrateToLatest(fresh.handle.db)
  await loadCommunesIfEmpty(fresh.handle.db)
  return fresh
}

async function bench(kind: 'pglite' | 'postgres', csv: Buffer, changed: Buffer, changedCount: number) {
  const db = await freshDatabase(kind)
  try {
    let t = performance.now()
    const imported = await importFile(db.handle.db, csv, { fileName: 'bench.csv', source: SOURCE, actor: 'bench' })
    const importMs = performance.now() - t
    if (imported.totals.created !== ROWS) throw new Error(`import incomplete: ${JSON.stringify(imported.totals)}`)
    t = performance.now()
    const synced = await syncFile(db.handle.db, changed, { source: SOURCE, fileName: 'bench.csv', actor: 'bench' })
    const syncMs = performance.now() - t
    if (synced.status !== 'applied' || synced.totals.updated !== changedCount || synced.totals.unchanged !== ROWS - changedCount) {
      throw new Error(`sync unexpected: ${synced.status} ${JSON.stringify(synced.totals)}`)
    }
    console.log(
      `${kind.padEnd(8)} full import ${(importMs / 1000).toFixed(1).padStart(6)} s | ` +
        `sync (${changedCount} changed) ${(syncMs / 1000).toFixed(1).padStart(6)} s | ratio ${(syncMs / importMs).toFixed(2)}`,
    )
  } finally {
    await db.drop()
  }
}

const rows = synthesizeRows(ROWS)
const csv = rowsToCsv(rows)
const step = 100
const changedRows = rows.map((r, i) => (i % step === 0 ? { ...r, nom: `${r.nom} (renommé)` } : r))
const changed = rowsToCsv(changedRows)
console.log(`bench/sync: ${ROWS} rows (${(csv.length / 1e6).toFixed(1)} MB CSV), ${Math.ceil(ROWS / step)} changed`)
for (const kind of ['postgres', 'pglite'] as const)
  if (!values.only || values.only === kind) await bench(kind, csv, changed, Math.ceil(ROWS / step))
