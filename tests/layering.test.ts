// The layering rules (.dependency-cruiser.cjs, run on the real tree by `npm run layers` in `npm test`) do fail:
// a small tree with one planted violation of each kind is cruised and every violation must be reported.
import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const tree = mkdtempSync(join(tmpdir(), 'maillage-layers-'))
afterAll(() => rmSync(tree, { recursive: true, force: true }))

function plant(files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(tree, path)), { recursive: true })
    writeFileSync(join(tree, path), text)
  }
}

interface Violation {
  rule: { name: string }
  from: string
  to: string
}

async function cruise(): Promise<Violation[]> {
  const bin = join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs')
  const args = [
    bin,
    '--config',
    join(ROOT, '.dependency-cruiser.cjs'),
    '--output-type',
    'json',
    'domain',
    'db',
    'services',
    'api',
    'web',
    'cli',
    'tests',
    'test-support',
    'bench',
  ]
  // depcruise exits non-zero when it finds errors; the JSON report is on stdout either way.
  const { stdout } = await promisify(execFile)(process.execPath, args, { cwd: tree, maxBuffer: 16 << 20 }).catch((error) => error)
  return (JSON.parse(stdout) as { summary: { violations: Violation[] } }).summary.violations
}

it('reports every planted backward import and cycle, and nothing in a clean import', async () => {
  plant({
    'tsconfig.json': JSON.stringify({
      compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', allowImportingTsExtensions: true, noEmit: true },
    }),
    'domain/status.ts': "export const STATUSES = ['active'] as const\n",
    'domain/clock.ts': "import { readFileSync } from 'node:fs'\nexport const read = readFileSync\n",
    'db/venues.ts':
      "import { STATUSES } from '../domain/status.ts'\nimport { handler } from '../api/routes.ts'\nexport const q = [STATUSES, handler]\n",
    'services/merge.ts': "import { q } from '../db/venues.ts'\nexport const merge = q\n",
    'api/routes.ts': "import { merge } from '../services/merge.ts'\nexport const handler = merge\n",
    'web/main.ts': "import { q } from '../db/venues.ts'\nexport const m = q\n",
    'cli/report.ts': "import { handler } from '../api/routes.ts'\nexport const r = handler\n",
    'test-support/start.ts': 'export const start = 1\n',
    'bench/run.ts':
      "import { h } from '../tests/helper.ts'\nimport { start } from '../test-support/start.ts'\nexport const b = [h, start]\n",
    'tests/helper.ts': 'export const h = 1\n',
  })
  const found = (await cruise()).map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort()
  expect(found).toEqual(
    expect.arrayContaining([
      'bench-not-tests: bench/run.ts → tests/helper.ts',
      'cli-uses-services-not-routes: cli/report.ts → api/routes.ts',
      'db-below-services: db/venues.ts → api/routes.ts',
      'domain-is-pure: domain/clock.ts → fs',
      'web-is-browser-code: web/main.ts → db/venues.ts',
    ]),
  )
  // db → api → services → db is also a cycle.
  expect(found.some((v) => v.startsWith('no-circular: '))).toBe(true)
  // Downward imports (services → db, api → services, bench → test-support, db → domain) are not reported.
  expect(
    found.filter(
      (v) => /services\/merge\.ts → db|bench\/run\.ts → test-support|db\/venues\.ts → domain/.test(v) && !v.startsWith('no-circular'),
    ),
  ).toEqual([])
}, 60_000)
