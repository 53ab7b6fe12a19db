// `npm run bench`: the benchmarks behind issue 11's table, in turn, then that table once, each row with its measured
// value next to its goal. Not part of npm test. PostgreSQL on 127.0.0.1:5432 (or --pg URL, passed on) is needed.
//
// Sizes: 30,000 venues by default (a few minutes on a 2-core machine). For the 300,000-venue variant of the search
// and tile rows: `BENCH_VENUES=300000 npm run bench` (seeding alone takes several minutes).
// `BENCH=search npm run bench` runs only the benchmarks whose file name starts with "search"; `BENCH=all` adds the
// long ones that are not table rows (load.ts: 60 s of mixed traffic; web.ts: Chromium; coverage-writes.ts).
// Extra arguments are passed to each benchmark (e.g. `npm run bench -- --pg postgres://…`).
import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { ROW_TAG, TABLE_ROWS, type BenchRow } from './table-row.ts'

const venues = process.env.BENCH_VENUES ?? '30000'
/** The table's benchmarks and their arguments; each prints its own details and its table rows. */
const TABLE_BENCHES: [string, string[]][] = [
  ['search.ts', ['--venues', venues, '--skip-tiles', '--seconds', '5']],
  ['governance.ts', ['--venues', '30000', '--runs', '2']],
  ['import.ts', ['--rows', '30000', '--only', 'postgres']],
  ['import-blocking.ts', ['--rows', '30000']],
  ['tiles.ts', ['--venues', venues, '--runs', '7']],
]
const EXTRA_BENCHES: [string, string[]][] = [
  ['coverage-writes.ts', []],
  ['load.ts', []],
  ['web.ts', []],
]

const only = process.env.BENCH
const chosen =
  only === 'all'
    ? [...TABLE_BENCHES, ...EXTRA_BENCHES]
    : [...TABLE_BENCHES, ...EXTRA_BENCHES].filter(([file]) => (only ? file.startsWith(only) : TABLE_BENCHES.some(([f]) => f === file)))
const rows = new Map<string, BenchRow>()
const failures: string[] = []
const started = Date.now()

for (const [file, args] of chosen) {
  console.log(`\n### bench/${file} ${args.join(' ')}`)
  const child = spawn(process.execPath, ['--import', 'tsx', `bench/${file}`, ...args, ...process.argv.slice(2)], {
    cwd: fileURLToPath(new URL('../', import.meta.url)),
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  // Echo the benchmark's own output; keep its tagged rows for the final table.
  for await (const line of createInterface({ input: child.stdout! })) {
    if (line.startsWith(ROW_TAG)) {
      const row = JSON.parse(line.slice(ROW_TAG.length)) as BenchRow
      rows.set(row.key, row)
    } else {
      console.log(line)
    }
  }
  const code = await new Promise<number | null>((resolve) =>
    child.exitCode !== null ? resolve(child.exitCode) : child.on('close', resolve),
  )
  if (code !== 0) failures.push(`${file} (exit ${code})`)
}

console.log(`\n## Issue 11 — every row, one run (${((Date.now() - started) / 60000).toFixed(1)} min; timings depend on the machine's load)`)
console.log(`| what | measured | goal | met |\n| --- | --- | --- | --- |`)
for (const [key, what, goal] of TABLE_ROWS) {
  const row = rows.get(key)
  console.log(
    `| ${what} | ${row ? row.measured : 'not measured in this run'} | ${goal} | ` +
      `${row ? (row.met === null ? '—' : row.met ? 'yes' : 'NO') : '—'} |`,
  )
}
if (failures.length) console.log(`\nFailed: ${failures.join(', ')}`)
process.exitCode = failures.length ? 1 : 0
