#!/usr/bin/env bash
# Moves tests/ to mirror the source tree (docs/architecture.md, "Tests"), for the lead to run ONCE after the
# architecture branches are merged: `bash scripts/mirror-tests.sh && npx tsc --noEmit && git commit`.
# System-level suites (e2e, faults, fuzz, scale, security, backup, cli) and cross-cutting API suites stay put.
# After the `git mv` lines, relative imports in and to the moved files are rewritten; nothing else changes.
# Edit a line if a source moved on another branch (e.g. api/curation → api/venues); a missing file is skipped.
set -euo pipefail
cd "$(dirname "$0")/.."

MOVES=(
  # unit suites go beside the API/db suites of the module they test
  "tests/unit/config.test.ts            tests/api/config.test.ts"
  "tests/unit/if-match.test.ts          tests/api/plugins/if-match.test.ts"
  "tests/unit/tile-math.test.ts         tests/api/tiles/tile-math.test.ts"
  "tests/unit/siret.test.ts             tests/api/sponsors/siret.test.ts"
  "tests/unit/geo-departements.test.ts  tests/db/geo/departements.test.ts"
  "tests/unit/nearest.test.ts           tests/db/governance/nearest.test.ts"
  "tests/unit/opening-hours.test.ts     tests/db/search/opening-hours.test.ts"
  "tests/unit/standard-seed-convert.test.ts tests/db/seed/convert.test.ts"
  "tests/unit/standard-seed-data.test.ts tests/db/standard/seed-data.test.ts"
  "tests/unit/standard.test.ts          tests/db/standard/standard.test.ts"
  "tests/unit/write-gate.test.ts        tests/db/write-gate.test.ts"
  "tests/unit/layering.test.ts          tests/layering.test.ts"
  # API suites, one folder per api/ domain
  "tests/api/auth.test.ts               tests/api/auth/auth.test.ts"
  "tests/api/coverage-maintained.test.ts tests/api/governance/coverage-maintained.test.ts"
  "tests/api/governance.test.ts         tests/api/governance/governance.test.ts"
  "tests/api/governance-fixtures.ts     tests/api/governance/fixtures.ts"
  "tests/api/csv-injection.test.ts      tests/api/exports/csv-injection.test.ts"
  "tests/api/demo-export.test.ts        tests/api/exports/demo-export.test.ts"
  "tests/api/export-search.test.ts      tests/api/exports/search.test.ts"
  "tests/api/curation.test.ts           tests/api/venues/curation.test.ts"
  "tests/api/curation-duplicates.test.ts tests/api/venues/duplicates.test.ts"
  "tests/api/curation-etag.test.ts      tests/api/venues/etag.test.ts"
  "tests/api/curation-env.ts            tests/api/venues/curation-env.ts"
  "tests/api/curation-fixtures.ts       tests/api/venues/curation-fixtures.ts"
  "tests/api/geo-placement.test.ts      tests/api/venues/geo-placement.test.ts"
  "tests/api/search-filters.test.ts     tests/api/venues/search-filters.test.ts"
  "tests/api/search-fixtures.ts         tests/api/venues/search-fixtures.ts"
  "tests/api/search-near.test.ts        tests/api/venues/search-near.test.ts"
  "tests/api/search-openapi.test.ts     tests/api/venues/search-openapi.test.ts"
  "tests/api/search-venue.test.ts       tests/api/venues/search-venue.test.ts"
  "tests/api/write-gate.test.ts         tests/api/venues/write-gate.test.ts"
  "tests/api/geocode.test.ts            tests/api/geocode/geocode.test.ts"
  "tests/api/health.test.ts             tests/api/health/health.test.ts"
  "tests/api/import.test.ts             tests/api/imports/import.test.ts"
  "tests/api/imports.test.ts            tests/api/imports/imports.test.ts"
  "tests/api/import-responsive.test.ts  tests/api/imports/responsive.test.ts"
  "tests/api/import-statistics.test.ts  tests/api/imports/statistics.test.ts"
  "tests/api/labels.test.ts             tests/api/labels/labels.test.ts"
  "tests/api/ogc-features.test.ts       tests/api/ogc/features.test.ts"
  "tests/api/pages.test.ts              tests/api/pages/pages.test.ts"
  "tests/api/sponsors.test.ts           tests/api/sponsors/sponsors.test.ts"
  "tests/api/tiles.test.ts              tests/api/tiles/tiles.test.ts"
  # what tests and benches share leaves bench/ (tests must not import bench/, bench must not import tests/)
  "bench/synthesize.ts                  test-support/synthesize.ts"
  "bench/load/runner.ts                 test-support/load-runner.ts"
)

MAP=$(mktemp)
trap 'rm -f "$MAP"' EXIT
for move in "${MOVES[@]}"; do
  read -r from to <<<"$move"
  if [[ ! -e "$from" ]]; then echo "skipped (absent): $from" >&2; continue; fi
  mkdir -p "$(dirname "$to")"
  git mv "$from" "$to"
  printf '%s %s\n' "$from" "$to" >>"$MAP"
done

# Rewrite relative imports (static and dynamic, and new URL(…, import.meta.url)) of every moved file and of
# every file that imports one, so each still points at the same target.
node --input-type=module - "$MAP" <<'JS'
import { readFileSync, writeFileSync } from 'node:fs'
import { execFileSync } from 'node:child_process'
import { dirname, posix, relative } from 'node:path'
const moves = new Map(readFileSync(process.argv[2], 'utf8').trim().split('\n').filter(Boolean).map((l) => l.split(' ')))
const back = new Map([...moves].map(([a, b]) => [b, a]))
const files = execFileSync('git', ['ls-files', '*.ts'], { encoding: 'utf8' }).trim().split('\n')
const rel = (fromDir, target) => { const r = relative(fromDir, target); return r.startsWith('.') ? r : `./${r}` }
for (const file of files) {
  const oldPath = back.get(file) ?? file
  const text = readFileSync(file, 'utf8')
  const next = text.replace(/((?:from|import)\s*\(?\s*|new URL\()(['"])(\.{1,2}\/[^'"]+)\2/g, (all, lead, quote, spec) => {
    const target = posix.normalize(posix.join(dirname(oldPath), spec))
    const moved = moves.get(target) ?? target
    if (moved === target && oldPath === file) return all
    // A directory URL keeps its trailing slash (new URL(name, dir) depends on it).
    return `${lead}${quote}${rel(dirname(file), moved)}${spec.endsWith('/') ? '/' : ''}${quote}`
  })
  if (next !== text) writeFileSync(file, next)
}
JS
# The Node 24 leg of .ci/run runs the unit and API suites, now spread over the mirror.
sed -i 's#NODE24_TESTS:-tests/unit tests/api#NODE24_TESTS:-tests/api tests/db tests/layering.test.ts#' .ci/run
echo "moved $(wc -l <"$MAP") files; now: npx tsc --noEmit && npm run layers"
