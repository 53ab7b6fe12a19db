// The venue search itself: filters in SQL, proximity by KNN on the geography GiST index re-ranked by the
// exact geodesic distance (ST_Distance on the spheroid), `open_at` evaluated in JS on a SQL prefilter,
// keyset pagination on (id) or (distance, id). Used by the list, OGC items and the benchmark.
import { isUuid } from '../../domain/ids.ts'
import { fieldsExcept } from '../../domain/standard/fields.ts'
import { sql, type Kysely, type Selectable } from 'kysely'
import type { Database, VenuesTable } from '../types.ts'
import { filterConditions, hasHoursFilter, matchesHours, nearPoint, type SearchFilter } from './filters.ts'
import { ACTIVE_LABEL_SQL, ACTIVE_SPONSORSHIP_SQL, NEEDS_JSON, type VenueExtras } from '../venue-extras.ts'

export const VENUE_SELECT = [
  'id',
  'source',
  'source_id',
  ...fieldsExcept('id', 'source'),
  'departement',
  'region',
  'status',
  'version',
  'location_approximate',
  'updated_at',
  'merged_into',
] as const satisfies readonly (keyof VenuesTable)[]

export type VenueSelectRow = Pick<Selectable<VenuesTable>, (typeof VENUE_SELECT)[number]>
export type SearchRow = VenueSelectRow & { distance_m?: number } & Partial<VenueExtras>

// A page's active labels and sponsors in the same round trip (the rules stay ACTIVE_*_SQL of venue-extras.ts).
const LABELS_JSON = sql<VenueExtras['labels']>`(SELECT coalesce(json_agg(json_build_object('id', l.id, 'slug', l.slug, 'nom', l.nom,
    'issuer', l.issuer, 'granted_on', vl.granted_on, 'expires_on', vl.expires_on) ORDER BY l.nom), '[]'::json)
  FROM venue_labels vl JOIN labels l ON l.id = vl.label_id WHERE vl.venue_id = venues.id AND ${ACTIVE_LABEL_SQL})`
const SPONSORS_JSON = sql<VenueExtras['sponsors']>`(SELECT coalesce(json_agg(json_build_object('company_id', s.company_id, 'nom', c.nom,
    'kind', s.kind, 'started_on', s.started_on, 'ended_on', s.ended_on) ORDER BY c.nom), '[]'::json)
  FROM sponsorships s JOIN companies c ON c.id = s.company_id
  WHERE s.venue_id = venues.id AND c.archived_at IS NULL AND ${ACTIVE_SPONSORSHIP_SQL})`

export type SearchCursor = { id: string; d?: number; s?: number }

export interface SearchPage {
  rows: SearchRow[]
  next: SearchCursor | null
}

// The KNN operator on geography measures on a sphere; the spheroid distance differs by well under 1 %.
const SPHERE_SLACK = 0.01

/** One page of venues matching `filter`, after `after`, in id order or by distance when `near` is set. */
export async function searchVenues(
  db: Kysely<Database>,
  filter: SearchFilter,
  limit: number,
  after: SearchCursor | null,
): Promise<SearchPage> {
  if (filter.near) return searchNear(db, filter, limit, after)
  return filter.q ? searchByRelevance(db, filter, limit, after) : searchById(db, filter, limit, after)
}

/** `q` without `near`: best text matches first (pg_trgm word similarity), then id; cursor (score, id). */
async function searchByRelevance(
  db: Kysely<Database>,
  filter: SearchFilter,
  limit: number,
  after: SearchCursor | null,
): Promise<SearchPage> {
  const score = sql<number>`round(word_similarity(maillage_normalize(${filter.q!}), venues.search_text)::numeric, 6)::float8`
  const batch = hasHoursFilter(filter) ? Math.max(200, limit * 4) : limit + 1
  const keep = passesOpen(filter)
  const found: (SearchRow & { score: number })[] = []
  let cursor = after && after.s !== undefined ? { s: after.s, id: after.id } : null
  for (;;) {
    let query = db
      .selectFrom('venues')
      .select(VENUE_SELECT)
      .select([LABELS_JSON.as('labels'), SPONSORS_JSON.as('sponsors'), NEEDS_JSON.as('needs'), score.as('score')])
      .where((eb) => filterConditions(eb, filter))
    if (cursor) {
      const { s, id } = cursor
      query = query.where(sql<boolean>`(${score} < ${s}::float8 OR (${score} = ${s}::float8 AND venues.id > ${id}))`)
    }
    const rows = await query.orderBy(sql`${score} DESC`).orderBy('venues.id').limit(batch).execute()
    for (const row of rows) if (keep(row)) found.push({ ...row, score: Number(row.score) })
    if (found.length > limit || rows.length < batch) break
    const last = rows[rows.length - 1]
    cursor = { s: Number(last.score), id: last.id }
  }
  const page = found.slice(0, limit).map(({ score: _score, ...row }) => row)
  const last = found[limit - 1]
  return { rows: page, next: found.length > limit ? { s: last.score, id: last.id } : null }
}

const passesOpen = (filter: SearchFilter) => (row: { horaires: string | null }) => matchesHours(filter, row.horaires)

async function searchById(db: Kysely<Database>, filter: SearchFilter, limit: number, after: SearchCursor | null): Promise<SearchPage> {
  const batch = hasHoursFilter(filter) ? Math.max(200, limit * 4) : limit + 1
  const keep = passesOpen(filter)
  const found: SearchRow[] = []
  let afterId = after?.id ?? null
  for (;;) {
    let query = db
      .selectFrom('venues')
      .select(VENUE_SELECT)
      .select([LABELS_JSON.as('labels'), SPONSORS_JSON.as('sponsors'), NEEDS_JSON.as('needs')])
      .where((eb) => filterConditions(eb, filter))
    if (afterId) query = query.where('venues.id', '>', afterId)
    const rows = await query.orderBy('venues.id').limit(batch).execute()
    for (const row of rows) if (keep(row)) found.push(row)
    if (found.length > limit || rows.length < batch) break
    afterId = rows[rows.length - 1].id
  }
  const page = found.slice(0, limit)
  return { rows: page, next: found.length > limit ? { id: page[page.length - 1].id } : null }
}

function compareNear(a: { distance_m: number; id: string }, b: { distance_m: number; id: string }): number {
  return a.distance_m - b.distance_m || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
}

/** The KNN candidate query of a `near` search: k rows in sphere-distance order, with the exact distance. */
export function nearQuery(db: Kysely<Database>, filter: SearchFilter, k: number, afterD: number | null) {
  const point = nearPoint(filter.near!)
  let query = db
    .selectFrom('venues')
    .select(VENUE_SELECT)
    .select(sql<number>`ST_Distance(venues.geom::geography, ${point})`.as('distance_m'))
    .select(sql<number>`venues.geom::geography <-> ${point}`.as('approx_m'))
    .select([LABELS_JSON.as('labels'), SPONSORS_JSON.as('sponsors'), NEEDS_JSON.as('needs')])
    .where((eb) => filterConditions(eb, filter))
  if (afterD !== null)
    query = query.where(sql<boolean>`(venues.geom::geography <-> ${point}) >= ${afterD * (1 - SPHERE_SLACK) - 1}::float8`)
  return query.orderBy(sql`venues.geom::geography <-> ${point}`).limit(k)
}

/** How many KNN candidates the first round asks for (more when open_at will drop some in JS). */
export function firstNearK(filter: SearchFilter, limit: number): number {
  // Sphere and spheroid orders only differ within SPHERE_SLACK of a distance: a few extra candidates suffice
  // (about 2 % of them fall in that band); a short round widens and asks again.
  return hasHoursFilter(filter) ? 4 * limit + 16 : limit + Math.max(8, limit >> 3)
}

/**
 * A `near` page without opening-hours filter, in one statement: the k nearest candidates (ids and distances
 * only, from the GiST index), then the full rows, labels and sponsors of the first `limit + 1` by exact
 * distance alone. Each row also carries how many candidates there were and the farthest one's sphere
 * distance, so the caller can tell whether the page is provably in order.
 */
export function nearPageQuery(db: Kysely<Database>, filter: SearchFilter, limit: number, k: number, after: SearchCursor | null) {
  const point = nearPoint(filter.near!)
  let candidates = db
    .selectFrom('venues')
    .select('venues.id')
    .select(sql<number>`ST_Distance(venues.geom::geography, ${point})`.as('d'))
    .select(sql<number>`venues.geom::geography <-> ${point}`.as('approx'))
    .where((eb) => filterConditions(eb, filter))
  if (after?.d !== undefined)
    candidates = candidates.where(sql<boolean>`(venues.geom::geography <-> ${point}) >= ${after.d * (1 - SPHERE_SLACK) - 1}::float8`)
  let query = db
    .with('c', () => candidates.orderBy(sql`venues.geom::geography <-> ${point}`).limit(k))
    .selectFrom('c')
    .innerJoin('venues', 'venues.id', 'c.id')
    .select(VENUE_SELECT.map((column) => `venues.${column}` as const))
    .select([
      sql<number>`c.d`.as('distance_m'),
      LABELS_JSON.as('labels'),
      SPONSORS_JSON.as('sponsors'),
      NEEDS_JSON.as('needs'),
      sql<number>`(SELECT count(*) FROM c)::int`.as('candidates'),
      sql<number>`(SELECT max(c2.approx) FROM c AS c2)`.as('farthest_approx'),
    ])
  if (after?.d !== undefined)
    query = query.where(sql<boolean>`(c.d > ${after.d}::float8 OR (c.d = ${after.d}::float8 AND c.id > ${after.id}))`)
  return query
    .orderBy(sql`c.d`)
    .orderBy(sql`c.id`)
    .limit(limit + 1)
}

async function searchNear(db: Kysely<Database>, filter: SearchFilter, limit: number, after: SearchCursor | null): Promise<SearchPage> {
  return hasHoursFilter(filter) ? searchNearFiltered(db, filter, limit, after) : searchNearPage(db, filter, limit, after)
}

/** `near` with an opening-hours filter: candidates ranked and filtered in JS, widening until provably right. */
async function searchNearFiltered(
  db: Kysely<Database>,
  filter: SearchFilter,
  limit: number,
  after: SearchCursor | null,
): Promise<SearchPage> {
  const keep = passesOpen(filter)
  const afterD = after?.d ?? null
  let k = firstNearK(filter, limit)
  for (;;) {
    const rows = await nearQuery(db, filter, k, afterD).execute()
    const exhausted = rows.length < k
    // Nothing beyond the fetched rows can be nearer than this (KNN order, sphere vs spheroid slack).
    const safeBelow = exhausted ? Infinity : rows[rows.length - 1].approx_m * (1 - SPHERE_SLACK)
    const candidates = rows
      .map(({ approx_m: _approx, ...row }) => ({ ...row, distance_m: Number(row.distance_m) }))
      .filter((row) => afterD === null || compareNear(row, { distance_m: afterD, id: after!.id }) > 0)
      .filter(keep)
      .sort(compareNear)
    const safe = candidates.filter((row) => row.distance_m < safeBelow)
    if (exhausted || safe.length > limit) {
      const page = safe.slice(0, limit)
      return { rows: page, next: safe.length > limit ? { d: page[page.length - 1].distance_m, id: page[page.length - 1].id } : null }
    }
    k *= 4
  }
}

/** `near` without hours filter: SQL orders by exact distance, only the page's rows come back in full. */
async function searchNearPage(db: Kysely<Database>, filter: SearchFilter, limit: number, after: SearchCursor | null): Promise<SearchPage> {
  let k = firstNearK(filter, limit)
  for (;;) {
    const rows = await nearPageQuery(db, filter, limit, k, after).execute()
    // No row after the cursor among the candidates: they may all sit in the slack band before it; let the
    // general loop settle it (rare: many venues at the same distance).
    if (rows.length === 0) return after ? searchNearFiltered(db, filter, limit, after) : { rows: [], next: null }
    const exhausted = Number(rows[0].candidates) < k
    // Rows are in exact order; the safe ones (nearer than anything not fetched can be) form a prefix.
    const safeBelow = exhausted ? Infinity : Number(rows[0].farthest_approx) * (1 - SPHERE_SLACK)
    const safe: SearchRow[] = []
    for (const { candidates: _n, farthest_approx: _f, ...row } of rows) {
      const distance = Number(row.distance_m)
      if (distance >= safeBelow) break
      safe.push({ ...row, distance_m: distance })
    }
    if (exhausted || safe.length > limit) {
      const page = safe.slice(0, limit)
      return { rows: page, next: safe.length > limit ? { d: page[page.length - 1].distance_m!, id: page[page.length - 1].id } : null }
    }
    k *= 4
  }
}

/** Every matching row's id (for facets, property tests): `open_at` applied. */
export async function countByListValue(
  db: Kysely<Database>,
  filter: SearchFilter,
  fields: readonly string[],
): Promise<Record<string, Record<string, number>>> {
  const counts: Record<string, Record<string, number>> = Object.fromEntries(fields.map((f) => [f, {}]))
  if (hasHoursFilter(filter)) {
    const keep = passesOpen(filter)
    const rows = (await db
      .selectFrom('venues')
      .select(['horaires', ...fields.map((f) => sql<string[]>`${sql.ref(`venues.${f}`)}`.as(f))])
      .where((eb) => filterConditions(eb, filter))
      .execute()) as unknown as Record<string, string[] | string | null>[]
    for (const row of rows) {
      if (!keep(row as { horaires: string | null })) continue
      for (const f of fields) for (const v of (row[f] as string[]) ?? []) counts[f][v] = (counts[f][v] ?? 0) + 1
    }
    return counts
  }
  const base = db
    .selectFrom('venues')
    .select(fields.map((f) => sql<string[]>`${sql.ref(`venues.${f}`)}`.as(f)))
    .where((eb) => filterConditions(eb, filter))
  const unions = sql.join(
    fields.map((f) => sql`SELECT ${f}::text AS field, v AS value, count(*)::int AS n FROM f, unnest(f.${sql.ref(f)}) AS v GROUP BY v`),
    sql` UNION ALL `,
  )
  const { rows } = await sql<{ field: string; value: string; n: number }>`WITH f AS (${base}) ${unions}`.execute(db)
  for (const row of rows) counts[row.field][row.value] = Number(row.n)
  return counts
}

/** Total matching venues (the count of facets; `open_at` applied in JS). */
export async function countVenues(db: Kysely<Database>, filter: SearchFilter): Promise<number> {
  if (hasHoursFilter(filter)) {
    const keep = passesOpen(filter)
    const rows = await db
      .selectFrom('venues')
      .select('horaires')
      .where((eb) => filterConditions(eb, filter))
      .execute()
    return rows.filter(keep).length
  }
  const row = await db
    .selectFrom('venues')
    .select(sql<number>`count(*)::int`.as('n'))
    .where((eb) => filterConditions(eb, filter))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Every venue matching `filter` (open_at applied), in id order, batch by batch: memory stays flat. */
export async function* streamVenues(db: Kysely<Database>, filter: SearchFilter, batch = 2000): AsyncGenerator<VenueSelectRow[]> {
  const keep = passesOpen(filter)
  let afterId: string | null = null
  for (;;) {
    let query = db
      .selectFrom('venues')
      .select(VENUE_SELECT)
      .where((eb) => filterConditions(eb, filter))
    if (afterId) query = query.where('venues.id', '>', afterId)
    const rows = await query.orderBy('venues.id').limit(batch).execute()
    if (rows.length === 0) return
    const kept = rows.filter(keep)
    if (kept.length > 0) yield kept
    if (rows.length < batch) return
    afterId = rows[rows.length - 1].id
  }
}

/** One venue by id, with the columns the API shows (any status: the route decides what to answer). */
export async function findVenueById(db: Kysely<Database>, id: string): Promise<VenueSelectRow | undefined> {
  if (!isUuid(id)) return undefined
  return db.selectFrom('venues').select(VENUE_SELECT).where('id', '=', id).executeTakeFirst()
}
