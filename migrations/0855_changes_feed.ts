// The changes feed (GET /api/v1/changes): every change to the set of published venues, numbered in COMMIT order.
// A serial taken at insert time is not commit order when transactions overlap (a mirror reading "after 41" could
// miss 40 committing later), so rows are written without a number and a deferred trigger numbers a transaction's
// rows at commit, under a transaction-level advisory lock: numbers are handed out in the order transactions commit,
// and a reader never sees number n+1 without n. Works the same on PGlite (a single connection).
import { sql, type Kysely } from 'kysely'

/** Key of the transaction-level advisory lock taken at commit to number the changes (any constant of our own). */
const FEED_LOCK = 855855

export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE SEQUENCE venue_change_seq`.execute(db)
  await sql`
    CREATE TABLE venue_changes (
      id bigserial PRIMARY KEY,
      -- The default only tells backups (db/backup) which sequence to move past restored rows: triggers insert NULL.
      seq bigint UNIQUE DEFAULT nextval('venue_change_seq'),
      tx bigint NOT NULL DEFAULT txid_current(),
      venue_id uuid NOT NULL,
      version integer NOT NULL,
      kind text NOT NULL CHECK (kind IN ('created', 'updated', 'archived', 'merged')),
      merged_into uuid,
      departement text,
      region text,
      changed_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db)
  await sql`ALTER SEQUENCE venue_change_seq OWNED BY venue_changes.seq`.execute(db)
  await sql`CREATE INDEX venue_changes_unnumbered_idx ON venue_changes (tx) WHERE seq IS NULL`.execute(db)
  // One row per writing transaction, deleted at its commit: what the deferred trigger hangs on (fires once).
  await sql`CREATE TABLE venue_change_commits (tx bigint PRIMARY KEY)`.execute(db)

  await sql`
    CREATE FUNCTION venue_feed_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO venue_changes (seq, venue_id, version, kind, departement, region)
        SELECT NULL, id, version, 'created', departement, region FROM new_rows WHERE status = 'published';
      IF FOUND THEN
        INSERT INTO venue_change_commits (tx) VALUES (txid_current()) ON CONFLICT DO NOTHING;
      END IF;
      RETURN NULL;
    END $$`.execute(db)
  // Published → published is an update; into the published set a creation; out of it an archive; a new
  // merged_into a merge (the merged venue was archived just before, in the same transaction).
  await sql`
    CREATE FUNCTION venue_feed_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO venue_changes (seq, venue_id, version, kind, merged_into, departement, region)
        SELECT NULL, n.id, n.version,
          CASE WHEN n.merged_into IS NOT NULL AND n.merged_into IS DISTINCT FROM o.merged_into THEN 'merged'
               WHEN n.status = 'published' AND o.status <> 'published' THEN 'created'
               WHEN n.status = 'published' THEN 'updated'
               ELSE 'archived' END,
          n.merged_into, n.departement, n.region
        FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE (n.version <> o.version AND (n.status = 'published' OR o.status = 'published'))
           OR (n.merged_into IS NOT NULL AND n.merged_into IS DISTINCT FROM o.merged_into)
        ORDER BY n.id;
      IF FOUND THEN
        INSERT INTO venue_change_commits (tx) VALUES (txid_current()) ON CONFLICT DO NOTHING;
      END IF;
      RETURN NULL;
    END $$`.execute(db)
  await sql
    .raw(`
    CREATE FUNCTION venue_feed_number() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      -- Held until the commit is visible: the next transaction numbers its rows only after this one is seen.
      PERFORM pg_advisory_xact_lock(${FEED_LOCK});
      UPDATE venue_changes c SET seq = o.seq
        FROM (SELECT id, nextval('venue_change_seq') AS seq
              FROM (SELECT id FROM venue_changes WHERE tx = NEW.tx AND seq IS NULL ORDER BY id) i) o
        WHERE c.id = o.id;
      DELETE FROM venue_change_commits WHERE tx = NEW.tx;
      RETURN NULL;
    END $$`)
    .execute(db)
  await sql`CREATE TRIGGER venues_feed_ins AFTER INSERT ON venues REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION venue_feed_after_insert()`.execute(
    db,
  )
  await sql`CREATE TRIGGER venues_feed_upd AFTER UPDATE ON venues REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION venue_feed_after_update()`.execute(
    db,
  )
  await sql`CREATE CONSTRAINT TRIGGER venue_change_commits_number AFTER INSERT ON venue_change_commits DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION venue_feed_number()`.execute(
    db,
  )

  // Venues published before the feed existed enter it as creations, so a mirror starting from the beginning is whole.
  await sql`
    INSERT INTO venue_changes (seq, venue_id, version, kind, departement, region, changed_at)
      SELECT nextval('venue_change_seq'), id, version, 'created', departement, region, updated_at
      FROM (SELECT * FROM venues WHERE status = 'published' ORDER BY updated_at, id) v`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TRIGGER IF EXISTS venues_feed_ins ON venues`.execute(db)
  await sql`DROP TRIGGER IF EXISTS venues_feed_upd ON venues`.execute(db)
  await sql`DROP TABLE IF EXISTS venue_change_commits`.execute(db)
  await sql`DROP TABLE IF EXISTS venue_changes`.execute(db) // drops its owned sequence
  await sql`DROP FUNCTION IF EXISTS venue_feed_after_insert, venue_feed_after_update, venue_feed_number`.execute(db)
}
