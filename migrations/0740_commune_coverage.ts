// Figures kept ready on every venue write: each commune's nearest published venue (commune_coverage, read by the
// governance indicators), venue counts on a fine Web-Mercator grid (low-zoom tiles) and a revision number (tile cache).
// Triggers on venues collect what a transaction changed; one deferred trigger applies it at commit, under a lock.
import { sql, type Kysely } from 'kysely'

/**
 * Communes farther than this from their nearest venue are checked against every added venue (a short list on a
 * dense network); nearer ones only against venues within this radius, found through the communes' index.
 */
export const COVERAGE_NEAR_RADIUS_M = 30000
/** Above these sizes a transaction's changes are not applied one by one: coverage is marked stale and recomputed whole. */
const MAX_ADDED = 2000
const MAX_FAR_PAIRS = 400000
const MAX_RECOMPUTED = 3000
/** Grid of 2^10 × 2^10 Web-Mercator cells: the cluster cells of tiles up to zoom 7 (8 × 8 cells per tile). */
export const GRID_LEVEL = 10 // db/tiles/grid.ts reads the same grid
/** Key of the transaction-level advisory lock that serialises the commit-time work (any constant of our own). */
const FLUSH_LOCK = 740740

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE commune_coverage (
      code_insee text PRIMARY KEY REFERENCES communes (code_insee) ON DELETE CASCADE,
      venue_id uuid,
      distance_m double precision
    )`.execute(db)
  await sql`CREATE INDEX commune_coverage_venue_idx ON commune_coverage (venue_id)`.execute(db)
  await sql
    .raw(`CREATE INDEX commune_coverage_far_idx ON commune_coverage (code_insee)
    WHERE distance_m IS NULL OR distance_m > ${COVERAGE_NEAR_RADIUS_M}`)
    .execute(db)
  // One row: `stale` asks for a full recompute (after a bulk change), `revision` grows with every venue write.
  await sql`
    CREATE TABLE coverage_state (
      id boolean PRIMARY KEY DEFAULT true CHECK (id),
      stale boolean NOT NULL DEFAULT true,
      revision bigint NOT NULL DEFAULT 0,
      recomputed_at timestamptz
    )`.execute(db)
  await sql`INSERT INTO coverage_state (id) VALUES (true)`.execute(db)
  await sql`
    CREATE TABLE venue_grid (
      cx integer NOT NULL,
      cy integer NOT NULL,
      n integer NOT NULL,
      sx double precision NOT NULL,
      sy double precision NOT NULL,
      PRIMARY KEY (cx, cy)
    )`.execute(db)
  // A row per writing transaction, deleted by the deferred trigger it fires: the hook that runs once at commit.
  await sql`CREATE TABLE venue_write_signal (id bigserial PRIMARY KEY)`.execute(db)

  // Web-Mercator position of a point in world units [0, 1) and its cell on the grid.
  await sql
    .raw(`
    CREATE OR REPLACE FUNCTION venue_grid_position(g geometry, OUT cx integer, OUT cy integer, OUT wx double precision, OUT wy double precision)
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
      SELECT least(${2 ** GRID_LEVEL - 1}, greatest(0, floor(p.x * ${2 ** GRID_LEVEL})))::integer,
             least(${2 ** GRID_LEVEL - 1}, greatest(0, floor(p.y * ${2 ** GRID_LEVEL})))::integer, p.x, p.y
      FROM (SELECT (ST_X(g) + 180.0) / 360.0 AS x,
                   0.5 - ln((1 + sin(radians(s.lat))) / (1 - sin(radians(s.lat)))) / (4 * pi()) AS y
            FROM (SELECT greatest(-85.0511287798, least(85.0511287798, ST_Y(g))) AS lat) s) p
    $$`)
    .execute(db)

  // Called by each statement trigger: the per-transaction scratch tables and, once per transaction, the signal row.
  await sql`
    CREATE OR REPLACE FUNCTION venue_writes_prepare() RETURNS void LANGUAGE plpgsql AS $$
    BEGIN
      IF to_regclass('pg_temp.venue_changed') IS NULL THEN
        CREATE TEMP TABLE venue_changed (venue_id uuid NOT NULL) ON COMMIT DELETE ROWS;
        CREATE TEMP TABLE venue_grid_delta (cx integer, cy integer, n integer, sx double precision, sy double precision) ON COMMIT DELETE ROWS;
        CREATE TEMP TABLE coverage_added (id uuid, geom geometry) ON COMMIT DELETE ROWS;
      END IF;
      IF coalesce(current_setting('maillage.venue_writes', true), '') <> 'on' THEN
        PERFORM set_config('maillage.venue_writes', 'on', true);
        INSERT INTO venue_write_signal DEFAULT VALUES;
      END IF;
    END $$`.execute(db)

  // What counts: a published venue with a point. A row matters when it enters, leaves or moves within that set.
  await sql`
    CREATE OR REPLACE FUNCTION venues_after_insert() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM venue_writes_prepare();
      INSERT INTO pg_temp.venue_changed SELECT n.id FROM new_rows n WHERE n.status = 'published' AND n.geom IS NOT NULL;
      INSERT INTO pg_temp.venue_grid_delta SELECT p.cx, p.cy, 1, p.wx, p.wy
        FROM new_rows n, venue_grid_position(n.geom) p WHERE n.status = 'published' AND n.geom IS NOT NULL;
      RETURN NULL;
    END $$`.execute(db)
  await sql`
    CREATE OR REPLACE FUNCTION venues_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM venue_writes_prepare();
      WITH moved AS (
        SELECT o.id, CASE WHEN o.status = 'published' THEN o.geom END AS old_geom, CASE WHEN n.status = 'published' THEN n.geom END AS new_geom
        FROM old_rows o JOIN new_rows n ON n.id = o.id
        WHERE (o.status = 'published' AND o.geom IS NOT NULL OR n.status = 'published' AND n.geom IS NOT NULL)
          AND (o.status IS DISTINCT FROM n.status OR o.geom IS DISTINCT FROM n.geom)),
      changed AS (INSERT INTO pg_temp.venue_changed SELECT id FROM moved)
      INSERT INTO pg_temp.venue_grid_delta
        SELECT p.cx, p.cy, -1, -p.wx, -p.wy FROM moved m, venue_grid_position(m.old_geom) p WHERE m.old_geom IS NOT NULL
        UNION ALL
        SELECT p.cx, p.cy, 1, p.wx, p.wy FROM moved m, venue_grid_position(m.new_geom) p WHERE m.new_geom IS NOT NULL;
      RETURN NULL;
    END $$`.execute(db)
  await sql`
    CREATE OR REPLACE FUNCTION venues_after_delete() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM venue_writes_prepare();
      INSERT INTO pg_temp.venue_changed SELECT o.id FROM old_rows o WHERE o.status = 'published' AND o.geom IS NOT NULL;
      INSERT INTO pg_temp.venue_grid_delta SELECT p.cx, p.cy, -1, -p.wx, -p.wy
        FROM old_rows o, venue_grid_position(o.geom) p WHERE o.status = 'published' AND o.geom IS NOT NULL;
      RETURN NULL;
    END $$`.execute(db)
  await sql`CREATE TRIGGER venues_changes_ins AFTER INSERT ON venues REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION venues_after_insert()`.execute(
    db,
  )
  await sql`CREATE TRIGGER venues_changes_upd AFTER UPDATE ON venues REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION venues_after_update()`.execute(
    db,
  )
  await sql`CREATE TRIGGER venues_changes_del AFTER DELETE ON venues REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION venues_after_delete()`.execute(
    db,
  )

  // Coverage after a transaction's changes. Only changed venues moved, so a commune's nearest can only be (a) a changed
  // venue now published nearer than its current one, or (b) anything, when its current nearest is a changed venue:
  // (a) compares distances, (b) searches again (planar KNN for a bound, then the exact geodesic minimum within it).
  await sql
    .raw(`
    CREATE OR REPLACE FUNCTION commune_coverage_apply() RETURNS void LANGUAGE plpgsql AS $$
    DECLARE
      added integer;
      far integer;
      lost text[];
    BEGIN
      DELETE FROM pg_temp.coverage_added;
      INSERT INTO pg_temp.coverage_added
        SELECT v.id, v.geom FROM (SELECT DISTINCT venue_id FROM pg_temp.venue_changed) ch JOIN venues v ON v.id = ch.venue_id
        WHERE v.status = 'published' AND v.geom IS NOT NULL;
      GET DIAGNOSTICS added = ROW_COUNT;
      SELECT array_agg(cc.code_insee) INTO lost FROM commune_coverage cc
        WHERE cc.venue_id IN (SELECT venue_id FROM pg_temp.venue_changed);
      SELECT count(*) INTO far FROM commune_coverage WHERE distance_m IS NULL OR distance_m > ${COVERAGE_NEAR_RADIUS_M};
      IF added > ${MAX_ADDED} OR added::bigint * far > ${MAX_FAR_PAIRS} OR coalesce(cardinality(lost), 0) > ${MAX_RECOMPUTED} THEN
        UPDATE coverage_state SET stale = true;
        RETURN;
      END IF;
      IF added > 0 THEN
        WITH cand AS (
          SELECT cc.code_insee, a.id, ST_Distance(a.geom::geography, c.geom::geography) AS d, cc.distance_m AS old
          FROM pg_temp.coverage_added a
          JOIN communes c ON ST_DWithin(c.geom::geography, a.geom::geography, ${COVERAGE_NEAR_RADIUS_M})
          JOIN commune_coverage cc ON cc.code_insee = c.code_insee
          WHERE cc.distance_m <= ${COVERAGE_NEAR_RADIUS_M}
          UNION ALL
          SELECT cc.code_insee, a.id, ST_Distance(a.geom::geography, c.geom::geography), cc.distance_m
          FROM commune_coverage cc JOIN communes c ON c.code_insee = cc.code_insee CROSS JOIN pg_temp.coverage_added a
          WHERE cc.distance_m IS NULL OR cc.distance_m > ${COVERAGE_NEAR_RADIUS_M}),
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
      IF to_regclass('pg_temp.venue_changed') IS NULL THEN
        RETURN NULL;
      END IF;
      INSERT INTO venue_grid AS g (cx, cy, n, sx, sy)
        SELECT cx, cy, sum(n), sum(sx), sum(sy) FROM pg_temp.venue_grid_delta GROUP BY cx, cy ORDER BY cx, cy
        ON CONFLICT (cx, cy) DO UPDATE SET n = g.n + excluded.n, sx = g.sx + excluded.sx, sy = g.sy + excluded.sy;
      DELETE FROM venue_grid WHERE n <= 0 AND (cx, cy) IN (SELECT cx, cy FROM pg_temp.venue_grid_delta);
      IF NOT is_stale AND EXISTS (SELECT 1 FROM pg_temp.venue_changed) THEN
        PERFORM commune_coverage_apply();
      END IF;
      DELETE FROM pg_temp.venue_changed;
      DELETE FROM pg_temp.venue_grid_delta;
      RETURN NULL;
    END $$`)
    .execute(db)
  await sql`
    CREATE CONSTRAINT TRIGGER venue_writes_flush AFTER INSERT ON venue_write_signal
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION venue_writes_flush()`.execute(db)

  // Starting state: every commune listed (stale: the first reader, or the start-up, computes the distances) and the grid.
  await sql`INSERT INTO commune_coverage (code_insee) SELECT code_insee FROM communes`.execute(db)
  await sql`
    INSERT INTO venue_grid (cx, cy, n, sx, sy)
    SELECT p.cx, p.cy, count(*), sum(p.wx), sum(p.wy) FROM venues v, venue_grid_position(v.geom) p
    WHERE v.status = 'published' AND v.geom IS NOT NULL GROUP BY p.cx, p.cy`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TRIGGER IF EXISTS venues_changes_ins ON venues`.execute(db)
  await sql`DROP TRIGGER IF EXISTS venues_changes_upd ON venues`.execute(db)
  await sql`DROP TRIGGER IF EXISTS venues_changes_del ON venues`.execute(db)
  await sql`DROP TABLE IF EXISTS venue_write_signal, venue_grid, coverage_state, commune_coverage`.execute(db)
  await sql`DROP FUNCTION IF EXISTS venue_writes_flush(), commune_coverage_apply(), venues_after_insert(), venues_after_update(), venues_after_delete(), venue_writes_prepare(), venue_grid_position(geometry)`.execute(
    db,
  )
}
