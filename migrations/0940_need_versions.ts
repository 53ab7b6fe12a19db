// Venues' needs join the one versioned write (db/versioned-write.ts, issue 12 item 3): a version number on the
// row, a snapshot per version in need_versions, an audit entry per change — as companies and sponsorships.
// Needs written before this migration get their version 1 snapshot from their current content.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE venue_needs ADD COLUMN version integer NOT NULL DEFAULT 1`.execute(db)
  await sql`
    CREATE TABLE need_versions (
      need_id uuid NOT NULL REFERENCES venue_needs (id),
      version integer NOT NULL,
      data jsonb NOT NULL,
      changed_at timestamptz NOT NULL DEFAULT now(),
      changed_by text NOT NULL,
      reason text NOT NULL,
      PRIMARY KEY (need_id, version)
    )`.execute(db)
  await sql`
    INSERT INTO need_versions (need_id, version, data, changed_at, changed_by, reason)
    SELECT n.id, 1, to_jsonb(n) - 'id' - 'version' - 'created_at' - 'updated_at', n.updated_at, n.created_by,
      'état à l’introduction des versions'
    FROM venue_needs n`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE IF EXISTS need_versions`.execute(db)
  await sql`ALTER TABLE venue_needs DROP COLUMN IF EXISTS version`.execute(db)
}
