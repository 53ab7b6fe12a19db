// Sponsorship domain: version history for companies and sponsorships (same model as venue_versions),
// the company point derived from coordinates or its commune's centre, and the indexes the public pages use.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  for (const entity of ['company', 'sponsorship']) {
    const table = entity === 'company' ? 'companies' : 'sponsorships'
    await sql
      .raw(`
      CREATE TABLE ${entity}_versions (
        ${entity}_id uuid NOT NULL REFERENCES ${table} (id),
        version integer NOT NULL,
        data jsonb NOT NULL,
        changed_at timestamptz NOT NULL DEFAULT now(),
        changed_by text NOT NULL,
        reason text NOT NULL,
        PRIMARY KEY (${entity}_id, version)
      )`)
      .execute(db)
  }
  // A company is placed on the map by its own coordinates, else at its commune's centre (location_approximate).
  await sql`ALTER TABLE companies ADD COLUMN location_approximate boolean NOT NULL DEFAULT false`.execute(db)
  await sql`ALTER TABLE companies ADD CONSTRAINT companies_cinov_status_check CHECK (cinov_status IN ('active', 'suspended', 'former'))`.execute(
    db,
  )
  await sql`ALTER TABLE companies ADD CONSTRAINT companies_code_naf_check CHECK (code_naf IS NULL OR code_naf ~ '^\\d{2}\\.?\\d{2}[A-Z]$')`.execute(
    db,
  )
  await sql`ALTER TABLE sponsorships ADD CONSTRAINT sponsorships_status_check CHECK (status IN ('active', 'ended', 'suspended', 'archived'))`.execute(
    db,
  )
  await sql`
    CREATE OR REPLACE FUNCTION companies_derive() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      commune_row communes%ROWTYPE;
    BEGIN
      IF NEW.latitude IS NOT NULL AND NEW.longitude IS NOT NULL THEN
        NEW.geom := ST_SetSRID(ST_MakePoint(NEW.longitude, NEW.latitude), 4326);
        NEW.location_approximate := false;
      ELSIF NEW.code_insee IS NOT NULL THEN
        SELECT * INTO commune_row FROM communes WHERE code_insee = NEW.code_insee;
        IF FOUND THEN
          NEW.geom := commune_row.geom;
          NEW.location_approximate := true;
        ELSE
          NEW.geom := NULL;
        END IF;
      ELSE
        NEW.geom := NULL;
      END IF;
      RETURN NEW;
    END $$`.execute(db)
  await sql`CREATE TRIGGER companies_derive_trg BEFORE INSERT OR UPDATE ON companies FOR EACH ROW EXECUTE FUNCTION companies_derive()`.execute(
    db,
  )
  await sql`CREATE INDEX companies_geom_idx ON companies USING gist (geom)`.execute(db)
  await sql`CREATE INDEX sponsorships_kind_idx ON sponsorships (kind)`.execute(db)
  await sql`CREATE INDEX venue_versions_changed_at_idx ON venue_versions (changed_at)`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX IF EXISTS venue_versions_changed_at_idx`.execute(db)
  await sql`DROP INDEX IF EXISTS sponsorships_kind_idx`.execute(db)
  await sql`DROP INDEX IF EXISTS companies_geom_idx`.execute(db)
  await sql`DROP TRIGGER IF EXISTS companies_derive_trg ON companies`.execute(db)
  await sql`DROP FUNCTION IF EXISTS companies_derive()`.execute(db)
  await sql`ALTER TABLE sponsorships DROP CONSTRAINT IF EXISTS sponsorships_status_check`.execute(db)
  await sql`ALTER TABLE companies DROP CONSTRAINT IF EXISTS companies_code_naf_check`.execute(db)
  await sql`ALTER TABLE companies DROP CONSTRAINT IF EXISTS companies_cinov_status_check`.execute(db)
  await sql`ALTER TABLE companies DROP COLUMN IF EXISTS location_approximate`.execute(db)
  await sql`DROP TABLE IF EXISTS sponsorship_versions`.execute(db)
  await sql`DROP TABLE IF EXISTS company_versions`.execute(db)
}
