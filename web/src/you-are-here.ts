// "Vous êtes ici": the searched place (a commune, an address, the person's position) as a marker, and the
// search radius as a circle, so the list's "à 3 km" has a picture. Drawn on whichever basemap is loaded.
import * as maplibregl from 'maplibre-gl'

export interface SearchedPlace {
  lat: number
  lon: number
  label?: string
}

const SOURCE = 'recherche'
export const RADIUS_LAYERS = ['recherche-rayon', 'recherche-rayon-bord'] as const

/** A circle of `radius` metres as a 64-sided polygon (local flat-earth approximation, fine below 100 km). */
export function circlePolygon(center: SearchedPlace, radius: number, sides = 64): GeoJSON.Polygon {
  const dLat = radius / 111_320
  const dLon = radius / (111_320 * Math.cos((center.lat * Math.PI) / 180))
  const ring: [number, number][] = []
  for (let i = 0; i <= sides; i++) {
    const a = (2 * Math.PI * i) / sides
    ring.push([center.lon + dLon * Math.cos(a), center.lat + dLat * Math.sin(a)])
  }
  return { type: 'Polygon', coordinates: [ring] }
}

export interface YouAreHere {
  show(place: SearchedPlace | null, radius: number): void
  restore(): void
}

export function createYouAreHere(map: maplibregl.Map): YouAreHere {
  const element = document.createElement('div')
  element.className = 'you-are-here'
  element.setAttribute('aria-hidden', 'true')
  const marker = new maplibregl.Marker({ element })
  let current: { place: SearchedPlace; radius: number } | null = null

  // Layers go under the venues (added later on load) and are re-added after a style change (fallback).
  function draw() {
    const data: GeoJSON.Feature = {
      type: 'Feature',
      properties: {},
      geometry: current ? circlePolygon(current.place, current.radius) : { type: 'GeometryCollection', geometries: [] },
    }
    const source = map.getSource(SOURCE) as maplibregl.GeoJSONSource | undefined
    if (source) {
      source.setData(data)
      return
    }
    try {
      map.addSource(SOURCE, { type: 'geojson', data })
    } catch {
      // The style itself is not in yet (isStyleLoaded() would also wait for every tile): draw when it is.
      map.once('style.load', draw)
      return
    }
    const before = map.getLayer('lieux-clusters') ? 'lieux-clusters' : undefined
    map.addLayer({ id: RADIUS_LAYERS[0], type: 'fill', source: SOURCE, paint: { 'fill-color': '#000091', 'fill-opacity': 0.06 } }, before)
    map.addLayer(
      {
        id: RADIUS_LAYERS[1],
        type: 'line',
        source: SOURCE,
        paint: { 'line-color': '#000091', 'line-width': 1.5, 'line-dasharray': [4, 3] },
      },
      before,
    )
  }

  return {
    show(place, radius) {
      current = place ? { place, radius } : null
      if (place) {
        element.title = place.label === 'ma position' ? 'Vous êtes ici' : `Point de recherche : ${place.label ?? ''}`.trim()
        element.dataset.label = place.label === 'ma position' ? 'vous-etes-ici' : 'recherche'
        marker.setLngLat([place.lon, place.lat]).addTo(map)
      } else {
        marker.remove()
      }
      draw()
    },
    restore: draw,
  }
}
