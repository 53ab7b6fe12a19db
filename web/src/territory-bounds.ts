// The bounds of a territory (`dep:69`, `reg:84`) from the shipped offline basemap outlines, so an embed with
// `territoire=` opens framed on its territory rather than on all of France.
export type Bounds = [[number, number], [number, number]]

export async function territoryBounds(territory: string): Promise<Bounds | null> {
  const [kind, code] = territory.split(':')
  const file = kind === 'dep' ? 'departements' : kind === 'reg' ? 'regions' : null
  if (!file) return null
  const response = await fetch(`/basemap/${file}.geojson`)
  if (!response.ok) return null
  const collection = await response.json() as { features: { properties: { code: string }; geometry: { coordinates: unknown } }[] }
  const feature = collection.features.find((f) => f.properties.code === code)
  if (!feature) return null
  let minLon = Infinity, minLat = Infinity, maxLon = -Infinity, maxLat = -Infinity
  const visit = (node: unknown): void => {
    if (Array.isArray(node) && typeof node[0] === 'number') {
      const [lon, lat] = node as [number, number]
      minLon = Math.min(minLon, lon); maxLon = Math.max(maxLon, lon)
      minLat = Math.min(minLat, lat); maxLat = Math.max(maxLat, lat)
    } else if (Array.isArray(node)) node.forEach(visit)
  }
  visit(feature.geometry.coordinates)
  return Number.isFinite(minLon) ? [[minLon, minLat], [maxLon, maxLat]] : null
}
