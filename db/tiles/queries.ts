// Tile SQL. PostgreSQL encodes the tile itself (ST_AsMVT); the embedded PostGIS has no protobuf, so there we
// only read the points and the Node builder encodes the same tile.
import { sql, type Kysely } from 'kysely'
import { filterConditions, type SearchFilter } from '../search/filters.ts'
import type { Database } from '../types.ts'
import { CELL, EXTENT, isClusterZoom, tileBounds, type TileAddress } from './tile-math.ts'

/** Flags carried by each venue feature (small booleans a map can style). */
const FLAGS = [
  sql<boolean>`('Gratuit' = ANY(venues.frais_a_charge))`.as('gratuit'),
  sql<boolean>`('France Services' = ANY(venues.dispositif_programmes_nationaux))`.as('france_services'),
  sql<boolean>`('Conseillers numériques' = ANY(venues.dispositif_programmes_nationaux))`.as('conseillers_numeriques'),
  sql<boolean>`('Itinérant' = ANY(venues.itinerance))`.as('itinerant'),
  sql<boolean>`venues.location_approximate`.as('approximate'),
]

function pointsQuery(db: Kysely<Database>, filter: SearchFilter, tile: TileAddress) {
  const [minLon, minLat, maxLon, maxLat] = tileBounds(tile)
  return db
    .selectFrom('venues')
    .where((eb) => filterConditions(eb, filter))
    .where(sql<boolean>`venues.geom && ST_MakeEnvelope(${minLon}::float8, ${minLat}::float8, ${maxLon}::float8, ${maxLat}::float8, 4326)`)
}

export interface TilePoint {
  id: string
  nom: string
  longitude: number
  latitude: number
  horaires: string | null
  gratuit: boolean
  france_services: boolean
  conseillers_numeriques: boolean
  itinerant: boolean
  approximate: boolean
}

/** The venues inside a tile, for the Node builder. */
export async function tilePoints(db: Kysely<Database>, filter: SearchFilter, tile: TileAddress): Promise<TilePoint[]> {
  return pointsQuery(db, filter, tile)
    .select(['venues.id', 'venues.nom', 'venues.horaires'])
    .select([sql<number>`ST_X(venues.geom)`.as('longitude'), sql<number>`ST_Y(venues.geom)`.as('latitude'), ...FLAGS])
    .execute() as unknown as Promise<TilePoint[]>
}

/** The whole tile encoded by PostGIS (ST_AsMVT), with the same clustering rule as the Node builder. */
export async function mvtTile(db: Kysely<Database>, filter: SearchFilter, tile: TileAddress): Promise<Uint8Array> {
  const { z, x, y } = tile
  const points = pointsQuery(db, filter, tile).select([
    sql<string>`venues.id::text`.as('id'),
    'venues.nom',
    sql`ST_AsMVTGeom(ST_Transform(venues.geom, 3857), ST_TileEnvelope(${z}::int, ${x}::int, ${y}::int), ${EXTENT}::int, 0, true)`.as('g'),
    ...FLAGS,
  ])
  const venueColumns = sql`p.id, p.nom, p.gratuit, p.france_services, p.conseillers_numeriques, p.itinerant, p.approximate`
  const features = isClusterZoom(z)
    ? sql`
      cells AS (SELECT floor(ST_X(g) / ${CELL}::int) AS cx, floor(ST_Y(g) / ${CELL}::int) AS cy, count(*)::int AS n,
                       round(avg(ST_X(g))) AS ax, round(avg(ST_Y(g))) AS ay FROM pts WHERE g IS NOT NULL GROUP BY 1, 2),
      feats AS (
        SELECT ST_MakePoint(ax, ay) AS geom, true AS cluster, n AS point_count,
               NULL::text AS id, NULL::text AS nom, NULL::boolean AS gratuit, NULL::boolean AS france_services,
               NULL::boolean AS conseillers_numeriques, NULL::boolean AS itinerant, NULL::boolean AS approximate
        FROM cells WHERE n > 1
        UNION ALL
        SELECT p.g, false, 1, ${venueColumns}
        FROM pts p JOIN cells c ON floor(ST_X(p.g) / ${CELL}::int) = c.cx AND floor(ST_Y(p.g) / ${CELL}::int) = c.cy
        WHERE c.n = 1)`
    : sql`feats AS (SELECT p.g AS geom, false AS cluster, 1 AS point_count, ${venueColumns} FROM pts p WHERE p.g IS NOT NULL)`
  const { rows } = await sql<{ mvt: Uint8Array | null }>`
    WITH pts AS (${points}), ${features}
    SELECT ST_AsMVT(feats.*, 'venues', ${EXTENT}::int, 'geom') AS mvt FROM feats`.execute(db)
  return rows[0]?.mvt ?? new Uint8Array()
}
