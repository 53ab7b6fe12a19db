// Venue history says through which channel each version came (issue 14): the interface, an API key, an import
// of a named file, a sync, a harvest, a merge, an approved proposal. Older versions keep null (read from who and why).
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE venue_versions ADD COLUMN channel text`.execute(db)
  await sql`ALTER TABLE venue_versions ADD COLUMN channel_detail text`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE venue_versions DROP COLUMN channel_detail, DROP COLUMN channel`.execute(db)
}
