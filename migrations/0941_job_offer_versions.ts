// Job offers join the one versioned write (db/versioned-write.ts) as companies, sponsorships and needs: a
// snapshot per version in job_offer_versions. Offers written before get a snapshot of their current version.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE job_offer_versions (
      job_offer_id uuid NOT NULL REFERENCES job_offers (id),
      version integer NOT NULL,
      data jsonb NOT NULL,
      changed_at timestamptz NOT NULL DEFAULT now(),
      changed_by text NOT NULL,
      reason text NOT NULL,
      PRIMARY KEY (job_offer_id, version)
    )`.execute(db)
  await sql`
    INSERT INTO job_offer_versions (job_offer_id, version, data, changed_at, changed_by, reason)
    SELECT o.id, o.version, to_jsonb(o) - 'id' - 'version' - 'geom' - 'created_at' - 'updated_at', o.updated_at,
      o.created_by, 'état à l’introduction des versions'
    FROM job_offers o`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE IF EXISTS job_offer_versions`.execute(db)
}
