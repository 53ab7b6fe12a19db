// The whole data model of DESIGN.md. Later migrations extend it; this one is never edited once released.
import { sql, type Kysely } from 'kysely'

const LIST_COLUMNS = [
  'typologie',
  'courriels',
  'site_web',
  'itinerance',
  'services',
  'publics_specifiquement_adresses',
  'prise_en_charge_specifique',
  'frais_a_charge',
  'dispositif_programmes_nationaux',
  'formations_labels',
  'autres_formations_labels',
  'modalites_acces',
  'modalites_accompagnement',
] as const

export async function up(db: Kysely<any>): Promise<void> {
  await sql`CREATE EXTENSION IF NOT EXISTS postgis`.execute(db)
  await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`.execute(db)
  await sql`CREATE EXTENSION IF NOT EXISTS unaccent`.execute(db)

  // unaccent() is only STABLE; an immutable wrapper lets us index and compare normalised text.
  await sql`
    CREATE OR REPLACE FUNCTION maillage_normalize(value text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
      SELECT btrim(regexp_replace(lower(public.unaccent('public.unaccent'::regdictionary, coalesce(value, ''))), '[^a-z0-9]+', ' ', 'g'))
    $$`.execute(db)

  await sql`
    CREATE TABLE communes (
      code_insee text PRIMARY KEY,
      nom text NOT NULL,
      nom_normalise text NOT NULL,
      departement text NOT NULL,
      region text NOT NULL,
      codes_postaux text[] NOT NULL DEFAULT '{}',
      population integer NOT NULL DEFAULT 0,
      latitude double precision NOT NULL,
      longitude double precision NOT NULL,
      geom geometry(Point, 4326) NOT NULL
    )`.execute(db)
  await sql`CREATE INDEX communes_geom_idx ON communes USING gist (geom)`.execute(db)
  await sql`CREATE INDEX communes_geog_idx ON communes USING gist ((geom::geography))`.execute(db)
  await sql`CREATE INDEX communes_departement_idx ON communes (departement)`.execute(db)
  await sql`CREATE INDEX communes_region_idx ON communes (region)`.execute(db)
  await sql`CREATE INDEX communes_nom_trgm_idx ON communes USING gin (nom_normalise gin_trgm_ops)`.execute(db)
  await sql`CREATE INDEX communes_codes_postaux_idx ON communes USING gin (codes_postaux)`.execute(db)

  const listColumns = LIST_COLUMNS.map((c) => `${c} text[] NOT NULL DEFAULT '{}'`).join(',\n      ')
  await sql
    .raw(`
    CREATE TABLE venues (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      source text NOT NULL,
      source_id text NOT NULL,
      pivot text NOT NULL,
      nom text NOT NULL,
      commune text NOT NULL,
      code_postal text NOT NULL CHECK (code_postal ~ '^\\d{5}$'),
      code_insee text CHECK (code_insee ~ '^([013-9]\\d|2[AB1-9])\\d{3}$'),
      adresse text NOT NULL,
      complement_adresse text,
      latitude double precision CHECK (latitude BETWEEN -90 AND 90),
      longitude double precision CHECK (longitude BETWEEN -180 AND 180),
      telephone text,
      horaires text,
      presentation_resume text CHECK (char_length(presentation_resume) <= 280),
      presentation_detail text,
      structure_parente text,
      date_maj date NOT NULL,
      fiche_acces_libre text,
      prise_rdv text,
      ${listColumns},
      geom geometry(Point, 4326),
      location_approximate boolean NOT NULL DEFAULT false,
      status text NOT NULL DEFAULT 'published' CHECK (status IN ('published', 'pending', 'archived', 'closed')),
      version integer NOT NULL DEFAULT 1,
      departement text,
      region text,
      search_text text NOT NULL DEFAULT '',
      merged_into uuid REFERENCES venues (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (source, source_id)
    )`)
    .execute(db)
  await sql`CREATE INDEX venues_geom_idx ON venues USING gist (geom)`.execute(db)
  await sql`CREATE INDEX venues_geog_idx ON venues USING gist ((geom::geography))`.execute(db)
  await sql`CREATE INDEX venues_status_idx ON venues (status)`.execute(db)
  await sql`CREATE INDEX venues_departement_idx ON venues (departement)`.execute(db)
  await sql`CREATE INDEX venues_region_idx ON venues (region)`.execute(db)
  await sql`CREATE INDEX venues_code_insee_idx ON venues (code_insee)`.execute(db)
  await sql`CREATE INDEX venues_pivot_idx ON venues (pivot)`.execute(db)
  await sql`CREATE INDEX venues_search_trgm_idx ON venues USING gin (search_text gin_trgm_ops)`.execute(db)
  for (const column of [
    'services',
    'publics_specifiquement_adresses',
    'dispositif_programmes_nationaux',
    'modalites_accompagnement',
    'frais_a_charge',
  ]) {
    await sql.raw(`CREATE INDEX venues_${column}_idx ON venues USING gin (${column})`).execute(db)
  }

  // Territory, point and search text are derived from the record in one place, whoever writes it.
  await sql`
    CREATE OR REPLACE FUNCTION venues_derive() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      commune_row communes%ROWTYPE;
    BEGIN
      IF NEW.code_insee IS NOT NULL THEN
        SELECT * INTO commune_row FROM communes WHERE code_insee = NEW.code_insee;
        IF FOUND THEN
          NEW.departement := commune_row.departement;
          NEW.region := commune_row.region;
        ELSE
          NEW.departement := CASE WHEN NEW.code_insee ~ '^9[78]' THEN substr(NEW.code_insee, 1, 3) ELSE substr(NEW.code_insee, 1, 2) END;
          NEW.region := NULL;
        END IF;
      ELSE
        NEW.departement := NULL;
        NEW.region := NULL;
      END IF;
      IF NEW.latitude IS NOT NULL AND NEW.longitude IS NOT NULL THEN
        NEW.geom := ST_SetSRID(ST_MakePoint(NEW.longitude, NEW.latitude), 4326);
      ELSE
        NEW.geom := NULL;
      END IF;
      NEW.search_text := maillage_normalize(NEW.nom || ' ' || NEW.commune || ' ' || NEW.adresse || ' ' || NEW.code_postal);
      RETURN NEW;
    END $$`.execute(db)
  await sql`CREATE TRIGGER venues_derive_trg BEFORE INSERT OR UPDATE ON venues FOR EACH ROW EXECUTE FUNCTION venues_derive()`.execute(db)

  await sql`
    CREATE TABLE venue_versions (
      venue_id uuid NOT NULL REFERENCES venues (id),
      version integer NOT NULL,
      data jsonb NOT NULL,
      status text NOT NULL,
      changed_at timestamptz NOT NULL DEFAULT now(),
      changed_by text NOT NULL,
      reason text NOT NULL,
      PRIMARY KEY (venue_id, version)
    )`.execute(db)

  await sql`
    CREATE TABLE labels (
      id serial PRIMARY KEY,
      slug text NOT NULL UNIQUE,
      nom text NOT NULL,
      issuer text NOT NULL DEFAULT '',
      criteria text NOT NULL DEFAULT '',
      logo_url text,
      default_validity_months integer,
      standard_field text CHECK (standard_field IN ('dispositif_programmes_nationaux', 'formations_labels')),
      standard_value text,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db)
  await sql`
    CREATE TABLE venue_labels (
      id serial PRIMARY KEY,
      venue_id uuid NOT NULL REFERENCES venues (id),
      label_id integer NOT NULL REFERENCES labels (id),
      granted_on date NOT NULL,
      expires_on date,
      revoked_on date,
      revoked_reason text,
      evidence text,
      created_by text NOT NULL DEFAULT 'system',
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db)
  await sql`CREATE INDEX venue_labels_venue_idx ON venue_labels (venue_id)`.execute(db)

  await sql`
    CREATE TABLE companies (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      siret text NOT NULL UNIQUE CHECK (siret ~ '^\\d{14}$'),
      nom text NOT NULL,
      code_naf text,
      adresse text,
      code_postal text,
      commune text,
      code_insee text,
      latitude double precision,
      longitude double precision,
      geom geometry(Point, 4326),
      cinov_member_since date,
      cinov_status text NOT NULL DEFAULT 'active',
      contact_nom text,
      contact_courriel text,
      contact_telephone text,
      site_web text,
      version integer NOT NULL DEFAULT 1,
      archived_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db)
  await sql`
    CREATE TABLE sponsorships (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      company_id uuid NOT NULL REFERENCES companies (id),
      venue_id uuid NOT NULL REFERENCES venues (id),
      kind text NOT NULL CHECK (kind IN ('emploi_avenir', 'don_materiel', 'fonds_solidarites_numeriques', 'mecenat')),
      status text NOT NULL DEFAULT 'active',
      started_on date NOT NULL,
      ended_on date,
      youth_count integer CHECK (youth_count >= 0),
      devices_count integer CHECK (devices_count >= 0),
      amount_eur numeric(14, 2) CHECK (amount_eur >= 0),
      description text,
      tutor_name text,
      sponsor_name text,
      refurbisher text,
      version integer NOT NULL DEFAULT 1,
      archived_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db)
  await sql`CREATE INDEX sponsorships_venue_idx ON sponsorships (venue_id)`.execute(db)
  await sql`CREATE INDEX sponsorships_company_idx ON sponsorships (company_id)`.execute(db)

  await sql`
    CREATE TABLE users (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      email text NOT NULL UNIQUE,
      password_hash text NOT NULL,
      role text NOT NULL CHECK (role IN ('admin', 'curator')),
      territories text[] NOT NULL DEFAULT '{}',
      failed_logins integer NOT NULL DEFAULT 0,
      locked_until timestamptz,
      disabled_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db)
  await sql`
    CREATE TABLE api_keys (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL,
      prefix text NOT NULL UNIQUE,
      key_hash text NOT NULL,
      role text NOT NULL CHECK (role IN ('authority', 'curator', 'admin')),
      territories text[] NOT NULL DEFAULT '{}',
      created_by text NOT NULL DEFAULT 'system',
      created_at timestamptz NOT NULL DEFAULT now(),
      last_used_at timestamptz,
      revoked_at timestamptz
    )`.execute(db)

  await sql`
    CREATE TABLE submissions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      kind text NOT NULL CHECK (kind IN ('create', 'update', 'archive', 'restore', 'report')),
      venue_id uuid REFERENCES venues (id),
      base_version integer,
      payload jsonb NOT NULL DEFAULT '{}',
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
      submitted_by text NOT NULL,
      reporter_name text,
      reporter_email text,
      message text,
      decision_reason text,
      reviewed_by text,
      reviewed_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db)
  await sql`CREATE INDEX submissions_status_idx ON submissions (status, created_at)`.execute(db)

  await sql`
    CREATE TABLE imports (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      source text NOT NULL,
      actor text NOT NULL,
      dry_run boolean NOT NULL DEFAULT false,
      partial boolean NOT NULL DEFAULT false,
      status text NOT NULL,
      summary jsonb NOT NULL DEFAULT '{}',
      report jsonb NOT NULL DEFAULT '[]',
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db)

  await sql`
    CREATE TABLE duplicates (
      id serial PRIMARY KEY,
      venue_a uuid NOT NULL REFERENCES venues (id),
      venue_b uuid NOT NULL REFERENCES venues (id),
      reason text NOT NULL,
      score double precision NOT NULL DEFAULT 0,
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'merged', 'dismissed')),
      resolved_by text,
      resolved_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (venue_a, venue_b)
    )`.execute(db)

  await sql`
    CREATE TABLE audit_log (
      id bigserial PRIMARY KEY,
      at timestamptz NOT NULL DEFAULT now(),
      actor text NOT NULL,
      action text NOT NULL,
      entity text NOT NULL,
      entity_id text,
      detail jsonb NOT NULL DEFAULT '{}'
    )`.execute(db)
  // Append-only: the database itself refuses to rewrite history.
  await sql`
    CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
    END $$`.execute(db)
  await sql`CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`.execute(
    db,
  )
  await sql`CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`.execute(
    db,
  )

  await sql`
    CREATE TABLE app_meta (
      key text PRIMARY KEY,
      value jsonb NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('0001_core is the base schema; restore from a backup instead of rolling it back')
}
