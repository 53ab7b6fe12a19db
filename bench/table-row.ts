// The rows of issue 11's table, as each benchmark measures them: printed for the reader, and once more as a tagged
// line that bench/run-all.ts gathers into one table at the end of `npm run bench` (and hides from its echo).
export const ROW_TAG = '@bench-row '

/** Keys in the order of the table; run-all.ts prints a row for each, "not measured" when none came. */
export const TABLE_ROWS = [
  ['nearest-after-import', 'nearest-20 right after a bulk insert (statistics)', 'full speed immediately'],
  ['api-vs-thin', 'API nearest-20 vs thin node:http + SQL', '≥ 0.7'],
  ['api-vs-sql', 'API nearest-20 vs raw SQL through a pool', '≥ 0.4'],
  ['indicators-pglite', 'national indicators, embedded (PGlite, demo data)', '< 300 ms'],
  ['indicators-postgres', 'national indicators, PostgreSQL', '< 300 ms'],
  ['import-blocking', 'searches during a 30,000-row CSV import (HTTP)', 'p99 < 200 ms'],
  ['import-ratio', 'importer vs raw bulk insert (PostgreSQL)', '≥ 0.35'],
  ['tile-z5', 'uncached z5 tile after a write', '< 50 ms'],
] as const

export type RowKey = (typeof TABLE_ROWS)[number][0]

export interface BenchRow {
  key: RowKey
  measured: string
  met: boolean | null
  note?: string
}

export function reportRow(row: BenchRow): void {
  const spec = TABLE_ROWS.find(([key]) => key === row.key)!
  console.log(`  → ${spec[1]}: ${row.measured} (goal ${spec[2]}${row.met === null ? '' : row.met ? ', met' : ', NOT met'})`)
  console.log(ROW_TAG + JSON.stringify(row))
}
