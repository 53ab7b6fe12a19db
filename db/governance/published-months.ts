// The monthly counters of published venues (migrations/0811) are kept by a trigger on venue_versions; a restore
// replaces the history wholesale (triggers possibly off), so it rebuilds them from the rows.
import { sql, type Kysely } from 'kysely'
import type { Database } from '../types.ts'

export async function rebuildPublishedMonths(db: Kysely<Database>): Promise<void> {
  await sql`SELECT venue_published_months_rebuild()`.execute(db)
}
