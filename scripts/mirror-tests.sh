#!/usr/bin/env bash
# Moved tests/ to mirror the source tree (docs/architecture.md, "Tests"); kept as the record of what moved where.
# Run once: `bash scripts/mirror-tests.sh && npx tsc --noEmit && git commit`; a second run finds nothing to move.
# System-level suites (e2e, faults, fuzz, scale, security, backup, cli) and cross-cutting API suites stay put.
# After the `git mv` lines, relative imports in and to the moved files are rewritten; nothing else changes.
# Edit a line if a source moved on another branch (e.g. api/curation → api/venues); a missing file is skipped.
set -euo pipefail
cd "$(dirname "$0")/.."

MOVES=(
  # unit suites go beside the module they test, in the same layer
  "tests/unit/config.test.ts                 tests/api/config.test.ts"
  "tests/unit/if-match.test.ts               tests/api/plugins/if-match.test.ts"
  "tests/unit/siret.test.ts                  tests/api/sponsors/siret.test.ts"
  "tests/unit/tile-math.test.ts              tests/db/tiles/tile-math.test.ts"
  "tests/unit/geo-departements.test.ts       tests/db/geo/departements.test.ts"
  "tests/unit/nearest.test.ts                tests/db/governance/nearest.test.ts"
  "tests/unit/opening-hours.test.ts          tests/db/search/opening-hours.test.ts"
  "tests/unit/standard-seed-convert.test.ts  tests/db/seed/convert.test.ts"
  "tests/unit/standard-seed-data.test.ts     tests/db/standard/seed-data.test.ts"
  "tests/unit/standard.test.ts               tests/db/standard/standard.test.ts"
  "tests/unit/write-gate.test.ts             tests/db/write-gate.test.ts"
  "tests/unit/opening-hours-editable.test.ts tests/domain/opening-hours/editable.test.ts"
  "tests/unit/page-chrome.test.ts            tests/domain/page-chrome.test.ts"
  "tests/unit/map-state.test.ts              tests/web/src/store.test.ts"
  "tests/unit/queue-grouping.test.ts         tests/web/admin/queue/list.test.ts"
  "tests/unit/line-length.test.ts            tests/scripts/check-lines.test.ts"
  "tests/unit/layering.test.ts               tests/layering.test.ts"
  "tests/unit/column-equality.test.ts        tests/db/venue-record.test.ts"
  # API suites, one folder per api/ domain; suites that cross every domain (authorization matrix, hostile input,
  # the generated client, the producer's journey) and fixtures shared by several domains stay in tests/api/
  "tests/api/auth.test.ts                    tests/api/auth/auth.test.ts"
  "tests/api/officer-account.test.ts         tests/api/auth/officer-account.test.ts"
  "tests/api/changes-feed.test.ts            tests/api/changes/feed.test.ts"
  "tests/api/committees.test.ts              tests/api/committees/committees.test.ts"
  "tests/api/committee-roles.test.ts         tests/api/committees/roles.test.ts"
  "tests/api/curation.test.ts                tests/api/curation/curation.test.ts"
  "tests/api/curation-duplicates.test.ts     tests/api/curation/duplicates.test.ts"
  "tests/api/duplicates-precision.test.ts    tests/api/curation/duplicates-precision.test.ts"
  "tests/api/moderation-queue.test.ts        tests/api/curation/moderation-queue.test.ts"
  "tests/api/curation-etag.test.ts           tests/api/curation/etag.test.ts"
  "tests/api/curation-env.ts                 tests/api/curation/curation-env.ts"
  "tests/api/curation-fixtures.ts            tests/api/curation/curation-fixtures.ts"
  "tests/api/csv-injection.test.ts           tests/api/exports/csv-injection.test.ts"
  "tests/api/demo-export.test.ts             tests/api/exports/demo-export.test.ts"
  "tests/api/export-search.test.ts           tests/api/exports/search.test.ts"
  "tests/api/geocode.test.ts                 tests/api/geocode/geocode.test.ts"
  "tests/api/governance.test.ts              tests/api/governance/governance.test.ts"
  "tests/api/governance-honesty.test.ts      tests/api/governance/honesty.test.ts"
  "tests/api/published-months.test.ts        tests/api/governance/published-months.test.ts"
  "tests/api/coverage-maintained.test.ts     tests/api/governance/coverage-maintained.test.ts"
  "tests/api/governance-fixtures.ts          tests/api/governance/fixtures.ts"
  "tests/api/health.test.ts                  tests/api/health/health.test.ts"
  "tests/api/import.test.ts                  tests/api/imports/import.test.ts"
  "tests/api/imports.test.ts                 tests/api/imports/imports.test.ts"
  "tests/api/import-responsive.test.ts       tests/api/imports/responsive.test.ts"
  "tests/api/import-statistics.test.ts       tests/api/imports/statistics.test.ts"
  "tests/api/job-offers.test.ts              tests/api/jobs/job-offers.test.ts"
  "tests/api/labels.test.ts                  tests/api/labels/labels.test.ts"
  "tests/api/ogc-features.test.ts            tests/api/ogc/features.test.ts"
  "tests/api/opendata.test.ts                tests/api/opendata/opendata.test.ts"
  "tests/api/pages.test.ts                   tests/api/pages/pages.test.ts"
  "tests/api/harvest.test.ts                 tests/api/sources/harvest.test.ts"
  "tests/api/source-ids.test.ts              tests/api/sources/source-ids.test.ts"
  "tests/api/source-sync.test.ts             tests/api/sources/source-sync.test.ts"
  "tests/api/sync-row-hashes.test.ts         tests/api/sources/sync-row-hashes.test.ts"
  "tests/api/sponsors.test.ts                tests/api/sponsors/sponsors.test.ts"
  "tests/api/partners.test.ts                tests/api/sponsors/partners.test.ts"
  "tests/api/emplois-avenir.test.ts          tests/api/sponsors/emplois-avenir.test.ts"
  "tests/api/tiles.test.ts                   tests/api/tiles/tiles.test.ts"
  "tests/api/communes-tiles.test.ts          tests/api/tiles/communes.test.ts"
  "tests/api/facet-options.test.ts           tests/api/venues/facet-options.test.ts"
  "tests/api/geo-placement.test.ts           tests/api/venues/geo-placement.test.ts"
  "tests/api/search-filters.test.ts          tests/api/venues/search-filters.test.ts"
  "tests/api/search-near.test.ts             tests/api/venues/search-near.test.ts"
  "tests/api/search-openapi.test.ts          tests/api/venues/search-openapi.test.ts"
  "tests/api/search-venue.test.ts            tests/api/venues/search-venue.test.ts"
  "tests/api/search-fixtures.ts              tests/api/venues/search-fixtures.ts"
  "tests/api/venue-history-channel.test.ts   tests/api/venues/history-channel.test.ts"
  "tests/api/write-gate.test.ts              tests/api/venues/write-gate.test.ts"
  "tests/api/webhooks.test.ts                tests/api/webhooks/webhooks.test.ts"
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
// Paths named in comments, docs and scripts (e.g. "tests/api/labels.test.ts") follow their file.
const texts = execFileSync('git', ['ls-files', '*.ts', '*.md', '*.cjs', '*.sh', '*.json', '.ci/run'], { encoding: 'utf8' })
  .trim()
  .split('\n')
  .filter((f) => f !== 'scripts/mirror-tests.sh' && f !== 'package-lock.json')
for (const file of texts) {
  const text = readFileSync(file, 'utf8')
  let next = text
  for (const [from, to] of moves) next = next.split(from).join(to)
  if (next !== text) writeFileSync(file, next)
}
JS
rmdir tests/unit 2>/dev/null || true
echo "moved $(wc -l <"$MAP") files; now: npx tsc --noEmit && npm run layers"
