// All SQL of the server-rendered pages.
import type { Kysely } from 'kysely'
import type { Database } from '../types.ts'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export async function findVenueForPage(db: Kysely<Database>, id: string) {
  if (!UUID.test(id)) return undefined
  return db.selectFrom('venues').selectAll().where('id', '=', id).executeTakeFirst()
}
export type PageVenue = NonNullable<Awaited<ReturnType<typeof findVenueForPage>>>
