// The governance committee's indicators, computed in SQL (shared by the API, the yearly report and the CLI).
// Every rule is explained to readers in services/governance/methods.ts; keep both in step.
import { EMPLOI_AVENIR_OUTCOMES } from '../../domain/committees.ts'
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely'
import { parseTerritory, type Territory } from '../territory.ts'
import type { Database } from '../types.ts'
import { ACTIVE_LABEL_SQL, ACTIVE_SPONSORSHIP_SQL } from '../venue-extras.ts'
import { collectedCondition, collectedDepartements, firstImportDay } from './collected.ts'
import { ensureCoverage } from './coverage.ts'
import {
  EMPLOIS_AVENIR_TARGET,
  WHITE_ZONE_DISTANCE_KM,
  WHITE_ZONE_MIN_POPULATION,
  type DepartementFigures,
  type Indicators,
  type WhiteZone,
} from '../../domain/governance/indicators.ts'
import { SPONSORSHIP_KINDS } from '../../domain/sponsorship.ts'
import { todayInParis } from '../../domain/time.ts'
import { VENUE_STATUSES } from '../../domain/venue-status.ts'

type Db = Kysely<Database> | Transaction<Database>

export class UnknownTerritoryError extends Error {}

/** Where a territory's communes (alias c) and venues (alias v) are; `fr` is everything. */
function territoryFilters(territory: Territory): { communes: RawBuilder<boolean>; venues: RawBuilder<boolean> } {
  if (territory.kind === 'fr') return { communes: sql<boolean>`true`, venues: sql<boolean>`true` }
  const column = territory.kind === 'dep' ? 'departement' : 'region'
  return {
    communes: sql<boolean>`c.${sql.ref(column)} = ${territory.code}`,
    venues: sql<boolean>`v.${sql.ref(column)} = ${territory.code}`,
  }
}

/** A past state: `asOf` (a day, inclusive) and `cutoff` (the next day, the first instant not counted). */
interface Past {
  asOf: string
  cutoff: string
}

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)

/**
 * Indicators of a territory now, or at the end of `year` (the venues' state is rebuilt from venue_versions).
 * Coverage counts venues anywhere, not only inside the territory: people cross borders. Now, it is an aggregate of
 * the maintained commune_coverage table; `writer` (the primary when `db` is a replica) recomputes it if stale.
 */
export async function computeIndicators(
  db: Kysely<Database>,
  territoryCode: string,
  year?: number | null,
  writer: Kysely<Database> = db,
): Promise<Indicators> {
  const territory = parseTerritory(territoryCode)
  if (!territory) throw new UnknownTerritoryError(territoryCode)
  if (!year) await ensureCoverage(writer)
  const past = year ? { asOf: `${year}-12-31`, cutoff: `${year + 1}-01-01` } : null
  return computeIn(db, territoryCode, territory, past, year ?? null)
}

/**
 * Indicators as they stood at the end of a past day (a committee meeting's date), rebuilt from the same history as
 * a past year; `reportYear` only chooses the months of the series (never past that day). See PAST_STATE_LIMITS.
 */
export async function computeIndicatorsOn(db: Kysely<Database>, territoryCode: string, day: string, reportYear: number) {
  const territory = parseTerritory(territoryCode)
  if (!territory) throw new UnknownTerritoryError(territoryCode)
  return computeIn(db, territoryCode, territory, { asOf: day, cutoff: nextDay(day) }, reportYear)
}

function computeIn(db: Kysely<Database>, code: string, territory: Territory, past: Past | null, year: number | null) {
  return db.transaction().execute(async (trx) => {
    await noJit(trx)
    if (!past) return compute(trx, code, territory, sql.table('venues'), null, null)
    // A temporary, indexed copy of the venues as they were at the cutoff, dropped at commit.
    await createHistoricVenues(trx, past.cutoff)
    return compute(trx, code, territory, sql.table('gov_venues'), past, year)
  })
}

/** PostgreSQL's JIT spends about a second compiling each of these one-off queries for nothing: off for this transaction. */
async function noJit(trx: Db): Promise<void> {
  await sql`SET LOCAL jit = off`.execute(trx)
}

async function createHistoricVenues(trx: Db, cutoff: string): Promise<void> {
  await sql`
    CREATE TEMP TABLE gov_venues ON COMMIT DROP AS
    SELECT DISTINCT ON (vv.venue_id) vv.venue_id AS id, vv.status, vv.data->>'source' AS source,
      CASE WHEN jsonb_typeof(vv.data->'latitude') = 'number' AND jsonb_typeof(vv.data->'longitude') = 'number'
        THEN ST_SetSRID(ST_MakePoint((vv.data->>'longitude')::float8, (vv.data->>'latitude')::float8), 4326) END AS geom,
      co.departement, co.region, (vv.data->>'date_maj')::date AS date_maj,
      ARRAY(SELECT jsonb_array_elements_text(CASE WHEN jsonb_typeof(vv.data->'dispositif_programmes_nationaux') = 'array'
        THEN vv.data->'dispositif_programmes_nationaux' ELSE '[]'::jsonb END)) AS dispositif_programmes_nationaux
    FROM venue_versions vv LEFT JOIN communes co ON co.code_insee = vv.data->>'code_insee'
    WHERE vv.changed_at < (${cutoff}::timestamp AT TIME ZONE 'Europe/Paris')
    ORDER BY vv.venue_id, vv.version DESC`.execute(trx)
  await sql`CREATE INDEX ON gov_venues USING gist ((geom::geography))`.execute(trx)
  await sql`CREATE INDEX ON gov_venues USING gist (geom)`.execute(trx)
  await sql`CREATE INDEX ON gov_venues (id)`.execute(trx)
  await sql`ANALYZE gov_venues`.execute(trx)
}

/** Per commune of the territory: the smallest of 5/10/20 km within which a published venue lies (null: none). */
function coverageBands(src: RawBuilder<unknown>, communesFilter: RawBuilder<boolean>) {
  // A planar bounding box (degrees, widened 2 % beyond the ellipsoid's shortest degree) prunes candidates through the
  // geometry GiST index before the exact geodesic test; without it a small venues table is scanned with spheroid maths.
  const within = (metres: number) => sql`EXISTS (SELECT 1 FROM ${src} v WHERE v.status = 'published'
    AND v.geom && ST_Expand(c.geom, ${sql.lit(metres * 1.02)} / (111320.0 * cos(radians(c.latitude))), ${sql.lit(metres * 1.02)} / 110574.0)
    AND ST_DWithin(v.geom::geography, c.geom::geography, ${sql.lit(metres)}))`
  return sql`
    SELECT c.code_insee, c.nom, c.departement, c.population, c.latitude, c.longitude, c.geom,
      CASE WHEN ${within(5000)} THEN 5 WHEN ${within(10000)} THEN 10 WHEN ${within(20000)} THEN 20 END AS band
    FROM communes c WHERE ${communesFilter}`
}

/**
 * Geodesic distance (m) from a commune (alias c) to its nearest published venue, shown for white zones only:
 * the 16 nearest candidates by planar KNN on the geometry index (cheap on both drivers), then the spheroid.
 */
function nearestDistance(src: RawBuilder<unknown>) {
  return sql<number | null>`(SELECT min(ST_Distance(n.geom::geography, c.geom::geography)) FROM (
    SELECT v.geom FROM ${src} v WHERE v.status = 'published' AND v.geom IS NOT NULL
    ORDER BY v.geom <-> c.geom LIMIT 16) n)`
}

type CoverageSums = {
  p5: number
  p10: number
  p20: number
  cpop: number
  cp5: number
  cp10: number
  cp20: number
  white: WhiteZone[] | null
}

/** The same sums restricted to the communes of collected départements (alias `per`). */
function collectedSums(collected: string[]) {
  const inCollected = collectedCondition(collected, 'per')
  return sql`coalesce(sum(population) FILTER (WHERE ${inCollected}), 0)::bigint AS cpop,
      coalesce(sum(population) FILTER (WHERE ${inCollected} AND distance_m <= 5000), 0)::bigint AS cp5,
      coalesce(sum(population) FILTER (WHERE ${inCollected} AND distance_m <= 10000), 0)::bigint AS cp10,
      coalesce(sum(population) FILTER (WHERE ${inCollected} AND distance_m <= 20000), 0)::bigint AS cp20`
}

/**
 * Coverage now, from the maintained nearest distances: a sum over the territory's communes, no spatial search.
 * White zones only where producer data was collected: elsewhere a commune is far from any venue *we know of*.
 */
function maintainedCoverage(db: Db, communesFilter: RawBuilder<boolean>, collected: string[]) {
  return sql<CoverageSums>`
    WITH per AS MATERIALIZED (
      SELECT c.code_insee, c.nom, c.departement, c.population, c.latitude, c.longitude, cc.distance_m
      FROM communes c JOIN commune_coverage cc ON cc.code_insee = c.code_insee WHERE ${communesFilter}),
    white AS (
      SELECT code_insee, nom, departement, population, latitude, longitude,
        round((distance_m / 1000.0)::numeric, 2)::float8 AS distance_km
      FROM per WHERE ${collectedCondition(collected, 'per')}
        AND population >= ${WHITE_ZONE_MIN_POPULATION} AND (distance_m IS NULL OR distance_m > ${WHITE_ZONE_DISTANCE_KM * 1000}))
    SELECT
      coalesce(sum(population) FILTER (WHERE distance_m <= 5000), 0)::bigint AS p5,
      coalesce(sum(population) FILTER (WHERE distance_m <= 10000), 0)::bigint AS p10,
      coalesce(sum(population) FILTER (WHERE distance_m <= 20000), 0)::bigint AS p20,
      ${collectedSums(collected)},
      (SELECT json_agg(w ORDER BY w.population DESC, w.code_insee) FROM white w) AS white
    FROM per`.execute(db)
}

const round = (value: number, digits = 6) => Math.round(value * 10 ** digits) / 10 ** digits
const num = (value: unknown) => Number(value ?? 0)

async function compute(
  db: Db,
  code: string,
  territory: Territory,
  src: RawBuilder<unknown>,
  past: Past | null,
  year: number | null,
): Promise<Indicators> {
  const asOf = past?.asOf ?? todayInParis()
  const cutoff = past?.cutoff ?? null
  const where = territoryFilters(territory)

  const population = await sql<{ population: number; communes: number }>`
    SELECT coalesce(sum(c.population), 0)::bigint AS population, count(*)::int AS communes FROM communes c WHERE ${where.communes}`.execute(
    db,
  )
  const pop = num(population.rows[0].population)

  const statuses = await sql<{ status: string; n: number }>`
    SELECT v.status, count(*)::int AS n FROM ${src} v WHERE ${where.venues} GROUP BY v.status`.execute(db)
  const byStatus: Record<string, number> = Object.fromEntries(VENUE_STATUSES.map((s) => [s, 0]))
  for (const r of statuses.rows) byStatus[r.status] = num(r.n)
  const published = byStatus.published

  const collected = await collectedDepartements(db, src)
  const coverage = past
    ? await sql<CoverageSums>`
    WITH per AS MATERIALIZED (SELECT b.*, b.band * 1000 AS distance_m FROM (${coverageBands(src, where.communes)}) b),
    white AS (
      SELECT c.code_insee, c.nom, c.departement, c.population, c.latitude, c.longitude,
        round((${nearestDistance(src)} / 1000.0)::numeric, 2)::float8 AS distance_km
      FROM per c WHERE ${collectedCondition(collected)}
        AND c.population >= ${WHITE_ZONE_MIN_POPULATION} AND (c.band IS NULL OR c.band > ${WHITE_ZONE_DISTANCE_KM}))
    SELECT
      coalesce(sum(population) FILTER (WHERE band <= 5), 0)::bigint AS p5,
      coalesce(sum(population) FILTER (WHERE band <= 10), 0)::bigint AS p10,
      coalesce(sum(population) FILTER (WHERE band <= 20), 0)::bigint AS p20,
      ${collectedSums(collected)},
      (SELECT json_agg(w ORDER BY w.population DESC, w.code_insee) FROM white w) AS white
    FROM per`.execute(db)
    : await maintainedCoverage(db, where.communes, collected)
  const cov = coverage.rows[0]
  const white = (typeof cov.white === 'string' ? JSON.parse(cov.white) : (cov.white ?? [])) as WhiteZone[]
  const share = (p: unknown) => (pop > 0 ? round(num(p) / pop) : 0)

  const labelActive = past
    ? sql<boolean>`(vl.granted_on <= ${asOf}::date AND (vl.expires_on IS NULL OR vl.expires_on >= ${asOf}::date)
        AND (vl.revoked_on IS NULL OR vl.revoked_on > ${asOf}::date))`
    : ACTIVE_LABEL_SQL
  const labels = await sql<{ slug: string; nom: string; n: number }>`
    SELECT l.slug, l.nom, count(DISTINCT vl.venue_id)::int AS n
    FROM venue_labels vl JOIN labels l ON l.id = vl.label_id JOIN ${src} v ON v.id = vl.venue_id
    WHERE v.status = 'published' AND ${where.venues} AND ${labelActive}
    GROUP BY l.slug, l.nom ORDER BY n DESC, l.slug`.execute(db)

  const dispositifs = await sql<{ d: string; n: number }>`
    SELECT d, count(*)::int AS n FROM ${src} v, unnest(v.dispositif_programmes_nationaux) AS d
    WHERE v.status = 'published' AND ${where.venues} GROUP BY d ORDER BY n DESC, d`.execute(db)

  const freshness = await sql<{ fresh: number }>`
    SELECT count(*) FILTER (WHERE v.date_maj > (${asOf}::date - interval '12 months'))::int AS fresh
    FROM ${src} v WHERE v.status = 'published' AND ${where.venues}`.execute(db)
  const fresh = num(freshness.rows[0].fresh)

  // Sponsorships count where their venue is; "active" is the shared rule (db/venue-extras.ts), or the same rule at 31 December.
  const sponsorshipActive = past
    ? sql<boolean>`(s.status IN ('active', 'ended')
        AND (s.archived_at IS NULL OR s.archived_at >= (${cutoff}::timestamp AT TIME ZONE 'Europe/Paris'))
        AND s.started_on <= ${asOf}::date AND (s.ended_on IS NULL OR s.ended_on >= ${asOf}::date))`
    : ACTIVE_SPONSORSHIP_SQL
  const companyLive = past
    ? sql<boolean>`(co.archived_at IS NULL OR co.archived_at >= (${cutoff}::timestamp AT TIME ZONE 'Europe/Paris'))`
    : sql<boolean>`co.archived_at IS NULL`
  const sponsorships = await sql<{ kind: string; n: number; youth: number; companies: number; venues: number }>`
    SELECT s.kind, count(*)::int AS n, coalesce(sum(s.youth_count), 0)::int AS youth
    FROM sponsorships s JOIN companies co ON co.id = s.company_id JOIN venues sv ON sv.id = s.venue_id
      JOIN LATERAL (SELECT sv.departement, sv.region) v ON true
    WHERE ${where.venues} AND ${sponsorshipActive} AND ${companyLive}
    GROUP BY s.kind`.execute(db)
  const distinct = await sql<{ companies: number; venues: number }>`
    SELECT count(DISTINCT s.company_id)::int AS companies, count(DISTINCT s.venue_id)::int AS venues
    FROM sponsorships s JOIN companies co ON co.id = s.company_id JOIN venues sv ON sv.id = s.venue_id
      JOIN LATERAL (SELECT sv.departement, sv.region) v ON true
    WHERE ${where.venues} AND ${sponsorshipActive} AND ${companyLive}`.execute(db)
  // Archived after the date: it still counted then.
  const archivedLater = past
    ? sql<boolean>`(s.archived_at IS NULL OR s.archived_at >= (${cutoff}::timestamp AT TIME ZONE 'Europe/Paris'))`
    : sql<boolean>`s.archived_at IS NULL`
  // Donations and fund contributions are events: cumulated from the start up to the date.
  const given = await sql<{ devices: number; amount: number }>`
    SELECT coalesce(sum(s.devices_count) FILTER (WHERE s.kind = 'don_materiel'), 0)::bigint AS devices,
           coalesce(sum(s.amount_eur) FILTER (WHERE s.kind = 'fonds_solidarites_numeriques'), 0)::float8 AS amount
    FROM sponsorships s JOIN companies co ON co.id = s.company_id JOIN venues sv ON sv.id = s.venue_id
      JOIN LATERAL (SELECT sv.departement, sv.region) v ON true
    WHERE ${where.venues} AND s.started_on <= ${asOf}::date AND s.status NOT IN ('suspended', 'pending', 'declined')
      AND ${archivedLater} AND ${companyLive}`.execute(db)
  // Emplois d'avenir that reached their term by the date: young people by recorded outcome (art. 3), "a_renseigner" when none yet.
  const outcomes = await sql<{ outcome: string | null; n: number }>`
    SELECT s.outcome, coalesce(sum(coalesce(s.youth_count, 1)), 0)::int AS n
    FROM sponsorships s JOIN companies co ON co.id = s.company_id JOIN venues sv ON sv.id = s.venue_id
      JOIN LATERAL (SELECT sv.departement, sv.region) v ON true
    WHERE ${where.venues} AND s.kind = 'emploi_avenir' AND s.ended_on IS NOT NULL AND s.ended_on <= ${asOf}::date
      AND s.status <> 'suspended' AND ${archivedLater} AND ${companyLive}
    GROUP BY s.outcome`.execute(db)
  const outcomeCounts: Record<string, number> = Object.fromEntries([...EMPLOI_AVENIR_OUTCOMES, 'a_renseigner'].map((k) => [k, 0]))
  for (const r of outcomes.rows) outcomeCounts[r.outcome ?? 'a_renseigner'] = num(r.n)
  // Venues' needs (issue 16) as they stood at the date: open ones by kind, devices asked for, devices needs met.
  const needsAt = past ? sql`(${cutoff}::timestamp AT TIME ZONE 'Europe/Paris')` : sql`now()`
  const needs = await sql<{ kind: string; open: number; devices: number; met: number }>`
    SELECT n.kind,
      count(*) FILTER (WHERE n.closed_at IS NULL OR n.closed_at > ${needsAt})::int AS open,
      coalesce(sum(n.devices_count) FILTER (WHERE n.closed_at IS NULL OR n.closed_at > ${needsAt}), 0)::int AS devices,
      count(*) FILTER (WHERE n.status = 'met' AND n.closed_at <= ${needsAt})::int AS met
    FROM venue_needs n JOIN venues sv ON sv.id = n.venue_id JOIN LATERAL (SELECT sv.departement, sv.region) v ON true
    WHERE ${where.venues} AND n.created_at <= ${needsAt} AND (n.status <> 'withdrawn' OR n.closed_at > ${needsAt})
    GROUP BY n.kind`.execute(db)
  const needsOpen: Record<string, number> = Object.fromEntries(SPONSORSHIP_KINDS.map((k) => [k, 0]))
  let devicesRequested = 0
  let devicesNeedsMet = 0
  for (const r of needs.rows) {
    needsOpen[r.kind] = num(r.open)
    if (r.kind === 'don_materiel') {
      devicesRequested = num(r.devices)
      devicesNeedsMet = num(r.met)
    }
  }
  const byKind: Record<string, number> = Object.fromEntries(SPONSORSHIP_KINDS.map((k) => [k, 0]))
  let youth = 0
  for (const r of sponsorships.rows) {
    byKind[r.kind] = num(r.n)
    if (r.kind === 'emploi_avenir') youth = num(r.youth)
  }

  const firstImport = await firstImportDay(db)
  // A past year that ended before the first import has no history: an empty series, said so, not twelve zeros.
  const history = firstImport !== null && (!past || firstImport <= past.asOf)
  const timeseries = history ? await monthlyPublished(db, territory, year, firstImport, past?.asOf) : []
  const departementsIn = await sql<{ d: string }>`SELECT DISTINCT c.departement AS d FROM communes c WHERE ${where.communes}`.execute(db)
  const territoryDeps = new Set(departementsIn.rows.map((r) => r.d))
  const collectedHere = collected.filter((d) => territoryDeps.has(d))
  const cpop = num(cov.cpop)
  const cshare = (p: unknown) => (cpop > 0 ? round(num(p) / cpop) : 0)

  return {
    territory: code,
    year,
    as_of: asOf,
    population: pop,
    communes: num(population.rows[0].communes),
    venues: { published, per_10000: pop > 0 ? round((published / pop) * 10000, 3) : 0, by_status: byStatus },
    coverage_km: { 5: share(cov.p5), 10: share(cov.p10), 20: share(cov.p20) },
    covered_population: { 5: num(cov.p5), 10: num(cov.p10), 20: num(cov.p20) },
    white_zones: {
      count: white.length,
      population: white.reduce((s, w) => s + num(w.population), 0),
      communes: white.map((w) => ({ ...w, population: num(w.population) })),
    },
    sponsorships: {
      by_kind: byKind,
      active: Object.values(byKind).reduce((a, b) => a + b, 0),
      companies: num(distinct.rows[0]?.companies),
      venues_sponsored: num(distinct.rows[0]?.venues),
      emplois_avenir_youth: youth,
      emplois_avenir_outcomes: outcomeCounts,
      target: EMPLOIS_AVENIR_TARGET,
      target_share: round(youth / EMPLOIS_AVENIR_TARGET, 4),
      devices_donated: num(given.rows[0].devices),
      amount_eur: round(num(given.rows[0].amount), 2),
    },
    needs: {
      open_by_kind: needsOpen,
      open: Object.values(needsOpen).reduce((a, b) => a + b, 0),
      devices_requested: devicesRequested,
      devices_needs_met: devicesNeedsMet,
    },
    labels: {
      active: Object.fromEntries(labels.rows.map((r) => [r.slug, num(r.n)])),
      names: Object.fromEntries(labels.rows.map((r) => [r.slug, r.nom])),
    },
    dispositifs: Object.fromEntries(dispositifs.rows.map((r) => [r.d, num(r.n)])),
    freshness: { updated_within_12_months: published > 0 ? round(fresh / published) : 0, published, updated: fresh },
    timeseries,
    data_collection: {
      departements: collectedHere,
      departements_total: territoryDeps.size,
      population: cpop,
      population_share: share(cpop),
      coverage_km: { 5: cshare(cov.cp5), 10: cshare(cov.cp10), 20: cshare(cov.cp20) },
      first_import: firstImport,
      history,
    },
  }
}

/**
 * Published venues at the end of each month (Europe/Paris): 12 months of `year`, else the last 24; none after `until`.
 * A running sum of the monthly counters kept by a trigger on venue_versions (migrations/0811), not a read of the whole history.
 */
export async function monthlyPublished(
  db: Db,
  territory: Territory,
  year: number | null,
  since: string | null = null,
  until: string | null = null,
): Promise<{ month: string; published: number }[]> {
  const start = year
    ? sql`${`${year}-01-01`}::timestamp`
    : sql`date_trunc('month', now() AT TIME ZONE 'Europe/Paris') - interval '23 months'`
  // Never before the month of the first import (`since`, a day): months before it have no data, not zero venues.
  const first = since ? sql`greatest(${start}, date_trunc('month', ${since}::timestamp))` : start
  const yearEnd = year ? sql`${`${year}-12-01`}::timestamp` : sql`date_trunc('month', now() AT TIME ZONE 'Europe/Paris')`
  // A state at a past day (a meeting's date) has no months after that day's.
  const last = until ? sql`least(${yearEnd}, date_trunc('month', ${until}::timestamp))` : yearEnd
  const inTerritory =
    territory.kind === 'fr'
      ? sql`true`
      : sql`EXISTS (SELECT 1 FROM communes c WHERE c.code_insee = s.code_insee AND ${territoryFilters(territory).communes})`
  const result = await sql<{ month: string; published: number }>`
    WITH months AS (SELECT m FROM generate_series(${first}, ${last}, interval '1 month') AS m),
    per_month AS (SELECT s.month AS em, sum(s.delta) AS d FROM venue_published_months s
      WHERE s.month <= ${last} AND ${inTerritory} GROUP BY 1)
    SELECT to_char(months.m, 'YYYY-MM') AS month, (SELECT coalesce(sum(p.d), 0)::int FROM per_month p WHERE p.em <= months.m) AS published
    FROM months ORDER BY months.m`.execute(db)
  return result.rows.map((r) => ({ month: r.month, published: num(r.published) }))
}

/** Per département (for the choropleth): population, venues, coverage, white zones, active sponsorships; now. */
export async function departementFigures(db: Kysely<Database>, writer: Kysely<Database> = db): Promise<DepartementFigures[]> {
  await ensureCoverage(writer)
  return db.transaction().execute(async (trx) => {
    await noJit(trx)
    return departementFiguresIn(trx)
  })
}

async function departementFiguresIn(db: Db): Promise<DepartementFigures[]> {
  const result = await sql<{ code: string; population: number; communes: number; p5: number; p10: number; p20: number; white: number }>`
    SELECT c.departement AS code, sum(c.population)::bigint AS population, count(*)::int AS communes,
      coalesce(sum(c.population) FILTER (WHERE cc.distance_m <= 5000), 0)::bigint AS p5,
      coalesce(sum(c.population) FILTER (WHERE cc.distance_m <= 10000), 0)::bigint AS p10,
      coalesce(sum(c.population) FILTER (WHERE cc.distance_m <= 20000), 0)::bigint AS p20,
      count(*) FILTER (WHERE c.population >= ${WHITE_ZONE_MIN_POPULATION}
        AND (cc.distance_m IS NULL OR cc.distance_m > ${WHITE_ZONE_DISTANCE_KM * 1000}))::int AS white
    FROM communes c JOIN commune_coverage cc ON cc.code_insee = c.code_insee GROUP BY c.departement ORDER BY c.departement`.execute(db)
  const venues = await sql<{ code: string; n: number }>`
    SELECT departement AS code, count(*)::int AS n FROM venues
    WHERE status = 'published' AND departement IS NOT NULL GROUP BY departement`.execute(db)
  const sponsorships = await sql<{ code: string; n: number }>`
    SELECT v.departement AS code, count(*)::int AS n
    FROM sponsorships s JOIN venues v ON v.id = s.venue_id JOIN companies co ON co.id = s.company_id
    WHERE ${ACTIVE_SPONSORSHIP_SQL} AND co.archived_at IS NULL GROUP BY v.departement`.execute(db)
  const collected = new Set(await collectedDepartements(db, sql.table('venues')))
  const venueCount = new Map(venues.rows.map((r) => [r.code, num(r.n)]))
  const sponsorCount = new Map(sponsorships.rows.map((r) => [r.code, num(r.n)]))
  return result.rows.map((r) => {
    const pop = num(r.population)
    const published = venueCount.get(r.code) ?? 0
    const share = (p: unknown) => (pop > 0 ? round(num(p) / pop) : 0)
    return {
      code: r.code,
      population: pop,
      communes: num(r.communes),
      published,
      per_10000: pop > 0 ? round((published / pop) * 10000, 3) : 0,
      coverage_km: { 5: share(r.p5), 10: share(r.p10), 20: share(r.p20) },
      // White zones only where producer data exists (see collected.ts); elsewhere the count would only say "no data".
      white_zones: collected.has(r.code) ? num(r.white) : 0,
      collected: collected.has(r.code),
      sponsorships_active: sponsorCount.get(r.code) ?? 0,
    }
  })
}
