// Monthly counters behind the governance time series: reading the whole venue_versions history on every request
// cost ~1.5 s of the national indicators at 30,000 venues. Each new version adds +1 to its month when it is
// published and −1 when the version it replaces was published, per commune, so "published at the end of month m"
// is a sum over the counters up to m. The application only appends versions; any other change to the history
// rebuilds the counters, and so does a restore (db/governance/published-months.ts), which may run with triggers off.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE venue_published_months (
      month timestamp NOT NULL,
      code_insee text NOT NULL,
      delta integer NOT NULL,
      PRIMARY KEY (month, code_insee)
    )`.execute(db)
  // Months are Europe/Paris calendar months, as the series shows them; '' stands for a version without commune.
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
  await sql`
    CREATE TRIGGER venue_versions_months AFTER INSERT ON venue_versions REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION venue_versions_count_months()`.execute(db)
  // The same counts from the whole history (spans between consecutive versions): the starting state, and after a restore.
  await sql`
    CREATE FUNCTION venue_published_months_rebuild() RETURNS void LANGUAGE sql AS $$
      DELETE FROM venue_published_months;
      WITH s AS (
        SELECT vv.status, vv.changed_at AS from_at, coalesce(vv.data->>'code_insee', '') AS code_insee,
          lead(vv.changed_at) OVER (PARTITION BY vv.venue_id ORDER BY vv.version) AS to_at
        FROM venue_versions vv)
      INSERT INTO venue_published_months (month, code_insee, delta)
        SELECT date_trunc('month', e.at AT TIME ZONE 'Europe/Paris'), e.code_insee, sum(e.d) FROM (
          SELECT from_at AS at, code_insee, 1 AS d FROM s WHERE status = 'published'
          UNION ALL SELECT to_at, code_insee, -1 FROM s WHERE status = 'published' AND to_at IS NOT NULL) e
        GROUP BY 1, 2;
    $$`.execute(db)
  await sql`SELECT venue_published_months_rebuild()`.execute(db)
  // The application only appends versions; anything else (a fixture back-dating history, a manual repair, a restore's
  // delete) rebuilds the counters whole, once per statement.
  await sql`
    CREATE OR REPLACE FUNCTION venue_versions_recount_months() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM venue_published_months_rebuild();
      RETURN NULL;
    END $$`.execute(db)
  await sql`
    CREATE TRIGGER venue_versions_months_rebuild AFTER UPDATE OR DELETE OR TRUNCATE ON venue_versions
    FOR EACH STATEMENT EXECUTE FUNCTION venue_versions_recount_months()`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TRIGGER IF EXISTS venue_versions_months ON venue_versions`.execute(db)
  await sql`DROP TRIGGER IF EXISTS venue_versions_months_rebuild ON venue_versions`.execute(db)
  await sql`DROP FUNCTION IF EXISTS venue_versions_count_months(), venue_versions_recount_months(), venue_published_months_rebuild()`.execute(
    db,
  )
  await sql`DROP TABLE IF EXISTS venue_published_months`.execute(db)
}
