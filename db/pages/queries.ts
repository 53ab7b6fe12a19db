// All SQL of the server-rendered pages.
import { UUID_PATTERN as UUID } from '../../domain/ids.ts'
import type { Kysely } from 'kysely'
import type { Database } from '../types.ts'

export async function findVenueForPage(db: Kysely<Database>, id: string) {
  if (!UUID.test(id)) return undefined
  return db.selectFrom('venues').selectAll().where('id', '=', id).executeTakeFirst()
}
export type PageVenue = NonNullable<Awaited<ReturnType<typeof findVenueForPage>>>
