// A venue by its producer's own id: (source, source_id) is unique, so the producers' routes can address it.
import type { Kysely } from 'kysely'
import type { Database } from '../types.ts'

export async function findVenueIdBySourceId(db: Kysely<Database>, source: string, sourceId: string): Promise<string | undefined> {
  const row = await db.selectFrom('venues').select('id').where('source', '=', source).where('source_id', '=', sourceId).executeTakeFirst()
  return row?.id
}
