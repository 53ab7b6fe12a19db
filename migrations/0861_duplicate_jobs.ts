// Duplicates in the background (issue 14): each pair keeps the reasons of its score, the list reads by score,
// detection runs are jobs with progress and a cancel flag, and phones and e-mails get the indexes the
// candidate search joins on.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE duplicates ADD COLUMN reasons jsonb NOT NULL DEFAULT '[]'::jsonb`.execute(db)
  await sql`CREATE INDEX duplicates_status_score_idx ON duplicates (status, score DESC, id)`.execute(db)
  await sql`CREATE INDEX venues_telephone_idx ON venues (telephone) WHERE telephone IS NOT NULL`.execute(db)
  await sql`CREATE INDEX venues_courriels_idx ON venues USING gin (courriels)`.execute(db)
  await sql`
    CREATE TABLE duplicate_jobs (
      id serial PRIMARY KEY,
      status text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'done', 'cancelled', 'failed')),
      started_by text NOT NULL,
      scope jsonb NOT NULL DEFAULT 'null'::jsonb,
      total integer NOT NULL DEFAULT 0,
      processed integer NOT NULL DEFAULT 0,
      queued integer NOT NULL DEFAULT 0,
      cancel_requested boolean NOT NULL DEFAULT false,
      error text,
      started_at timestamptz NOT NULL DEFAULT now(),
      heartbeat_at timestamptz NOT NULL DEFAULT now(),
      finished_at timestamptz
    )`.execute(db)
  await sql`CREATE INDEX duplicate_jobs_running_idx ON duplicate_jobs (status) WHERE status = 'running'`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE duplicate_jobs`.execute(db)
  await sql`DROP INDEX IF EXISTS venues_courriels_idx`.execute(db)
  await sql`DROP INDEX IF EXISTS venues_telephone_idx`.execute(db)
  await sql`DROP INDEX IF EXISTS duplicates_status_score_idx`.execute(db)
  await sql`ALTER TABLE duplicates DROP COLUMN reasons`.execute(db)
}
