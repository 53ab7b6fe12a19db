// National governance indicators (all communes × N published venues) vs the baseline: one hand-written SQL
// query of the coverage figure alone, through the same pool. Prints both timings, their ratio and the goal
// (< 300 ms: coverage is an aggregate of the maintained commune_coverage table). PostgreSQL gets N synthetic
// venues; PGlite the demo data (4,672 real venues), as `npm start` has it.
// Usage: npx tsx bench/governance.ts [--venues 30000] [--runs 3] [--pg URL] [--only postgres|pglite] [--baseline]
import { parseArgs } from 'node:util'
import { performance } from 'node:perf_hooks'
import { sql } from 'kysely'
import { connectDatabase, type DatabaseHandle } from '../db/connect.ts'
import { loadCommunesIfEmpty } from '../db/communes/load.ts'
import { cachedIndicators } from '../db/governance/cache.ts'
import { recomputeCoverage } from '../db/governance/coverage.ts'
import { computeIndicators, departementFigures } from '../db/governance/indicators.ts'
import { loadDemoSeed } from '../db/seed/load-demo.ts'
import { migrateToLatest } from '../db/migrator.ts'
import { seededRandom } from '../test-support/synthesize.ts'
import { createThrowawayPostgres } from './throwaway-database.ts'
import { reportRow } from './table-row.ts'

const { values } = parseArgs({
  options: {
    venues: { type: 'string', default: '30000' },
    runs: { type: 'string', default: '3' },
    pg: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    only: { type: 'string' },
    baseline: { type: 'boolean', default: false },
  },
})
const GOAL_MS = 300
const VENUES = Number(values.venues)
const RUNS = Number(values.runs)

async function freshDatabase(kind: 'pglite' | 'postgres'): Promise<{ handle: DatabaseHandle; drop: () => Promise<void> }> {
  if (kind === 'pglite') {
    const handle = await connectDatabase({ databaseUrl: null, pgliteDir: 'memory://' })
    return { handle, drop: () => handle.close() }
  }
  return createThrowawayPostgres(values.pg!, `maillage_bench_gov_${process.pid}`, 4)
}

/** N venues around commune centres, drawn with a weight of sqrt(population) (venues follow people), with versions. */
async function seedVenues(handle: DatabaseHandle): Promise<void> {
  const communes = (
    await sql<{ code_insee: string; nom: string; cp: string | null; population: number; latitude: number; longitude: number }>`
    SELECT code_insee, nom, codes_postaux[1] AS cp, population, latitude, longitude FROM communes ORDER BY code_insee`.execute(handle.db)
  ).rows
  const weights = communes.map((c) => Math.sqrt(Math.max(1, c.population)))
  const cumulative: number[] = []
  weights.reduce((s, w, i) => (cumulative[i] = s + w), 0)
  const total = cumulative[cumulative.length - 1]
  const random = seededRandom(7)
  const rows = Array.from({ length: VENUES }, (_, i) => {
    const target = random() * total
    let lo = 0,
      hi = cumulative.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (cumulative[mid] < target) lo = mid + 1
      else hi = mid
    }
    const c = communes[lo]
    return {
      source_id: `b-${i}`,
      nom: `Lieu ${i}`,
      commune: c.nom,
      code_postal: /^\d{5}$/.test(c.cp ?? '') ? c.cp : '00000',
      code_insee: c.code_insee,
      latitude: c.latitude + (random() - 0.5) * 0.04,
      longitude: c.longitude + (random() - 0.5) * 0.06,
      date_maj: new Date(Date.now() - random() * 700 * 86400000).toISOString().slice(0, 10),
      status: random() < 0.92 ? 'published' : 'archived',
    }
  })
  for (let i = 0; i < rows.length; i += 5000) {
    await sql`
      INSERT INTO venues (source, source_id, pivot, nom, commune, code_postal, code_insee, adresse, latitude, longitude, date_maj, status)
      SELECT 'bench', r.source_id, '00000000000000', r.nom, r.commune, r.code_postal, r.code_insee, 'adresse',
        r.latitude, r.longitude, r.date_maj::date, r.status
      FROM json_to_recordset(${JSON.stringify(rows.slice(i, i + 5000))}::json)
        AS r(source_id text, nom text, commune text, code_postal text, code_insee text, latitude float8, longitude float8,
          date_maj text, status text)`.execute(handle.db)
  }
  await sql`
    INSERT INTO venue_versions (venue_id, version, data, status, changed_at, changed_by, reason)
    SELECT id, 1, jsonb_build_object('code_insee', code_insee, 'latitude', latitude, 'longitude', longitude, 'date_maj', date_maj),
      status, now() - (random() * interval '700 days'), 'bench', 'bench' FROM venues`.execute(handle.db)
  await sql`ANALYZE`.execute(handle.db)
}

/** The baseline: the coverage figure alone, written by hand as one query (geography index, no pruning tricks). */
const BASELINE = sql<{ c5: number; c10: number; c20: number }>`
  SELECT sum(population) FILTER (WHERE EXISTS (SELECT 1 FROM venues v WHERE v.status = 'published'
    AND ST_DWithin(v.geom::geography, c.geom::geography, 5000)))::float8 / sum(population) AS c5,
         sum(population) FILTER (WHERE EXISTS (SELECT 1 FROM venues v WHERE v.status = 'published'
           AND ST_DWithin(v.geom::geography, c.geom::geography, 10000)))::float8 / sum(population) AS c10,
         sum(population) FILTER (WHERE EXISTS (SELECT 1 FROM venues v WHERE v.status = 'published'
           AND ST_DWithin(v.geom::geography, c.geom::geography, 20000)))::float8 / sum(population) AS c20
  FROM communes c`

async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  let best = Infinity
  let value!: T
  for (let r = 0; r < RUNS; r++) {
    const start = performance.now()
    value = await fn()
    best = Math.min(best, performance.now() - start)
  }
  return { ms: best, value }
}

for (const kind of ['postgres', 'pglite'] as const) {
  if (values.only && values.only !== kind) continue
  const { handle, drop } = await freshDatabase(kind)
  try {
    await migrateToLatest(handle.db)
    await loadCommunesIfEmpty(handle.db)
    if (kind === 'postgres') await seedVenues(handle)
    else await loadDemoSeed(handle.db)
    const {
      rows: [{ published }],
    } = await sql<{ published: number }>`SELECT count(*)::int AS published FROM venues WHERE status = 'published'`.execute(handle.db)
    // Bulk loads leave the coverage table for one full recompute (what start-up, seed and restore run).
    const full = performance.now()
    await recomputeCoverage(handle.db)
    const fullMs = performance.now() - full
    // The baseline scans every commune against the venues: seconds, so only on PostgreSQL unless asked.
    const baseline = kind === 'postgres' || values.baseline ? await time(async () => (await BASELINE.execute(handle.db)).rows[0]) : null
    const indicators = await time(() => computeIndicators(handle.db, 'fr'))
    const departements = await time(() => departementFigures(handle.db))
    const departement = await time(() => computeIndicators(handle.db, 'dep:33'))
    const lastYear = await time(() => computeIndicators(handle.db, 'fr', new Date().getUTCFullYear() - 1))
    await cachedIndicators(handle.db, 'fr', null) // primes the cache the API serves from
    const warm = await time(() => cachedIndicators(handle.db, 'fr', null))
    const ratio = (ms: number) => (baseline ? `  ratio ${(ms / baseline.ms).toFixed(3)}× baseline` : '')
    const goal = (ms: number) => `  goal < ${GOAL_MS} ms: ${ms < GOAL_MS ? 'met' : 'NOT met'}`
    console.log(`[${kind}] ${published} published venues × ${indicators.value.communes} communes (best of ${RUNS})`)
    console.log(`  full coverage recompute (JS, once after a bulk load) ${fullMs.toFixed(0)} ms`)
    if (baseline) console.log(`  baseline: coverage SQL only             ${baseline.ms.toFixed(0)} ms`)
    console.log(`  national indicators (all figures)       ${indicators.ms.toFixed(0)} ms${ratio(indicators.ms)}${goal(indicators.ms)}`)
    reportRow({
      key: kind === 'postgres' ? 'indicators-postgres' : 'indicators-pglite',
      measured: `${indicators.ms.toFixed(0)} ms uncached (${published} published venues; dep:33 ${departement.ms.toFixed(0)} ms)`,
      met: indicators.ms < GOAL_MS,
    })
    console.log(`  dep:33 indicators                       ${departement.ms.toFixed(0)} ms${goal(departement.ms)}`)
    console.log(
      `  per-département breakdown               ${departements.ms.toFixed(0)} ms${ratio(departements.ms)}${goal(departements.ms)}`,
    )
    console.log(
      `  national indicators at end of last year ${lastYear.ms.toFixed(0)} ms${ratio(lastYear.ms)}  (rebuilt from history, then cached)`,
    )
    console.log(`  national indicators, API cache warm     ${warm.ms.toFixed(0)} ms  (data stamp query only; recomputed after any write)`)
    if (baseline) {
      const agree = (['5', '10', '20'] as const).every(
        (k) => Math.abs(indicators.value.coverage_km[k] - Number(baseline.value[`c${k}` as 'c5'])) < 1e-6,
      )
      console.log(
        `  coverage 5/10/20 km: ${(['5', '10', '20'] as const).map((k) => indicators.value.coverage_km[k].toFixed(4)).join(' / ')}` +
          ` — same as baseline: ${agree ? 'yes' : 'NO'}`,
      )
    }
  } finally {
    await drop()
  }
}
