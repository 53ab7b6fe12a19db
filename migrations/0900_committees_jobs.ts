// Issue 16 items 3–5: the outcome of an emploi d'avenir at its end (an aggregate category, nothing on the young
// person), member companies' job offers (placed at their commune's centre), committee meetings with their frozen
// yearly-report snapshot and two-party validated minutes, and the versioned network criteria the committee adopts.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE sponsorships ADD COLUMN outcome text`.execute(db)
  await sql`
    ALTER TABLE sponsorships ADD CONSTRAINT sponsorships_outcome_check CHECK (
      outcome IS NULL OR (kind = 'emploi_avenir'
        AND outcome IN ('cdi_cdd_entreprise', 'autre_emploi', 'formation_apprentissage', 'recherche_emploi', 'inconnu')))`.execute(db)

  await sql`
    CREATE TABLE job_offers (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      company_id uuid NOT NULL REFERENCES companies (id),
      titre text NOT NULL CHECK (length(titre) BETWEEN 1 AND 200),
      type_contrat text NOT NULL CHECK (type_contrat IN ('cdi', 'cdd', 'alternance', 'stage', 'emploi_avenir')),
      code_insee text NOT NULL REFERENCES communes (code_insee),
      url text NOT NULL CHECK (url ~ '^https?://'),
      date_cloture date NOT NULL,
      -- The commune's centre, copied at write time (a radius search needs the geography index).
      geom geography(Point, 4326) NOT NULL,
      version integer NOT NULL DEFAULT 1,
      created_by text NOT NULL,
      archived_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db)
  await sql`CREATE INDEX job_offers_geom_idx ON job_offers USING gist (geom)`.execute(db)
  await sql`CREATE INDEX job_offers_open_idx ON job_offers (date_cloture) WHERE archived_at IS NULL`.execute(db)

  await sql`
    CREATE TABLE committee_meetings (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      committee text NOT NULL CHECK (committee IN ('gouvernance', 'pilotage')),
      held_on date NOT NULL,
      attendees jsonb NOT NULL DEFAULT '[]',
      agenda jsonb NOT NULL DEFAULT '[]',
      decisions jsonb NOT NULL DEFAULT '[]',
      minutes text NOT NULL DEFAULT '',
      -- The yearly report's indicators as they stood when the meeting was recorded: never recomputed.
      report_year integer NOT NULL,
      report_snapshot jsonb NOT NULL,
      state_validated_by text,
      state_validated_at timestamptz,
      cinov_validated_by text,
      cinov_validated_at timestamptz,
      -- Set once both parties validated: sha256 of the canonical content; the row is immutable from then on.
      content_hash text,
      finalized_at timestamptz,
      version integer NOT NULL DEFAULT 1,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db)
  // The database refuses a change to final minutes too, whatever path the write takes.
  await sql`
    CREATE OR REPLACE FUNCTION committee_meetings_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF OLD.finalized_at IS NOT NULL THEN
        RAISE EXCEPTION 'committee minutes are final' USING ERRCODE = 'check_violation';
      END IF;
      RETURN NEW;
    END $$`.execute(db)
  await sql`
    CREATE TRIGGER committee_meetings_immutable_trg BEFORE UPDATE OR DELETE ON committee_meetings
      FOR EACH ROW EXECUTE FUNCTION committee_meetings_immutable()`.execute(db)

  await sql`
    CREATE TABLE network_criteria_versions (
      version integer PRIMARY KEY,
      adopted_on date NOT NULL,
      meeting_id uuid REFERENCES committee_meetings (id),
      criteria jsonb NOT NULL,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE IF EXISTS network_criteria_versions`.execute(db)
  await sql`DROP TABLE IF EXISTS committee_meetings`.execute(db)
  await sql`DROP FUNCTION IF EXISTS committee_meetings_immutable()`.execute(db)
  await sql`DROP TABLE IF EXISTS job_offers`.execute(db)
  await sql`ALTER TABLE sponsorships DROP CONSTRAINT IF EXISTS sponsorships_outcome_check`.execute(db)
  await sql`ALTER TABLE sponsorships DROP COLUMN IF EXISTS outcome`.execute(db)
}
