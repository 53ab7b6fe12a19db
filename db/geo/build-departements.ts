// Dev tool: derives the shipped département boundaries (db/geo/departements.geojson) from the shared IGN
// Admin Express file (with overseas), simplified by Douglas–Peucker with a tolerance in metres.
// Usage: npx tsx db/geo/build-departements.ts [../shared/data/geo/departements-avec-outre-mer.geojson] [tolerance_m]
// Deterministic: same input and tolerance, same bytes.
import { readFileSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * 500 m: the shipped file stays small (≈ 400 KB, 22,000 vertices out of 194,000) and no source vertex lies
 * farther than this from the shipped line. The check itself accepts points up to BORDER_TOLERANCE_M
 * (db/geo/departements.ts) outside the polygon, well above this, so simplification never refuses a real
 * venue near a border (measured on the 34,977 commune centres and the 4,672 demo venues: see db/geo/README.md).
 */
const SIMPLIFY_TOLERANCE_M = 500

type Ring = number[][]
type Polygon = Ring[]
interface Feature {
  type: 'Feature'
  properties: { code: string; nom: string }
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown }
}

const here = dirname(fileURLToPath(import.meta.url))
const input = process.argv[2] || resolve(here, '../../../shared/data/geo/departements-avec-outre-mer.geojson')
const tolerance = Number(process.argv[3] ?? SIMPLIFY_TOLERANCE_M)

/** Perpendicular distance in metres from p to segment a–b, on a local equirectangular plane (fine at this scale). */
function segmentDistance(p: number[], a: number[], b: number[], kx: number): number {
  const ax = a[0] * kx,
    ay = a[1] * 111_320,
    bx = b[0] * kx,
    by = b[1] * 111_320,
    px = p[0] * kx,
    py = p[1] * 111_320
  const dx = bx - ax,
    dy = by - ay
  const len2 = dx * dx + dy * dy
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2))
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy))
}

function douglasPeucker(points: Ring, first: number, last: number, kx: number, keep: boolean[]): void {
  let farthest = -1,
    max = tolerance
  for (let i = first + 1; i < last; i++) {
    const d = segmentDistance(points[i], points[first], points[last], kx)
    if (d > max) {
      max = d
      farthest = i
    }
  }
  if (farthest < 0) return
  keep[farthest] = true
  douglasPeucker(points, first, farthest, kx, keep)
  douglasPeucker(points, farthest, last, kx, keep)
}

/** A closed ring is split at its vertex farthest from the first, so that even a tiny island keeps a triangle. */
function simplifyRing(ring: Ring): Ring {
  const points = ring.map(([lon, lat]) => [lon, lat])
  const kx = 111_320 * Math.cos((points[0][1] * Math.PI) / 180)
  const last = points.length - 1
  let split = 1,
    max = -1
  for (let i = 1; i < last; i++) {
    const d = Math.hypot((points[i][0] - points[0][0]) * kx, (points[i][1] - points[0][1]) * 111_320)
    if (d > max) {
      max = d
      split = i
    }
  }
  const keep = points.map((_, i) => i === 0 || i === last || i === split)
  douglasPeucker(points, 0, split, kx, keep)
  douglasPeucker(points, split, last, kx, keep)
  // A third vertex for a ring that would collapse to a segment: the one farthest from the 0–split line.
  if (keep.filter(Boolean).length < 4) {
    let third = -1,
      far = -1
    for (let i = 1; i < last; i++) {
      if (i === split) continue
      const d = segmentDistance(points[i], points[0], points[split], kx)
      if (d > far) {
        far = d
        third = i
      }
    }
    if (third >= 0) keep[third] = true
  }
  // 4 decimals ≈ 11 m, below the simplification tolerance; consecutive duplicates after rounding are dropped.
  const out: Ring = []
  for (let i = 0; i < points.length; i++) {
    if (!keep[i]) continue
    const p = [round(points[i][0]), round(points[i][1])]
    const prev = out[out.length - 1]
    if (!prev || prev[0] !== p[0] || prev[1] !== p[1]) out.push(p)
  }
  return out
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000
}

const source = JSON.parse(readFileSync(input, 'utf8')) as { features: Feature[] }
let before = 0,
  after = 0
const features = source.features
  .map((feature) => {
    const polygons = (feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates) as Polygon[]
    const simplified = polygons
      .map((polygon) =>
        polygon
          .map((ring) => {
            before += ring.length
            const out = simplifyRing(ring)
            after += out.length
            return out
          })
          .filter((ring) => ring.length >= 4),
      )
      .filter((polygon) => polygon.length > 0)
    return {
      type: 'Feature',
      properties: { code: feature.properties.code, nom: feature.properties.nom },
      geometry: { type: 'MultiPolygon', coordinates: simplified },
    }
  })
  .sort((a, b) => a.properties.code.localeCompare(b.properties.code))

const output = resolve(here, 'departements.geojson')
// One feature per line: readable diffs when the source or the tolerance changes.
writeFileSync(
  output,
  `{"type":"FeatureCollection","simplify_tolerance_m":${tolerance},"features":[\n` +
    `${features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`,
)
console.log(`${features.length} départements, ${before} → ${after} sommets (tolérance ${tolerance} m) → ${output}`)
