// `npm run bench`: runs every benchmark of bench/ in turn (each prints its own ratios). Not part of npm test.
// Extra arguments are passed to each benchmark (e.g. `npm run bench -- --quick`).
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const dir = fileURLToPath(new URL('./', import.meta.url))
const HELPERS = new Set(['run-all.ts', 'synthesize.ts'])
const only = process.env.BENCH
let failed = 0
for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts') && !HELPERS.has(f)).sort()) {
  if (only && !file.startsWith(only)) continue
  console.log(`\n### bench/${file}`)
  const run = spawnSync(process.execPath, ['--import', 'tsx', `bench/${file}`, ...process.argv.slice(2)], { stdio: 'inherit', cwd: fileURLToPath(new URL('../', import.meta.url)) })
  if (run.status !== 0) failed++
}
process.exitCode = failed ? 1 : 0
