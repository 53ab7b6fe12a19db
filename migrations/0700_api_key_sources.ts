// API keys bound to producer sources (`maillage apikey create … --source NAME`): the write gate lets a bound
// key import and create only under its own sources, and refuses imports by an authority key bound to none.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE api_keys ADD COLUMN sources text[] NOT NULL DEFAULT '{}'`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE api_keys DROP COLUMN sources`.execute(db)
}
