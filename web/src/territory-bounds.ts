// The bounds of a territory (`com:69123`, `dep:69`, `reg:84`) from the shipped offline basemap outlines, so an
// embed with `territoire=` opens framed on its territory rather than on all of France.
export type Bounds = [[number, number], [number, number]]

/** The arrondissements of Paris, Lyon and Marseille are not in the 2018 boundaries: frame the whole city. */
function communeInBoundaries(code: string): string {
  if (/^751(0[1-9]|1\d|20)$/.test(code)) return '75056'
  if (/^6938[1-9]$/.test(code)) return '69123'
  if (/^132(0[1-9]|1[0-6])$/.test(code)) return '13055'
  return code
}

async function communeBounds(code: string): Promise<Bounds | null> {
  const known = communeInBoundaries(code)
  const departement = known.startsWith('97') ? known.slice(0, 3) : known.slice(0, 2)
  const response = await fetch(`/basemap/communes-bbox/${departement}.json`)
  if (!response.ok) return null
  const box = ((await response.json()) as Record<string, [number, number, number, number]>)[known]
  return box
    ? [
        [box[0], box[1]],
        [box[2], box[3]],
      ]
    : null
}

export async function territoryBounds(territory: string): Promise<Bounds | null> {
  const [kind, code] = territory.split(':')
  if (kind === 'com') return communeBounds(code)
  const file = kind === 'dep' ? 'departements' : kind === 'reg' ? 'regions' : null
  if (!file) return null
  const response = await fetch(`/basemap/${file}.geojson`)
  if (!response.ok) return null
  const collection = (await response.json()) as { features: { properties: { code: string }; geometry: { coordinates: unknown } }[] }
  const feature = collection.features.find((f) => f.properties.code === code)
  if (!feature) return null
  let minLon = Infinity,
    minLat = Infinity,
    maxLon = -Infinity,
    maxLat = -Infinity
  const visit = (node: unknown): void => {
    if (Array.isArray(node) && typeof node[0] === 'number') {
      const [lon, lat] = node as [number, number]
      minLon = Math.min(minLon, lon)
      maxLon = Math.max(maxLon, lon)
      minLat = Math.min(minLat, lat)
      maxLat = Math.max(maxLat, lat)
    } else if (Array.isArray(node)) node.forEach(visit)
  }
  visit(feature.geometry.coordinates)
  return Number.isFinite(minLon)
    ? [
        [minLon, minLat],
        [maxLon, maxLat],
      ]
    : null
}
