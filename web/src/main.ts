// Public map: venues on the bundled offline basemap (or BASEMAP_STYLE_URL).
import * as maplibregl from 'maplibre-gl'
import 'maplibre-gl/dist/maplibre-gl.css'

async function start() {
  const map = new maplibregl.Map({ container: 'map', style: '/basemap/style.json', center: [2.5, 46.6], zoom: 5 })
  const response = await fetch('/api/v1/venues?limit=1000')
  const { items } = (await response.json()) as { items: { id: string; nom: string; latitude: number | null; longitude: number | null }[] }
  const features = items.filter((v) => v.latitude !== null && v.longitude !== null).map((v) => ({
    type: 'Feature' as const,
    geometry: { type: 'Point' as const, coordinates: [v.longitude as number, v.latitude as number] },
    properties: { id: v.id, nom: v.nom },
  }))
  map.on('load', () => {
    map.addSource('venues', { type: 'geojson', data: { type: 'FeatureCollection', features } })
    map.addLayer({ id: 'venues', type: 'circle', source: 'venues', paint: { 'circle-radius': 5, 'circle-color': '#000091' } })
  })
}
void start()
