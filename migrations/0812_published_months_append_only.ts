// The monthly counters of 0811 were upserted (ON CONFLICT DO UPDATE) by every new version: two transactions writing
// venues of the same commune in the same month then waited for each other's commit (a long import blocked every
// edit in its communes). Counters become append-only deltas, summed when read, so writers never share a row;
// a rebuild (any change to history other than an append, or a restore) compacts them to one row per key again.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE venue_published_months DROP CONSTRAINT venue_published_months_pkey`.execute(db)
  await sql`CREATE INDEX venue_published_months_key_idx ON venue_published_months (month, code_insee)`.execute(db)
  await sql`
    CREATE OR REPLACE FUNCTION venue_versions_count_months() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO venue_published_months (month, code_insee, delta)
        SELECT e.month, e.code_insee, sum(e.d) FROM (
          SELECT date_trunc('month', n.changed_at AT TIME ZONE 'Europe/Paris') AS month, coalesce(n.data->>'code_insee', '') AS code_insee, 1 AS d
          FROM new_rows n WHERE n.status = 'published'
          UNION ALL
          SELECT date_trunc('month', n.changed_at AT TIME ZONE 'Europe/Paris'), coalesce(p.data->>'code_insee', ''), -1
          FROM new_rows n JOIN LATERAL (
            SELECT pv.status, pv.data FROM venue_versions pv WHERE pv.venue_id = n.venue_id AND pv.version < n.version
            ORDER BY pv.version DESC LIMIT 1) p ON true
          WHERE p.status = 'published') e
        GROUP BY e.month, e.code_insee
        HAVING sum(e.d) <> 0;
      RETURN NULL;
    END $$`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`SELECT venue_published_months_rebuild()`.execute(db)
  await sql`DROP INDEX IF EXISTS venue_published_months_key_idx`.execute(db)
  await sql`ALTER TABLE venue_published_months ADD PRIMARY KEY (month, code_insee)`.execute(db)
  await sql`
    CREATE OR REPLACE FUNCTION venue_versions_count_months() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO venue_published_months AS m (month, code_insee, delta)
        SELECT e.month, e.code_insee, sum(e.d) FROM (
          SELECT date_trunc('month', n.changed_at AT TIME ZONE 'Europe/Paris') AS month, coalesce(n.data->>'code_insee', '') AS code_insee, 1 AS d
          FROM new_rows n WHERE n.status = 'published'
          UNION ALL
          SELECT date_trunc('month', n.changed_at AT TIME ZONE 'Europe/Paris'), coalesce(p.data->>'code_insee', ''), -1
          FROM new_rows n JOIN LATERAL (
            SELECT pv.status, pv.data FROM venue_versions pv WHERE pv.venue_id = n.venue_id AND pv.version < n.version
            ORDER BY pv.version DESC LIMIT 1) p ON true
          WHERE p.status = 'published') e
        GROUP BY e.month, e.code_insee ORDER BY e.month, e.code_insee
        ON CONFLICT (month, code_insee) DO UPDATE SET delta = m.delta + excluded.delta;
      RETURN NULL;
    END $$`.execute(db)
}
