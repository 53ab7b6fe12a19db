// The editor's map: the venue's pin on the offline basemap, draggable, writing latitude/longitude into the
// form; and the commune check — how far the pin lies from the centre of the commune the form names (from the
// shipped gazetteer, /api/v1/geocode), warned beyond the API's own 20 km threshold (db/geo/placement.ts).
import * as maplibregl from 'maplibre-gl'
import 'maplibre-gl/dist/maplibre-gl.css'
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url'
import { OFFLINE_STYLE_URL } from '../src/basemap.ts'
import { formatDistance } from '../src/distance.ts'

const FAR_FROM_CENTRE_KM = 20
let map: maplibregl.Map | null = null
let marker: maplibregl.Marker | null = null

const input = (id: string) => document.getElementById(id) as HTMLInputElement | null

function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180
  const a =
    Math.sin(((lat2 - lat1) * rad) / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(a)))
}

/** Says where the pin is relative to the commune of the form (in #venue-commune-check). */
export async function checkCommune(): Promise<void> {
  const out = document.getElementById('venue-commune-check')
  if (!out) return
  const lat = Number(input('f-latitude')?.value)
  const lon = Number(input('f-longitude')?.value)
  const insee = input('f-code_insee')?.value.trim() ?? ''
  const postcode = input('f-code_postal')?.value.trim() ?? ''
  const commune = input('f-commune')?.value.trim() ?? ''
  if (!input('f-latitude')?.value || !Number.isFinite(lat) || !Number.isFinite(lon)) {
    out.textContent = 'Position non renseignée : placez l’épingle sur la carte.'
    return
  }
  try {
    const res = await fetch(`/api/v1/geocode?${new URLSearchParams({ q: postcode || commune })}`, {
      headers: { accept: 'application/json' },
    })
    const { items } = (await res.json()) as { items: { code_insee: string; commune: string; latitude: number; longitude: number }[] }
    const match =
      items.find((i) => insee && i.code_insee === insee) ??
      items.find((i) => i.commune.localeCompare(commune, 'fr', { sensitivity: 'base' }) === 0) ??
      null
    if (!match) {
      out.textContent =
        `Commune « ${commune} » (${postcode}) introuvable dans le référentiel : vérifiez le code postal, la commune et ` + `le code INSEE.`
      out.className = 'fr-text--sm editor-warning'
      return
    }
    const km = haversineKm(lat, lon, match.latitude, match.longitude)
    const far = km > FAR_FROM_CENTRE_KM
    out.className = far ? 'fr-text--sm editor-warning' : 'fr-text--sm'
    out.textContent = far
      ? `Attention : l’épingle est à ${formatDistance(km * 1000)} du centre de ${match.commune} (${match.code_insee}). ` +
        `Vérifiez la position ou la commune.`
      : `L’épingle est à ${formatDistance(km * 1000)} du centre de ${match.commune} (${match.code_insee}).`
  } catch {
    out.textContent = 'Vérification de la commune indisponible pour le moment.'
  }
}

/** Shows the venue's pin (creates the map on first use); dragging it fills the form and checks the commune. */
export function showPin(container: HTMLElement, latitude: number | null, longitude: number | null): void {
  const centre: [number, number] = [longitude ?? 2.35, latitude ?? 46.6]
  const zoom = latitude ? 14 : 5
  if (map && map.getContainer() !== container) {
    map.remove()
    map = null
  }
  if (!map) {
    maplibregl.setWorkerUrl(workerUrl)
    map = new maplibregl.Map({ container, style: OFFLINE_STYLE_URL, center: centre, zoom, attributionControl: { compact: true } })
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right')
    marker = new maplibregl.Marker({ draggable: true, color: '#000091' }).setLngLat(centre).addTo(map)
    marker.getElement().setAttribute('aria-label', 'Épingle du lieu (déplaçable à la souris ; au clavier, saisissez latitude et longitude)')
    marker.getElement().id = 'venue-pin'
    marker.on('dragend', () => {
      const { lng, lat } = marker!.getLngLat()
      input('f-latitude')!.value = lat.toFixed(6)
      input('f-longitude')!.value = lng.toFixed(6)
      void checkCommune()
    })
  } else {
    marker!.setLngLat(centre)
    map.jumpTo({ center: centre, zoom })
  }
}

/** Typing coordinates moves the pin (keyboard users place the venue this way). */
export function followInputs(): void {
  const move = () => {
    const lat = Number(input('f-latitude')?.value)
    const lon = Number(input('f-longitude')?.value)
    if (!marker || !Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) return
    marker.setLngLat([lon, lat])
    map?.easeTo({ center: [lon, lat] })
  }
  for (const id of ['f-latitude', 'f-longitude'])
    input(id)?.addEventListener('change', () => {
      move()
      void checkCommune()
    })
  for (const id of ['f-code_postal', 'f-commune', 'f-code_insee']) input(id)?.addEventListener('change', () => void checkCommune())
}
