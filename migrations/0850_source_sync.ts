// Producers keep their data in sync (issue 15, items 2 and 3): a whole-file sync by an authority becomes ONE
// submission of kind `sync` (its diff in the payload); sources may have a URL harvested on schedule, with
// the conditional-GET validators of the last file applied, each run's report, and a lease that lets one
// instance harvest at a time (an UPDATE … WHERE lease expired: atomic on PostgreSQL and PGlite alike).
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE submissions DROP CONSTRAINT IF EXISTS submissions_kind_check`.execute(db)
  await sql`ALTER TABLE submissions ADD CONSTRAINT submissions_kind_check CHECK (kind IN ('create', 'update', 'archive', 'restore', 'report', 'sync'))`.execute(
    db,
  )
  await sql`
    CREATE TABLE harvest_sources (
      name text PRIMARY KEY,
      url text NOT NULL,
      every_seconds integer NOT NULL CHECK (every_seconds >= 60),
      absent text NOT NULL DEFAULT 'keep' CHECK (absent IN ('keep', 'archive')),
      etag text,
      last_modified text,
      next_run_at timestamptz NOT NULL DEFAULT now(),
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db)
  await sql`
    CREATE TABLE harvest_runs (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      source text NOT NULL REFERENCES harvest_sources (name) ON DELETE CASCADE,
      started_at timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz,
      outcome text NOT NULL CHECK (outcome IN ('applied', 'not_modified', 'failed', 'submitted')),
      http_status integer,
      bytes integer NOT NULL DEFAULT 0,
      totals jsonb NOT NULL DEFAULT '{}',
      error text,
      rejected jsonb NOT NULL DEFAULT '[]'
    )`.execute(db)
  await sql`CREATE INDEX harvest_runs_source_idx ON harvest_runs (source, started_at DESC)`.execute(db)
  // One row: who holds the harvesting lease and until when (a crashed holder's lease simply expires).
  await sql`CREATE TABLE harvest_lease (id integer PRIMARY KEY CHECK (id = 1), holder text, until timestamptz NOT NULL DEFAULT '-infinity')`.execute(
    db,
  )
  await sql`INSERT INTO harvest_lease (id) VALUES (1)`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE harvest_lease`.execute(db)
  await sql`DROP TABLE harvest_runs`.execute(db)
  await sql`DROP TABLE harvest_sources`.execute(db)
  await sql`DELETE FROM submissions WHERE kind = 'sync'`.execute(db)
  await sql`ALTER TABLE submissions DROP CONSTRAINT IF EXISTS submissions_kind_check`.execute(db)
  await sql`ALTER TABLE submissions ADD CONSTRAINT submissions_kind_check CHECK (kind IN ('create', 'update', 'archive', 'restore', 'report'))`.execute(
    db,
  )
}
