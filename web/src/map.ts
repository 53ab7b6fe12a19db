// The MapLibre map beside the list. All venues matching the filters come from vector tiles (clusters with
// point_count at low zoom); the listed results are numbered HTML markers, in sync with the list. The basemap
// (basemap.ts) falls back to the shipped offline style; labels are drawn with local fonts (no glyphs server).
import * as maplibregl from 'maplibre-gl'
import 'maplibre-gl/dist/maplibre-gl.css'
import './styles/map-context.css'
// MapLibre 6 runs its tile worker from a separate module file: ship it as a hashed asset.
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url'
import type { VenueItem } from './api.ts'
import { fallBackToOfflineStyle } from './basemap.ts'
import { createLegend } from './legend.ts'
import { createYouAreHere, type SearchedPlace } from './you-are-here.ts'
import type { MapView } from './state.ts'

export interface VenueMapOptions {
  container: HTMLElement
  styleUrl: string
  view: MapView | null
  onSelect(id: string): void
  onViewChange(view: MapView): void
  onSearchHere(center: { lat: number; lon: number }, radius: number): void
}

export interface VenueMap {
  setResults(items: VenueItem[], selected: string | null): void
  select(id: string | null, fly: boolean): void
  setTileQuery(params: URLSearchParams): void
  showPlace(place: SearchedPlace | null, radius: number, fit: boolean): void
  resize(): void
  fitBounds(bounds: [[number, number], [number, number]]): void
}

const FRANCE: MapView = { zoom: 4.6, lat: 46.6, lon: 2.4 }

const LOCALE = {
  'Map.Title': 'Carte des lieux de médiation numérique',
  'NavigationControl.ZoomIn': 'Zoomer',
  'NavigationControl.ZoomOut': 'Dézoomer',
  'NavigationControl.ResetBearing': 'Réorienter vers le nord',
  'AttributionControl.ToggleAttribution': 'Afficher les sources de la carte',
  'Marker.Title': 'Lieu',
  'Popup.Close': 'Fermer',
  'ScaleControl.Meters': 'm',
  'ScaleControl.Kilometers': 'km',
  'CooperativeGesturesHandler.WindowsHelpText': 'Utilisez Ctrl + molette pour zoomer',
  'CooperativeGesturesHandler.MacHelpText': 'Utilisez ⌘ + molette pour zoomer',
  'CooperativeGesturesHandler.MobileHelpText': 'Utilisez deux doigts pour déplacer la carte',
}

function tilesUrl(params: URLSearchParams): string {
  const p = new URLSearchParams(params)
  p.delete('near')
  p.delete('radius')
  p.delete('q')
  const query = p.toString()
  return `${location.origin}/tiles/venues/{z}/{x}/{y}.mvt${query ? `?${query}` : ''}`
}

export function createVenueMap(options: VenueMapOptions): VenueMap {
  maplibregl.setWorkerUrl(workerUrl)
  const start = options.view ?? FRANCE
  const map = new maplibregl.Map({
    container: options.container,
    style: options.styleUrl,
    center: [start.lon, start.lat],
    zoom: start.zoom,
    locale: LOCALE,
    attributionControl: { compact: true },
    maxZoom: 18,
  })
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right')
  map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left')
  // MapLibre opens the compact credits on load; on a phone they would cover the legend: start them folded
  // (the ⓘ button opens them).
  map.once('load', () => {
    if (options.container.clientWidth < 640) {
      options.container.querySelector('.maplibregl-ctrl-attrib')?.classList.remove('maplibregl-compact-show')
    }
  })

  let tileParams = new URLSearchParams()
  let resultMarkers = new Map<string, { marker: maplibregl.Marker; element: HTMLElement }>()
  const clusterMarkers = new Map<string, maplibregl.Marker>()
  let selected: string | null = null
  let loaded = false
  let pendingResults: VenueItem[] | null = null

  // Read by the end-to-end tests and the screenshot script (rendered features, loaded style).
  Object.defineProperty(options.container, 'maplibre', { value: map })
  const youAreHere = createYouAreHere(map)
  if (options.container.parentElement) createLegend(options.container.parentElement)
  // After a fallback the new style drops our layers: add them again once it is in.
  fallBackToOfflineStyle(map, options.styleUrl, () =>
    map.once('style.load', () => {
      if (loaded) addVenueLayers()
      youAreHere.restore()
    }),
  )

  const searchHere = document.createElement('button')
  searchHere.type = 'button'
  searchHere.className = 'fr-btn fr-btn--sm map-search-here'
  searchHere.textContent = 'Rechercher dans cette zone'
  searchHere.hidden = true
  options.container.parentElement?.append(searchHere)
  searchHere.addEventListener('click', () => {
    const center = map.getCenter()
    const bounds = map.getBounds()
    const radius = Math.max(1000, Math.min(100_000, Math.round(center.distanceTo(bounds.getNorthEast()) * 0.8)))
    searchHere.hidden = true
    options.onSearchHere({ lat: center.lat, lon: center.lng }, radius)
  })

  function addVenueLayers() {
    map.addSource('lieux', {
      type: 'vector',
      tiles: [tilesUrl(tileParams)],
      minzoom: 0,
      maxzoom: 14,
      attribution: 'Lieux : Maillage, données ouvertes des producteurs',
    })
    map.addLayer({
      id: 'lieux-clusters',
      type: 'circle',
      source: 'lieux',
      'source-layer': 'venues',
      filter: ['>', ['coalesce', ['get', 'point_count'], 1], 1],
      paint: {
        'circle-color': '#6a6af4',
        'circle-opacity': 0.35,
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 1,
        'circle-radius': ['step', ['get', 'point_count'], 13, 10, 16, 100, 20, 1000, 26],
      },
    })
    map.addLayer({
      id: 'lieux-points',
      type: 'circle',
      source: 'lieux',
      'source-layer': 'venues',
      filter: ['<=', ['coalesce', ['get', 'point_count'], 1], 1],
      paint: { 'circle-color': '#6a6af4', 'circle-radius': 5, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1.5 },
    })
  }

  map.on('load', () => {
    loaded = true
    addVenueLayers()
    youAreHere.restore()
    map.on('click', 'lieux-clusters', (event) => {
      const feature = event.features?.[0]
      if (feature?.geometry.type === 'Point')
        map.easeTo({ center: feature.geometry.coordinates as [number, number], zoom: map.getZoom() + 2 })
    })
    map.on('click', 'lieux-points', (event) => {
      const id = event.features?.[0]?.properties?.id
      if (typeof id === 'string') options.onSelect(id)
    })
    for (const layer of ['lieux-clusters', 'lieux-points']) {
      map.on('mouseenter', layer, () => {
        map.getCanvas().style.cursor = 'pointer'
      })
      map.on('mouseleave', layer, () => {
        map.getCanvas().style.cursor = ''
      })
    }
    map.on('idle', updateClusterCounts)
    if (pendingResults) setResults(pendingResults, selected)
  })

  map.on('moveend', (event) => {
    const c = map.getCenter()
    const view = { zoom: map.getZoom(), lat: c.lat, lon: c.lng }
    // The framed area, readable by tests and by the page that embeds the map.
    const b = map.getBounds()
    options.container.dataset.bounds = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map((n) => n.toFixed(4)).join(',')
    // Only moves made by the person (not our fitBounds) change the URL and offer a new search here.
    if ((event as { originalEvent?: unknown }).originalEvent) {
      searchHere.hidden = false
      options.onViewChange(view)
    }
  })

  function updateClusterCounts() {
    if (!map.getSource('lieux')) return
    const seen = new Set<string>()
    for (const feature of map.querySourceFeatures('lieux', { sourceLayer: 'venues' })) {
      const count = Number(feature.properties?.point_count ?? 1)
      if (!(count > 1) || feature.geometry.type !== 'Point') continue
      const [lon, lat] = feature.geometry.coordinates
      const key = `${lon.toFixed(4)},${lat.toFixed(4)},${count}`
      if (seen.has(key)) continue
      seen.add(key)
      if (!clusterMarkers.has(key)) {
        const element = document.createElement('div')
        element.className = 'cluster-marker'
        element.setAttribute('aria-hidden', 'true')
        const size = count < 10 ? 26 : count < 100 ? 32 : count < 1000 ? 40 : 52
        element.style.width = `${size}px`
        element.style.height = `${size}px`
        element.textContent = count >= 10_000 ? `${Math.round(count / 1000)}k` : String(count)
        element.addEventListener('click', () => map.easeTo({ center: [lon, lat], zoom: map.getZoom() + 2 }))
        clusterMarkers.set(key, new maplibregl.Marker({ element }).setLngLat([lon, lat]).addTo(map))
      }
    }
    for (const [key, marker] of clusterMarkers) {
      if (!seen.has(key)) {
        marker.remove()
        clusterMarkers.delete(key)
      }
    }
  }

  function setResults(items: VenueItem[], sel: string | null) {
    selected = sel
    if (!loaded) {
      pendingResults = items
      return
    }
    for (const { marker } of resultMarkers.values()) marker.remove()
    resultMarkers = new Map()
    items.forEach((venue, index) => {
      if (venue.latitude === null || venue.longitude === null) return
      const element = document.createElement('div')
      element.className = 'venue-marker'
      element.setAttribute('aria-hidden', 'true')
      element.dataset.id = venue.id
      element.title = venue.nom
      element.textContent = String(index + 1)
      element.setAttribute('aria-pressed', String(venue.id === sel))
      element.addEventListener('click', (event) => {
        event.stopPropagation()
        options.onSelect(venue.id)
      })
      const marker = new maplibregl.Marker({ element }).setLngLat([venue.longitude, venue.latitude]).addTo(map)
      resultMarkers.set(venue.id, { marker, element })
    })
  }

  return {
    setResults,
    select(id, fly) {
      selected = id
      for (const [venueId, { element, marker }] of resultMarkers) {
        element.setAttribute('aria-pressed', String(venueId === id))
        if (venueId === id && fly) map.flyTo({ center: marker.getLngLat(), zoom: Math.max(map.getZoom(), 14) })
      }
    },
    setTileQuery(params) {
      tileParams = params
      const source = map.getSource('lieux') as maplibregl.VectorTileSource | undefined
      source?.setTiles([tilesUrl(params)])
    },
    showPlace(place, radius, fit) {
      youAreHere.show(place, radius)
      if (!place || !fit) return
      // Frame the search circle: its bounding box in degrees.
      const dLat = radius / 111_320
      const dLon = radius / (111_320 * Math.cos((place.lat * Math.PI) / 180))
      map.fitBounds(
        [
          [place.lon - dLon, place.lat - dLat],
          [place.lon + dLon, place.lat + dLat],
        ],
        { duration: 0, padding: 20 },
      )
      searchHere.hidden = true
    },
    resize() {
      map.resize()
    },
    fitBounds(bounds) {
      map.fitBounds(bounds, { duration: 0, padding: 10 })
    },
  }
}
