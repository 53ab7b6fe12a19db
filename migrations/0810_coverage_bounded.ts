// Bounds the commit-time coverage work of migrations/0740 (a single venue write cost 0.1–1 s on PGlite while the
// database held few venues: every commune farther than 30 km from any venue was compared with each added venue).
// Each commune now carries its "reach": a box that holds every point nearer than its current nearest venue. Only
// communes whose reach contains an added venue can change, and a GiST index finds them. When a transaction would
// touch more than a few thousand communes (a sparse network, the first venues of a fresh database), the table is
// marked stale instead, and the next reader recomputes it whole (db/governance/coverage.ts), as after a bulk import.
// The three statement triggers of 0740 become one function that notes each venue's old and new point.
import { sql, type Kysely } from 'kysely'
import * as previous from './0740_commune_coverage.ts'

/** Above these sizes a transaction's changes are not applied one by one: coverage is marked stale and recomputed whole. */
const MAX_ADDED = 2000
const MAX_CANDIDATES = 4000
const MAX_RECOMPUTED = 2000
/** Same key as 0740 and db/governance/coverage.ts: commit-time work and full recomputes never interleave. */
const FLUSH_LOCK = 740740
/**
 * Metres per degree used for the reach box, below the true minima (110,574 m per degree of latitude, 111,320 × cos φ
 * per degree of longitude on the ellipsoid), so the box always holds the geodesic disc.
 */
const M_PER_DEG_LAT = 110000
const M_PER_DEG_LON = 111000

export async function up(db: Kysely<any>): Promise<void> {
  // The box around commune point g holding every point within d metres (geodesic); the whole world when d is
  // unknown (no published venue yet) or too large for a box to be meaningful (overseas communes with no venue).
  await sql
    .raw(`
    CREATE OR REPLACE FUNCTION coverage_reach(g geometry, d double precision) RETURNS geometry
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
    DECLARE
      dlat double precision;
      dlon double precision;
      top double precision;
    BEGIN
      IF d IS NULL OR d > 5000000 THEN
        RETURN ST_MakeEnvelope(-180, -90, 180, 90, 4326);
      END IF;
      dlat := d / ${M_PER_DEG_LAT} + 1e-6;
      top := abs(ST_Y(g)) + dlat;
      IF top >= 89.9 THEN
        RETURN ST_MakeEnvelope(-180, greatest(-90, ST_Y(g) - dlat), 180, least(90, ST_Y(g) + dlat), 4326);
      END IF;
      dlon := d / (${M_PER_DEG_LON} * cos(radians(top))) + 1e-6;
      IF ST_X(g) - dlon < -180 OR ST_X(g) + dlon > 180 THEN
        RETURN ST_MakeEnvelope(-180, ST_Y(g) - dlat, 180, ST_Y(g) + dlat, 4326);
      END IF;
      RETURN ST_MakeEnvelope(ST_X(g) - dlon, ST_Y(g) - dlat, ST_X(g) + dlon, ST_Y(g) + dlat, 4326);
    END $$`)
    .execute(db)
  await sql`ALTER TABLE commune_coverage ADD COLUMN reach geometry(Polygon, 4326)`.execute(db)
  // Every writer of commune_coverage (the triggers below, the full recompute, new communes) keeps reach in step.
  await sql`
    CREATE OR REPLACE FUNCTION commune_coverage_set_reach() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' OR NEW.distance_m IS DISTINCT FROM OLD.distance_m OR NEW.reach IS NULL THEN
        NEW.reach := coverage_reach((SELECT c.geom FROM communes c WHERE c.code_insee = NEW.code_insee), NEW.distance_m);
      END IF;
      RETURN NEW;
    END $$`.execute(db)
  await sql`
    CREATE TRIGGER commune_coverage_reach BEFORE INSERT OR UPDATE OF distance_m ON commune_coverage
    FOR EACH ROW EXECUTE FUNCTION commune_coverage_set_reach()`.execute(db)
  await sql`UPDATE commune_coverage cc SET reach = coverage_reach(c.geom, cc.distance_m) FROM communes c WHERE c.code_insee = cc.code_insee`.execute(
    db,
  )
  await sql`CREATE INDEX commune_coverage_reach_idx ON commune_coverage USING gist (reach)`.execute(db)
  await sql`DROP INDEX IF EXISTS commune_coverage_far_idx`.execute(db)

  // One statement trigger for inserts, updates and deletes: each venue that enters, leaves or moves within the
  // counted set (published, with a point) is noted with its old and new point; the commit-time flush does the rest.
  await sql`
    CREATE OR REPLACE FUNCTION venues_after_write() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      -- Per-session scratch tables; coverage_added may already exist in a session that wrote through 0740's triggers.
      IF to_regclass('pg_temp.venue_moves') IS NULL THEN
        CREATE TEMP TABLE venue_moves (venue_id uuid NOT NULL, old_geom geometry, new_geom geometry) ON COMMIT DELETE ROWS;
        CREATE TEMP TABLE IF NOT EXISTS coverage_added (id uuid, geom geometry) ON COMMIT DELETE ROWS;
      END IF;
      IF coalesce(current_setting('maillage.venue_writes', true), '') <> 'on' THEN
        PERFORM set_config('maillage.venue_writes', 'on', true);
        INSERT INTO venue_write_signal DEFAULT VALUES;
      END IF;
      -- Transition tables exist only for the operations that have them, hence one statement per operation.
      IF TG_OP = 'INSERT' THEN
        INSERT INTO pg_temp.venue_moves SELECT n.id, NULL, n.geom FROM new_rows n WHERE n.status = 'published' AND n.geom IS NOT NULL;
      ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO pg_temp.venue_moves SELECT o.id, o.geom, NULL FROM old_rows o WHERE o.status = 'published' AND o.geom IS NOT NULL;
      ELSE
        INSERT INTO pg_temp.venue_moves
          SELECT o.id, CASE WHEN o.status = 'published' THEN o.geom END, CASE WHEN n.status = 'published' THEN n.geom END
          FROM old_rows o JOIN new_rows n ON n.id = o.id
          WHERE (o.status = 'published' AND o.geom IS NOT NULL OR n.status = 'published' AND n.geom IS NOT NULL)
            AND (o.status IS DISTINCT FROM n.status OR o.geom IS DISTINCT FROM n.geom);
      END IF;
      RETURN NULL;
    END $$`.execute(db)
  await sql`DROP TRIGGER IF EXISTS venues_changes_ins ON venues`.execute(db)
  await sql`DROP TRIGGER IF EXISTS venues_changes_upd ON venues`.execute(db)
  await sql`DROP TRIGGER IF EXISTS venues_changes_del ON venues`.execute(db)
  await sql`CREATE TRIGGER venues_changes_ins AFTER INSERT ON venues REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION venues_after_write()`.execute(
    db,
  )
  await sql`CREATE TRIGGER venues_changes_upd AFTER UPDATE ON venues REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION venues_after_write()`.execute(
    db,
  )
  await sql`CREATE TRIGGER venues_changes_del AFTER DELETE ON venues REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION venues_after_write()`.execute(
    db,
  )

  // Coverage after a transaction's changes. A commune's nearest can only become (a) an added venue inside its reach
  // and nearer than its current one, or (b) anything, when its current nearest is a changed venue: (a) compares
  // distances for the communes the reach index returns, (b) searches again (planar KNN for a bound, then the exact
  // geodesic minimum within it). Either set too large: stale, recomputed whole by the next reader.
  await sql
    .raw(`
    CREATE OR REPLACE FUNCTION commune_coverage_apply() RETURNS void LANGUAGE plpgsql AS $$
    DECLARE
      added integer;
      candidates integer;
      lost text[];
    BEGIN
      DELETE FROM pg_temp.coverage_added;
      INSERT INTO pg_temp.coverage_added
        SELECT v.id, v.geom FROM (SELECT DISTINCT venue_id FROM pg_temp.venue_moves) ch JOIN venues v ON v.id = ch.venue_id
        WHERE v.status = 'published' AND v.geom IS NOT NULL;
      GET DIAGNOSTICS added = ROW_COUNT;
      SELECT array_agg(cc.code_insee) INTO lost FROM commune_coverage cc
        WHERE cc.venue_id IN (SELECT venue_id FROM pg_temp.venue_moves);
      -- Counting stops at the threshold: a sparse network never pays for the whole list.
      SELECT count(*) INTO candidates FROM (
        SELECT 1 FROM pg_temp.coverage_added a JOIN commune_coverage cc ON cc.reach && a.geom LIMIT ${MAX_CANDIDATES + 1}) x;
      IF added > ${MAX_ADDED} OR candidates > ${MAX_CANDIDATES} OR coalesce(cardinality(lost), 0) > ${MAX_RECOMPUTED} THEN
        UPDATE coverage_state SET stale = true;
        RETURN;
      END IF;
      IF candidates > 0 THEN
        WITH cand AS (
          SELECT cc.code_insee, a.id, ST_Distance(a.geom::geography, c.geom::geography) AS d, cc.distance_m AS old
          FROM pg_temp.coverage_added a
          JOIN commune_coverage cc ON cc.reach && a.geom
          JOIN communes c ON c.code_insee = cc.code_insee),
        best AS (
          SELECT DISTINCT ON (code_insee) code_insee, id, d FROM cand
          WHERE (old IS NULL OR d < old) AND NOT (code_insee = ANY (coalesce(lost, '{}')))
          ORDER BY code_insee, d, id)
        UPDATE commune_coverage cc SET venue_id = best.id, distance_m = best.d FROM best WHERE cc.code_insee = best.code_insee;
      END IF;
      IF lost IS NOT NULL THEN
        UPDATE commune_coverage cc SET venue_id = n.id, distance_m = n.d
        FROM communes c LEFT JOIN LATERAL (
          SELECT v.id, ST_Distance(v.geom::geography, c.geom::geography) AS d FROM venues v
          WHERE v.status = 'published' AND v.geom IS NOT NULL
            AND ST_DWithin(v.geom::geography, c.geom::geography, (
              SELECT ST_Distance(w.geom::geography, c.geom::geography) + 0.01 FROM venues w
              WHERE w.status = 'published' AND w.geom IS NOT NULL ORDER BY w.geom <-> c.geom LIMIT 1))
          ORDER BY 2, 1 LIMIT 1) n ON true
        WHERE c.code_insee = ANY (lost) AND cc.code_insee = c.code_insee;
      END IF;
    END $$`)
    .execute(db)

  // At commit, under the lock: the revision, the low-zoom grid (from the noted points) and the coverage.
  await sql
    .raw(`
    CREATE OR REPLACE FUNCTION venue_writes_flush() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      is_stale boolean;
    BEGIN
      PERFORM pg_advisory_xact_lock(${FLUSH_LOCK});
      PERFORM set_config('maillage.venue_writes', '', true);
      DELETE FROM venue_write_signal WHERE id = NEW.id;
      UPDATE coverage_state SET revision = revision + 1 RETURNING stale INTO is_stale;
      IF to_regclass('pg_temp.venue_moves') IS NULL OR NOT EXISTS (SELECT 1 FROM pg_temp.venue_moves) THEN
        RETURN NULL;
      END IF;
      INSERT INTO venue_grid AS g (cx, cy, n, sx, sy)
        SELECT p.cx, p.cy, sum(s.n), sum(s.n * p.wx), sum(s.n * p.wy)
        FROM (SELECT old_geom AS geom, -1 AS n FROM pg_temp.venue_moves WHERE old_geom IS NOT NULL
              UNION ALL SELECT new_geom, 1 FROM pg_temp.venue_moves WHERE new_geom IS NOT NULL) s,
          venue_grid_position(s.geom) p
        GROUP BY p.cx, p.cy ORDER BY p.cx, p.cy
        ON CONFLICT (cx, cy) DO UPDATE SET n = g.n + excluded.n, sx = g.sx + excluded.sx, sy = g.sy + excluded.sy;
      DELETE FROM venue_grid g USING pg_temp.venue_moves m, venue_grid_position(m.old_geom) p
        WHERE m.old_geom IS NOT NULL AND g.cx = p.cx AND g.cy = p.cy AND g.n <= 0;
      IF NOT is_stale THEN
        PERFORM commune_coverage_apply();
      END IF;
      DELETE FROM pg_temp.venue_moves;
      RETURN NULL;
    END $$`)
    .execute(db)
  await sql`DROP FUNCTION IF EXISTS venues_after_insert(), venues_after_update(), venues_after_delete(), venue_writes_prepare()`.execute(db)
}

/** Back to the 0740 state (its functions and triggers, the table recomputed whole by the next reader). */
export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TRIGGER IF EXISTS venues_changes_ins ON venues`.execute(db)
  await sql`DROP TRIGGER IF EXISTS venues_changes_upd ON venues`.execute(db)
  await sql`DROP TRIGGER IF EXISTS venues_changes_del ON venues`.execute(db)
  await sql`DROP FUNCTION IF EXISTS venues_after_write()`.execute(db)
  await previous.down(db)
  await sql`DROP FUNCTION IF EXISTS commune_coverage_set_reach(), coverage_reach(geometry, double precision)`.execute(db)
  await previous.up(db)
}
