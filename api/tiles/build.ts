// The Node tile builder (embedded database, or `open_at` which only JS can evaluate): the same features
// as the SQL builder — clusters by 512-unit cells up to CLUSTER_MAX_ZOOM, one feature per venue otherwise.
import vtpbf from 'vt-pbf'
import type { GridGroup } from '../../db/tiles/grid.ts'
import type { TilePoint } from '../../db/tiles/queries.ts'
import { CELL, EXTENT, isClusterZoom, toTileCoords, type TileAddress } from '../../db/tiles/tile-math.ts'

type Tags = Record<string, string | number | boolean>

function venueTags(p: TilePoint): Tags {
  return {
    cluster: false,
    point_count: 1,
    id: p.id,
    nom: p.nom,
    gratuit: p.gratuit,
    france_services: p.france_services,
    conseillers_numeriques: p.conseillers_numeriques,
    itinerant: p.itinerant,
    approximate: p.approximate,
  }
}

export function buildTile(points: TilePoint[], tile: TileAddress): Uint8Array {
  const placed = points.map((p) => ({ p, at: toTileCoords(p.longitude, p.latitude, tile) }))
  const features: { type: 1; geometry: number[][]; tags: Tags }[] = []
  if (!isClusterZoom(tile.z)) {
    for (const { p, at } of placed) features.push({ type: 1, geometry: [at], tags: venueTags(p) })
  } else {
    const cells = new Map<string, typeof placed>()
    for (const item of placed) {
      const key = `${Math.floor(item.at[0] / CELL)}:${Math.floor(item.at[1] / CELL)}`
      const cell = cells.get(key)
      if (cell) cell.push(item)
      else cells.set(key, [item])
    }
    for (const members of cells.values()) {
      if (members.length === 1) {
        features.push({ type: 1, geometry: [members[0].at], tags: venueTags(members[0].p) })
        continue
      }
      const ax = Math.round(members.reduce((s, m) => s + m.at[0], 0) / members.length)
      const ay = Math.round(members.reduce((s, m) => s + m.at[1], 0) / members.length)
      features.push({ type: 1, geometry: [[ax, ay]], tags: { cluster: true, point_count: members.length } })
    }
  }
  if (features.length === 0) return new Uint8Array()
  return vtpbf.fromGeojsonVt({ venues: { features } }, { version: 2, extent: EXTENT })
}

/**
 * A low-zoom tile from the pre-aggregated grid: each cluster cell is a sum of grid cells (count, summed position);
 * a cell holding one venue shows that venue, read separately (`lone`, the venues of such cells).
 */
export function buildGridTile(groups: GridGroup[], lone: Map<string, TilePoint[]>, tile: TileAddress): Uint8Array {
  const n = 2 ** tile.z
  const features: { type: 1; geometry: number[][]; tags: Tags }[] = []
  // The venue of a one-venue cell, read by the cell's bounds (a point on a border may come with a neighbour's).
  const loneIn = (g: GridGroup) => {
    const candidates = lone.get(`${g.gx}:${g.gy}`) ?? []
    return (
      candidates.find((p) => {
        const [cx, cy] = toTileCoords(p.longitude, p.latitude, { z: tile.z + 3, x: g.gx, y: g.gy })
        return cx >= 0 && cx < EXTENT && cy >= 0 && cy < EXTENT
      }) ?? candidates[0]
    )
  }
  for (const g of groups) {
    if (g.n <= 0) continue
    if (g.n === 1) {
      const p = loneIn(g)
      if (p) features.push({ type: 1, geometry: [toTileCoords(p.longitude, p.latitude, tile)], tags: venueTags(p) })
      continue
    }
    const at = [Math.round(((g.sx / g.n) * n - tile.x) * EXTENT), Math.round(((g.sy / g.n) * n - tile.y) * EXTENT)]
    features.push({ type: 1, geometry: [at], tags: { cluster: true, point_count: g.n } })
  }
  if (features.length === 0) return new Uint8Array()
  return vtpbf.fromGeojsonVt({ venues: { features } }, { version: 2, extent: EXTENT })
}
