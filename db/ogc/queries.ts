// SQL of the OGC API – Features collection `venues`: offset paging in id order, count, one item, extent.
import { isUuid } from '../../domain/ids.ts'
import { sql, type Kysely } from 'kysely'
import { filterConditions, type SearchFilter } from '../search/filters.ts'
import { VENUE_SELECT, type VenueSelectRow } from '../search/query.ts'
import type { Database } from '../types.ts'

export async function ogcItems(
  db: Kysely<Database>,
  filter: SearchFilter,
  dates: { from: string | null; to: string | null },
  limit: number,
  offset: number,
) {
  const base = db
    .selectFrom('venues')
    .where((eb) => filterConditions(eb, filter))
    .where('venues.geom', 'is not', null)
    .$if(dates.from !== null, (q) => q.where('venues.date_maj', '>=', dates.from!))
    .$if(dates.to !== null, (q) => q.where('venues.date_maj', '<=', dates.to!))
  const [rows, count] = await Promise.all([
    base.select(VENUE_SELECT).orderBy('venues.id').limit(limit).offset(offset).execute(),
    base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ])
  return { rows, matched: Number(count.n) }
}

export async function ogcItem(db: Kysely<Database>, id: string): Promise<VenueSelectRow | undefined> {
  if (!isUuid(id)) return undefined
  return db
    .selectFrom('venues')
    .select(VENUE_SELECT)
    .where('id', '=', id)
    .where('status', '=', 'published')
    .where('geom', 'is not', null)
    .executeTakeFirst()
}

/** Bounding box of the published venues (CRS84), or null when there is none. */
export async function venuesExtent(db: Kysely<Database>): Promise<[number, number, number, number] | null> {
  const row = await db
    .selectFrom('venues')
    .where('status', '=', 'published')
    .select([
      sql<number>`min(longitude)`.as('a'),
      sql<number>`min(latitude)`.as('b'),
      sql<number>`max(longitude)`.as('c'),
      sql<number>`max(latitude)`.as('d'),
    ])
    .executeTakeFirst()
  return row && row.a !== null ? [Number(row.a), Number(row.b), Number(row.c), Number(row.d)] : null
}
