// Web Mercator tile arithmetic and the clustering rule shared by both tile builders (SQL and Node).
export const EXTENT = 4096
/** Up to this zoom, venues are grouped in cells of CELL tile units (8 × 8 cells per tile). */
export const CLUSTER_MAX_ZOOM = 11
export const CELL = 512

export interface TileAddress {
  z: number
  x: number
  y: number
}

/** The tile's bounds in WGS 84 degrees: [minLon, minLat, maxLon, maxLat]. */
export function tileBounds({ z, x, y }: TileAddress): [number, number, number, number] {
  const n = 2 ** z
  const lon = (i: number) => (i / n) * 360 - 180
  const lat = (j: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * j) / n))) * 180) / Math.PI
  return [lon(x), lat(y + 1), lon(x + 1), lat(y)]
}

/** A point's position in tile units (0..EXTENT, y downwards), rounded like ST_AsMVTGeom. */
export function toTileCoords(lon: number, lat: number, { z, x, y }: TileAddress): [number, number] {
  const n = 2 ** z
  const sin = Math.sin((lat * Math.PI) / 180)
  const worldX = ((lon + 180) / 360) * n
  const worldY = (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * n
  return [Math.round((worldX - x) * EXTENT), Math.round((worldY - y) * EXTENT)]
}

export function isClusterZoom(z: number): boolean {
  return z <= CLUSTER_MAX_ZOOM
}
