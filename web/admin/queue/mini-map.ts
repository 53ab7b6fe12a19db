// A small map of a creation proposal: its point (red) and the published venues within 200 m (blue).
import * as maplibregl from 'maplibre-gl'
import 'maplibre-gl/dist/maplibre-gl.css'
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url'

let map: maplibregl.Map | null = null
let markers: maplibregl.Marker[] = []

export function showMiniMap(
  container: HTMLElement,
  point: { latitude: number; longitude: number },
  nearby: { nom: string; latitude?: number; longitude?: number }[],
): void {
  maplibregl.setWorkerUrl(workerUrl)
  // The detail pane is re-rendered per item: a new container each time, so a new map.
  map?.remove()
  map = new maplibregl.Map({
    container,
    style: '/basemap/style.json',
    center: [point.longitude, point.latitude],
    zoom: 16,
    interactive: false,
    // The basemap's attribution is printed under the map (detail.ts): the overlay would hide the pins.
    attributionControl: false,
  })
  markers = [new maplibregl.Marker({ color: '#ce0500' }).setLngLat([point.longitude, point.latitude]).addTo(map)]
  markers[0].getElement().setAttribute('aria-label', 'Lieu proposé')
  for (const v of nearby) {
    if (v.latitude == null || v.longitude == null) continue
    const m = new maplibregl.Marker({ color: '#000091', scale: 0.7 }).setLngLat([v.longitude, v.latitude]).addTo(map)
    m.getElement().setAttribute('aria-label', `Lieu publié proche : ${v.nom}`)
    markers.push(m)
  }
  // Every pin in view: the proposal and its neighbours within 200 m.
  const points = markers.map((m) => m.getLngLat())
  if (points.length > 1) {
    const bounds = points.reduce((b, p) => b.extend(p), new maplibregl.LngLatBounds(points[0], points[0]))
    map.fitBounds(bounds, { padding: 40, maxZoom: 17, animate: false })
  }
}
