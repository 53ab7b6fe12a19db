// Nearest point by geodesic distance (WGS 84, GeographicLib — the algorithm PostGIS's geography distance uses),
// through a latitude/longitude bucket grid: the full coverage recompute runs here, in JS, because 35,000 index
// searches are seconds in the embedded database and milliseconds in V8.
import geographiclib from 'geographiclib-geodesic'

// A CommonJS module: its named exports are read from the default one under plain Node ESM.
const { Geodesic } = geographiclib
const WGS84 = Geodesic.WGS84
const DISTANCE = Geodesic.DISTANCE
const R = 6371008.8
/** Sphere vs ellipsoid distances differ by less than 0.7 %: a 1 % margin keeps every lower bound safe. */
const MARGIN = 0.99
const RAD = Math.PI / 180
/** Beyond this many rings of cells without a proven nearest, every point is compared (communes far from everything). */
const MAX_RINGS = 12
/** Under this many points, comparing them all is cheaper than walking empty rings of cells. */
const BRUTE_FORCE_BELOW = 200

export interface GeoPoint {
  latitude: number
  longitude: number
}

export function geodesicDistance(a: GeoPoint, b: GeoPoint): number {
  return WGS84.Inverse(a.latitude, a.longitude, b.latitude, b.longitude, DISTANCE).s12 as number
}

function haversine(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const s1 = Math.sin(((lat2 - lat1) * RAD) / 2)
  const s2 = Math.sin(((lon2 - lon1) * RAD) / 2)
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(s1 * s1 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * s2 * s2)))
}

export class NearestIndex<T extends GeoPoint> {
  private readonly cells = new Map<number, T[]>()
  private readonly columns: number

  constructor(
    private readonly points: T[],
    private readonly cellDegrees = 0.25,
  ) {
    this.columns = Math.round(360 / cellDegrees)
    for (const p of points) {
      const key = this.key(this.row(p.latitude), this.column(p.longitude))
      const bucket = this.cells.get(key)
      if (bucket) bucket.push(p)
      else this.cells.set(key, [p])
    }
  }

  private row(lat: number): number {
    return Math.floor((lat + 90) / this.cellDegrees)
  }
  private column(lon: number): number {
    return ((Math.floor((lon + 180) / this.cellDegrees) % this.columns) + this.columns) % this.columns
  }
  private key(row: number, column: number): number {
    return row * this.columns + column
  }

  /** The nearest point and its geodesic distance in metres, or null when there is none. */
  nearest(at: GeoPoint): { point: T; distance: number } | null {
    if (this.points.length === 0) return null
    let best: T | null = null
    let bestDistance = Infinity
    const consider = (p: T) => {
      if (haversine(at.latitude, at.longitude, p.latitude, p.longitude) * MARGIN >= bestDistance) return
      const d = geodesicDistance(at, p)
      if (d < bestDistance) {
        best = p
        bestDistance = d
      }
    }
    if (this.points.length < BRUTE_FORCE_BELOW) {
      for (const p of this.points) consider(p)
      return best === null ? null : { point: best, distance: bestDistance }
    }
    const row0 = this.row(at.latitude)
    const column0 = this.column(at.longitude)
    const rows = Math.ceil(180 / this.cellDegrees)
    let proven = false
    for (let k = 0; k <= MAX_RINGS && 2 * k + 1 < this.columns; k++) {
      // Rings of cells around the point; a ring adds its perimeter cells only.
      for (let dr = -k; dr <= k; dr++) {
        const row = row0 + dr
        if (row < 0 || row > rows) continue
        const step = Math.abs(dr) === k ? 1 : 2 * k
        for (let dc = -k; dc <= k; dc += step) {
          const bucket = this.cells.get(this.key(row, (((column0 + dc) % this.columns) + this.columns) % this.columns))
          if (bucket) for (const p of bucket) consider(p)
        }
      }
      if (best !== null && this.outsideBound(at, row0, column0, k) >= bestDistance) {
        proven = true
        break
      }
    }
    if (!proven) for (const p of this.points) consider(p)
    return best === null ? null : { point: best, distance: bestDistance }
  }

  /** A lower bound of the distance from `at` to any point outside the (2k+1)² cells around its own. */
  private outsideBound(at: GeoPoint, row0: number, column0: number, k: number): number {
    const south = (row0 - k) * this.cellDegrees - 90
    const north = (row0 + k + 1) * this.cellDegrees - 90
    const latGap = Math.min(at.latitude - south, north - at.latitude) * RAD * R
    const west = (column0 - k) * this.cellDegrees - 180
    const east = (column0 + k + 1) * this.cellDegrees - 180
    const dLon = Math.min(at.longitude - west, east - at.longitude)
    // Distance from a point to a whole meridian dLon away: asin(cos φ · sin Δλ) on the sphere.
    const lonGap = dLon >= 90 ? Infinity : R * Math.asin(Math.min(1, Math.cos(at.latitude * RAD) * Math.sin(dLon * RAD)))
    return Math.min(latGap, lonGap) * MARGIN
  }
}
