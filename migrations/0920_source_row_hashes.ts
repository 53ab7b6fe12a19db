// Whole-file sync skips what did not change (issue 15): the hash of the file row each venue was last written from
// by an import or a sync. A row whose hash is stored for its venue is the very row that produced the stored
// content, so it is neither re-validated nor compared. Any later write to the venue (an edit, a merge, an
// archive, a status change) forgets the hash, so that row is compared in full again at the next sync.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE source_row_hashes (
      venue_id uuid PRIMARY KEY REFERENCES venues (id) ON DELETE CASCADE,
      hash text NOT NULL
    )`.execute(db)
  await sql`
    CREATE FUNCTION forget_source_row_hash() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      DELETE FROM source_row_hashes WHERE venue_id = OLD.id;
      RETURN NULL;
    END $$`.execute(db)
  await sql`
    CREATE TRIGGER venues_forget_source_row_hash AFTER UPDATE ON venues
    FOR EACH ROW EXECUTE FUNCTION forget_source_row_hash()`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TRIGGER venues_forget_source_row_hash ON venues`.execute(db)
  await sql`DROP FUNCTION forget_source_row_hash()`.execute(db)
  await sql`DROP TABLE source_row_hashes`.execute(db)
}
