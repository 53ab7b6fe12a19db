// Indicators take seconds nationally (35,000 communes against every venue), and the dashboard, the report and
// the choropleth ask for them again and again: results are kept per process until the data they read changes.
// The data stamp is one cheap query over the tables the indicators read (counts, versions, latest changes).
import { sql, type Kysely } from 'kysely'
import type { Database } from '../types.ts'
import type { DepartementFigures, Indicators } from '../../domain/governance/indicators.ts'
import { computeIndicators, departementFigures } from './indicators.ts'

const MAX_ENTRIES = 64
const cache = new Map<string, { stamp: string; value: Promise<unknown> }>()

export async function dataStamp(db: Kysely<Database>): Promise<string> {
  const { rows } = await sql<{ stamp: string }>`
    SELECT concat_ws('|',
      (SELECT row(count(*), max(updated_at), sum(version))::text FROM venues),
      (SELECT row(count(*), max(changed_at))::text FROM venue_versions),
      (SELECT row(count(*), max(updated_at), sum(version))::text FROM sponsorships),
      (SELECT row(count(*), max(updated_at), sum(version))::text FROM companies),
      (SELECT row(count(*), max(updated_at))::text FROM venue_needs),
      (SELECT row(count(*), max(created_at), count(revoked_on), max(revoked_on), max(expires_on), max(granted_on))::text FROM venue_labels),
      (SELECT row(count(*), max(created_at))::text FROM labels),
      (now() AT TIME ZONE 'Europe/Paris')::date::text) AS stamp`.execute(db)
  return rows[0].stamp
}

async function cached<T>(db: Kysely<Database>, key: string, compute: () => Promise<T>): Promise<T> {
  const stamp = await dataStamp(db)
  const hit = cache.get(key)
  if (hit && hit.stamp === stamp) return hit.value as Promise<T>
  const value = compute()
  cache.set(key, { stamp, value })
  value.catch(() => cache.delete(key))
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!)
  return value
}

/** `db` identifies the database too: two apps in one process (tests) never share entries. */
const ids = new WeakMap<object, number>()
let nextId = 0
function dbId(db: object): number {
  if (!ids.has(db)) ids.set(db, nextId++)
  return ids.get(db)!
}

/** `writer`: the primary, when `db` is a read replica (it recomputes the coverage table if a bulk change left it stale). */
export function cachedIndicators(
  db: Kysely<Database>,
  territory: string,
  year: number | null,
  writer: Kysely<Database> = db,
): Promise<Indicators> {
  return cached(db, `${dbId(db)}:indicators:${territory}:${year ?? ''}`, () => computeIndicators(db, territory, year, writer))
}

export function cachedDepartementFigures(db: Kysely<Database>, writer: Kysely<Database> = db): Promise<DepartementFigures[]> {
  return cached(db, `${dbId(db)}:departements`, () => departementFigures(db, writer))
}
