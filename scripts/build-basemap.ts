// Builds the offline basemap's context layers from ../shared/data/geo (IGN Admin Express, Licence Ouverte):
//   api/tiles/basemap/communes.pack   pre-built vector tiles (zoom 10, overzoomed above) of the 2018 commune boundaries and names
//   web/public/basemap/labels.geojson région and département name points for the low zooms
//   web/public/basemap/communes-bbox/{dep}.json  each commune's bounds, to frame an embed on `territoire=com:`
// Deterministic; run by hand when the source changes:  npx tsx scripts/build-basemap.ts
// Why pre-built tiles rather than PostGIS: see api/tiles/basemap/README.md.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import { GeoJSONVT } from '@maplibre/geojson-vt'
import vtpbf from 'vt-pbf'
import { COMMUNES_MAX_ZOOM, COMMUNES_MIN_ZOOM, writePack } from '../api/tiles/basemap-pack.ts'

const root = resolve(import.meta.dirname, '..')
const geo = resolve(root, '../shared/data/geo')

type Ring = [number, number][]
type Geometry = { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] }
interface Feature {
  type: 'Feature'
  geometry: Geometry
  properties: { code: string; nom: string }
}

function polygons(g: Geometry): Ring[][] {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates
}

// Shoelace area and centroid of an outer ring (degrees are fine for choosing and placing within one commune).
function ringCentroid(ring: Ring): { area: number; x: number; y: number } {
  let a = 0,
    cx = 0,
    cy = 0
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const f = ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1]
    a += f
    cx += (ring[j][0] + ring[i][0]) * f
    cy += (ring[j][1] + ring[i][1]) * f
  }
  return a === 0 ? { area: 0, x: ring[0][0], y: ring[0][1] } : { area: Math.abs(a / 2), x: cx / (3 * a), y: cy / (3 * a) }
}

function inRing(x: number, y: number, ring: Ring): boolean {
  let inside = false
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i],
      [xj, yj] = ring[j]
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside
  }
  return inside
}

// Where the name goes: the centroid of the largest part, or the gazetteer's centre when that centroid falls
// outside (crescent-shaped communes), so a name never sits in its neighbour.
function labelPoint(g: Geometry, fallback: [number, number] | undefined): [number, number] {
  const largest = polygons(g)
    .map((p) => ({ p, c: ringCentroid(p[0]) }))
    .sort((a, b) => b.c.area - a.c.area)[0]
  const { x, y } = largest.c
  if (inRing(x, y, largest.p[0]) || !fallback) return [round(x), round(y)]
  return fallback
}

const round = (n: number) => Math.round(n * 1e5) / 1e5

// Population (2021) and centre from the 2024 gazetteer, by INSEE code: communes merged since 2018 have no row
// and get population 0 (they rank last when names collide).
const gazetteer = new Map<string, { population: number; at: [number, number] }>()
for (const line of readFileSync(resolve(geo, 'communes-centroids.csv'), 'utf8').split('\n').slice(1)) {
  const cols = line.split(',')
  if (cols.length < 12) continue
  // Paris, Lyon and Marseille have no row of their own, only their arrondissements (ARM): add them up.
  if (cols[6] === 'ARM' && cols[7]) {
    const city = gazetteer.get(cols[7]) ?? { population: 0, at: [Number(cols[9]), Number(cols[8])] as [number, number] }
    city.population += Number(cols[11]) || 0
    gazetteer.set(cols[7], city)
  }
  if (cols[6] !== 'COM') continue
  gazetteer.set(cols[0], { population: Number(cols[11]) || 0, at: [Number(cols[9]), Number(cols[8])] })
}

const files = readdirSync(resolve(geo, 'communes-2018'))
  .filter((f) => f.endsWith('.geojson'))
  .sort()
const departements = files.map((file) => {
  const features = (JSON.parse(readFileSync(resolve(geo, 'communes-2018', file), 'utf8')) as { features: Feature[] }).features
  let minX = Infinity,
    minY = Infinity,
    maxX = -Infinity,
    maxY = -Infinity
  for (const f of features)
    for (const p of polygons(f.geometry))
      for (const [x, y] of p[0]) {
        minX = Math.min(minX, x)
        maxX = Math.max(maxX, x)
        minY = Math.min(minY, y)
        maxY = Math.max(maxY, y)
      }
  const shapes = features.map((f) => ({
    type: 'Feature' as const,
    geometry: f.geometry,
    properties: { code: f.properties.code, nom: f.properties.nom },
  }))
  const labels = features.map((f) => {
    const known = gazetteer.get(f.properties.code)
    return {
      type: 'Feature' as const,
      geometry: { type: 'Point' as const, coordinates: labelPoint(f.geometry, known?.at) },
      properties: { code: f.properties.code, nom: f.properties.nom, population: known?.population ?? 0 },
    }
  })
  return { file, bbox: [minX, minY, maxX, maxY], shapes, labels, count: features.length, features }
})

// Bounds of each commune, one small file per département (an embed fetches only its own).
const bboxDir = resolve(root, 'web/public/basemap/communes-bbox')
mkdirSync(bboxDir, { recursive: true })
const r4 = (n: number) => Math.round(n * 1e4) / 1e4
const bboxes = new Map<string, Record<string, number[]>>()
for (const d of departements) {
  for (const f of d.features) {
    let w = Infinity,
      s = Infinity,
      e = -Infinity,
      n = -Infinity
    for (const p of polygons(f.geometry))
      for (const [x, y] of p[0]) {
        w = Math.min(w, x)
        e = Math.max(e, x)
        s = Math.min(s, y)
        n = Math.max(n, y)
      }
    const dep = f.properties.code.startsWith('97') ? f.properties.code.slice(0, 3) : f.properties.code.slice(0, 2)
    const entry = bboxes.get(dep) ?? {}
    entry[f.properties.code] = [r4(w), r4(s), r4(e), r4(n)]
    bboxes.set(dep, entry)
  }
}
for (const [dep, entry] of bboxes) writeFileSync(resolve(bboxDir, `${dep}.json`), `${JSON.stringify(entry)}\n`)
console.log(`${bboxes.size} fichiers d’emprises de communes → ${bboxDir}`)

function tileRange(bbox: number[], z: number): { x0: number; x1: number; y0: number; y1: number } {
  const n = 2 ** z
  const tx = (lon: number) => Math.min(n - 1, Math.max(0, Math.floor(((lon + 180) / 360) * n)))
  const ty = (lat: number) => {
    const r = (lat * Math.PI) / 180
    return Math.min(n - 1, Math.max(0, Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n)))
  }
  return { x0: tx(bbox[0]), x1: tx(bbox[2]), y0: ty(bbox[3]), y1: ty(bbox[1]) }
}

type TileFeature = { type: 1 | 2 | 3; geometry: number[][] | number[][][]; tags: Record<string, string | number | boolean> }
const tiles = new Map<string, Uint8Array>()
let communes = 0
for (let z = COMMUNES_MIN_ZOOM; z <= COMMUNES_MAX_ZOOM; z++) {
  const layers = new Map<string, { communes: TileFeature[]; commune_labels: TileFeature[] }>()
  for (const d of departements) {
    if (z === COMMUNES_MIN_ZOOM) communes += d.count
    const options = { maxZoom: z, indexMaxZoom: 0, indexMaxPoints: 0, tolerance: 3, extent: 4096, buffer: 64 }
    const shapes = new GeoJSONVT({ type: 'FeatureCollection', features: d.shapes } as GeoJSON.GeoJSON, options)
    const labels = new GeoJSONVT({ type: 'FeatureCollection', features: d.labels } as GeoJSON.GeoJSON, { ...options, buffer: 0 })
    const r = tileRange(d.bbox, z)
    for (let x = r.x0; x <= r.x1; x++)
      for (let y = r.y0; y <= r.y1; y++) {
        const s = shapes.getTile(z, x, y)?.features ?? []
        const l = labels.getTile(z, x, y)?.features ?? []
        if (s.length === 0 && l.length === 0) continue
        const key = `${z}/${x}/${y}`
        const entry = layers.get(key) ?? { communes: [], commune_labels: [] }
        entry.communes.push(...(s as unknown as TileFeature[]))
        entry.commune_labels.push(...(l as unknown as TileFeature[]))
        layers.set(key, entry)
      }
  }
  for (const [key, entry] of layers) {
    tiles.set(
      key,
      gzipSync(
        vtpbf.fromGeojsonVt({ communes: { features: entry.communes }, commune_labels: { features: entry.commune_labels } } as never, {
          version: 2,
          extent: 4096,
        }),
        { level: 9 },
      ),
    )
  }
  console.log(`z${z}: ${layers.size} tuiles`)
}
const out = resolve(root, 'api/tiles/basemap/communes.pack')
mkdirSync(resolve(root, 'api/tiles/basemap'), { recursive: true })
const bytes = writePack(out, tiles)
console.log(`${communes} communes, ${tiles.size} tuiles, ${(bytes / 1e6).toFixed(1)} Mo → ${out}`)

// Low zooms: one name point per région and per département (centroid of the largest part of the outline).
const names: unknown[] = []
for (const [kind, file] of [
  ['region', 'regions-version-simplifiee.geojson'],
  ['departement', 'departements-avec-outre-mer.geojson'],
] as const) {
  const collection = JSON.parse(readFileSync(resolve(geo, file), 'utf8')) as { features: Feature[] }
  for (const f of collection.features) {
    names.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: labelPoint(f.geometry, undefined) },
      properties: { kind, code: f.properties.code, nom: f.properties.nom },
    })
  }
}
writeFileSync(resolve(root, 'web/public/basemap/labels.geojson'), `${JSON.stringify({ type: 'FeatureCollection', features: names })}\n`)
console.log(`${names.length} noms de régions et départements → web/public/basemap/labels.geojson`)
