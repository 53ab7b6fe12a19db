// Reads of the venue grid kept by the venue triggers (migrations/0740): low-zoom tiles are sums over its cells,
// and the venue revision, which grows with every venue write, keys the tile cache.
import { sql, type Kysely } from 'kysely'
import type { Database } from '../types.ts'

/** The grid's level: 2^10 cells a side, i.e. the 8 × 8 cluster cells of a zoom-7 tile. */
export const GRID_LEVEL = 10
/** The deepest zoom served from the grid (cluster cells of zoom z are grid cells at level z + 3). */
export const GRID_MAX_ZOOM = GRID_LEVEL - 3

export interface GridGroup {
  gx: number
  gy: number
  n: number
  sx: number
  sy: number
}

/** The cluster cells of tile z/x/y (z ≤ GRID_MAX_ZOOM): count and summed Web-Mercator position (world units) of their venues. */
export async function gridGroups(db: Kysely<Database>, z: number, x: number, y: number): Promise<GridGroup[]> {
  const span = 2 ** (GRID_LEVEL - z)
  const shift = GRID_MAX_ZOOM - z
  const { rows } = await sql<GridGroup>`
    SELECT cx >> ${shift}::int AS gx, cy >> ${shift}::int AS gy, sum(n)::int AS n, sum(sx) AS sx, sum(sy) AS sy
    FROM venue_grid WHERE cx >= ${x * span}::int AND cx < ${(x + 1) * span}::int AND cy >= ${y * span}::int AND cy < ${(y + 1) * span}::int
    GROUP BY 1, 2`.execute(db)
  return rows.map((r) => ({ gx: Number(r.gx), gy: Number(r.gy), n: Number(r.n), sx: Number(r.sx), sy: Number(r.sy) }))
}

/** Grows with every committed venue write (any column): a cache keyed on it is never stale. */
export async function venueRevision(db: Kysely<Database>): Promise<number> {
  const { rows } = await sql<{ revision: number }>`SELECT revision FROM coverage_state`.execute(db)
  return Number(rows[0]?.revision ?? 0)
}
