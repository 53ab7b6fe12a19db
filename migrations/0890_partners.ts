// Issue 16 (items 1, 2, 6): venues' needs, sponsorships proposed by companies (pending until confirmed),
// and the "exemple fictif" flag of the demo partners (shown as such, never exported).
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE venue_needs (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      venue_id uuid NOT NULL REFERENCES venues (id),
      kind text NOT NULL CHECK (kind IN ('emploi_avenir', 'don_materiel', 'fonds_solidarites_numeriques', 'mecenat')),
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'met', 'withdrawn')),
      description text,
      local_project text,
      devices_count integer CHECK (devices_count > 0),
      devices_kind text,
      amount_eur numeric(14, 2) CHECK (amount_eur > 0),
      skills text,
      is_example boolean NOT NULL DEFAULT false,
      created_by text NOT NULL,
      met_by_sponsorship uuid REFERENCES sponsorships (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      closed_at timestamptz
    )`.execute(db)
  await sql`CREATE INDEX venue_needs_venue_idx ON venue_needs (venue_id)`.execute(db)
  await sql`CREATE INDEX venue_needs_open_idx ON venue_needs (kind) WHERE status = 'open'`.execute(db)
  // A company proposes (pending); a curator, an admin or the CINOV-IT referent confirms (active) or declines.
  await sql`ALTER TABLE sponsorships DROP CONSTRAINT IF EXISTS sponsorships_status_check`.execute(db)
  await sql`ALTER TABLE sponsorships ADD CONSTRAINT sponsorships_status_check
    CHECK (status IN ('pending', 'active', 'ended', 'suspended', 'declined', 'archived'))`.execute(db)
  await sql`ALTER TABLE sponsorships ADD COLUMN need_id uuid REFERENCES venue_needs (id)`.execute(db)
  await sql`ALTER TABLE sponsorships ADD COLUMN proposed_by text`.execute(db)
  await sql`ALTER TABLE sponsorships ADD COLUMN is_example boolean NOT NULL DEFAULT false`.execute(db)
  await sql`ALTER TABLE companies ADD COLUMN is_example boolean NOT NULL DEFAULT false`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE companies DROP COLUMN IF EXISTS is_example`.execute(db)
  await sql`ALTER TABLE sponsorships DROP COLUMN IF EXISTS is_example`.execute(db)
  await sql`ALTER TABLE sponsorships DROP COLUMN IF EXISTS proposed_by`.execute(db)
  await sql`ALTER TABLE sponsorships DROP COLUMN IF EXISTS need_id`.execute(db)
  await sql`ALTER TABLE sponsorships DROP CONSTRAINT IF EXISTS sponsorships_status_check`.execute(db)
  await sql`ALTER TABLE sponsorships ADD CONSTRAINT sponsorships_status_check CHECK (status IN ('active', 'ended', 'suspended', 'archived'))`.execute(
    db,
  )
  await sql`DROP TABLE IF EXISTS venue_needs`.execute(db)
}
