// Point in département, in memory and without the database (same answer on PGlite and PostgreSQL), against
// the boundaries shipped in db/geo/departements.geojson (built by db/geo/build-departements.ts).
// Hand-written rather than @turf/boolean-point-in-polygon: the check needs the distance to the border
// (a tolerance), a bbox prefilter per ring and nothing else, in about a hundred lines with no dependency.
import { readFileSync } from 'node:fs'

/**
 * A point this close to its département (in metres) is accepted even if it falls just outside the shipped
 * polygon. It absorbs the shipped simplification (SIMPLIFY_TOLERANCE_M in build-departements.ts), the source's
 * own simplification and rounding, and venues drawn on a quay, a pier or a bridge across a border river;
 * it is far too small to move a venue into another territory's heart (Bordeaux ↔ Paris is 500 km).
 */
export const BORDER_TOLERANCE_M = 2_000

const M_PER_DEG_LAT = 111_320

interface Ring {
  bbox: [number, number, number, number]
  coords: Float64Array
} // lon, lat, lon, lat, …
interface Shape {
  code: string
  nom: string
  bbox: [number, number, number, number]
  rings: Ring[]
}

export interface DepartementIndex {
  shapes: Map<string, Shape>
}

interface FeatureCollection {
  features: { properties: { code: string; nom: string }; geometry: { type: string; coordinates: unknown } }[]
}

function bboxOf(coords: Float64Array): [number, number, number, number] {
  let minLon = Infinity,
    minLat = Infinity,
    maxLon = -Infinity,
    maxLat = -Infinity
  for (let i = 0; i < coords.length; i += 2) {
    minLon = Math.min(minLon, coords[i])
    maxLon = Math.max(maxLon, coords[i])
    minLat = Math.min(minLat, coords[i + 1])
    maxLat = Math.max(maxLat, coords[i + 1])
  }
  return [minLon, minLat, maxLon, maxLat]
}

/** Builds the index from a GeoJSON FeatureCollection of (Multi)Polygons with `code` and `nom` properties. */
export function indexDepartements(collection: FeatureCollection): DepartementIndex {
  const shapes = new Map<string, Shape>()
  for (const { properties, geometry } of collection.features) {
    const polygons = (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates) as number[][][][]
    const rings = polygons.flat().map((ring) => {
      const coords = Float64Array.from(ring.flat())
      return { bbox: bboxOf(coords), coords }
    })
    const bbox: [number, number, number, number] = [
      Math.min(...rings.map((r) => r.bbox[0])),
      Math.min(...rings.map((r) => r.bbox[1])),
      Math.max(...rings.map((r) => r.bbox[2])),
      Math.max(...rings.map((r) => r.bbox[3])),
    ]
    shapes.set(properties.code, { code: properties.code, nom: properties.nom, bbox, rings })
  }
  return { shapes }
}

let shipped: DepartementIndex | null = null

/** The shipped boundaries, read once on first use (≈ 0.1 s). */
export function shippedDepartements(): DepartementIndex {
  shipped ??= indexDepartements(JSON.parse(readFileSync(new URL('./departements.geojson', import.meta.url), 'utf8')) as FeatureCollection)
  return shipped
}

/** Even–odd ray casting over every ring of the shape: holes and islands count right without knowing which is which. */
function inside(shape: Shape, lon: number, lat: number): boolean {
  let odd = false
  for (const { bbox, coords } of shape.rings) {
    if (lon < bbox[0] || lon > bbox[2] || lat < bbox[1] || lat > bbox[3]) continue
    for (let i = 0, j = coords.length - 2; i < coords.length; j = i, i += 2) {
      const yi = coords[i + 1],
        yj = coords[j + 1]
      if (yi > lat !== yj > lat && lon < ((coords[j] - coords[i]) * (lat - yi)) / (yj - yi) + coords[i]) odd = !odd
    }
  }
  return odd
}

/** Distance in metres from the point to the shape's boundary, looking only at rings whose bbox is within `limit`. */
function distanceToBoundary(shape: Shape, lon: number, lat: number, limit: number): number {
  const kx = M_PER_DEG_LAT * Math.cos((lat * Math.PI) / 180)
  const dLon = limit / kx,
    dLat = limit / M_PER_DEG_LAT
  let best = Infinity
  for (const { bbox, coords } of shape.rings) {
    if (lon < bbox[0] - dLon || lon > bbox[2] + dLon || lat < bbox[1] - dLat || lat > bbox[3] + dLat) continue
    for (let i = 2; i < coords.length; i += 2) {
      // Local plane centred on the point: x east, y north, in metres.
      const ax = (coords[i - 2] - lon) * kx,
        ay = (coords[i - 1] - lat) * M_PER_DEG_LAT
      const bx = (coords[i] - lon) * kx,
        by = (coords[i + 1] - lat) * M_PER_DEG_LAT
      const dx = bx - ax,
        dy = by - ay
      const len2 = dx * dx + dy * dy
      const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * dx + ay * dy) / len2))
      best = Math.min(best, Math.hypot(ax + t * dx, ay + t * dy))
    }
  }
  return best
}

export type Placement =
  /** No boundary shipped for this code (Saint-Pierre-et-Miquelon, Saint-Barthélemy, Saint-Martin, 98x…). */
  | { result: 'unknown' }
  | { result: 'inside' }
  /** Outside the shipped polygon but within the tolerance of its border. */
  | { result: 'near'; distance_m: number }
  /** Farther than the tolerance: `distance_m` is a lower bound when it exceeds the search window. */
  | { result: 'outside'; distance_m: number }

/** Where a point stands relative to a département (INSEE code: '33', '2A', '974'…). Pure and synchronous. */
export function placeInDepartement(
  code: string,
  latitude: number,
  longitude: number,
  { tolerance_m = BORDER_TOLERANCE_M, index = shippedDepartements() }: { tolerance_m?: number; index?: DepartementIndex } = {},
): Placement {
  const shape = index.shapes.get(code)
  if (!shape) return { result: 'unknown' }
  const kx = M_PER_DEG_LAT * Math.cos((latitude * Math.PI) / 180)
  const [minLon, minLat, maxLon, maxLat] = shape.bbox
  // Prefilter: a point beyond the tolerance from the bbox cannot be within it from the shape.
  const dx = Math.max(minLon - longitude, 0, longitude - maxLon) * kx
  const dy = Math.max(minLat - latitude, 0, latitude - maxLat) * M_PER_DEG_LAT
  const bboxDistance = Math.hypot(dx, dy)
  if (bboxDistance > tolerance_m) return { result: 'outside', distance_m: Math.round(bboxDistance) }
  if (inside(shape, longitude, latitude)) return { result: 'inside' }
  const distance = distanceToBoundary(shape, longitude, latitude, tolerance_m)
  return distance <= tolerance_m
    ? { result: 'near', distance_m: Math.round(distance) }
    : { result: 'outside', distance_m: Number.isFinite(distance) ? Math.round(distance) : Math.round(Math.max(bboxDistance, tolerance_m)) }
}

/** The département whose shipped polygon holds the point, if any (for messages: "le point est dans …"). */
export function departementAt(
  latitude: number,
  longitude: number,
  index: DepartementIndex = shippedDepartements(),
): { code: string; nom: string } | null {
  for (const shape of index.shapes.values()) {
    const [minLon, minLat, maxLon, maxLat] = shape.bbox
    if (longitude < minLon || longitude > maxLon || latitude < minLat || latitude > maxLat) continue
    if (inside(shape, longitude, latitude)) return { code: shape.code, nom: shape.nom }
  }
  return null
}

/** The shipped name of a département, when it has a boundary. */
export function departementName(code: string, index: DepartementIndex = shippedDepartements()): string | null {
  return index.shapes.get(code)?.nom ?? null
}
