// Directions for a venue on the referral sheet: on screen a link to a walking route ending at the venue
// (OpenStreetMap's directions, no account or key; the person's phone fills in the start), on paper the
// coordinates to type into any GPS or map application — a URL is of no use on a printed page.
import './styles/directions.css'
export interface Located {
  nom: string
  latitude: number | null
  longitude: number | null
  adresse?: string | null
  commune?: string | null
}

export function directionsUrl(venue: Located): string | null {
  if (venue.latitude === null || venue.longitude === null) return null
  const to = `${venue.latitude.toFixed(5)},${venue.longitude.toFixed(5)}`
  return (
    `https://www.openstreetmap.org/directions?engine=fossgis_osrm_foot&route=${encodeURIComponent(`;${to}`)}` +
    `#map=16/${to.replace(',', '/')}`
  )
}

export function directionsBlock(venue: Located): HTMLElement | null {
  const url = directionsUrl(venue)
  if (!url) return null
  const p = document.createElement('p')
  p.className = 'sheet-directions'
  const link = document.createElement('a')
  link.href = url
  link.className = 'fr-link fr-icon-road-map-line fr-link--icon-left no-print'
  link.textContent = 'Itinéraire'
  link.setAttribute('aria-label', `Itinéraire jusqu’à ${venue.nom} (OpenStreetMap, nouvelle fenêtre)`)
  link.target = '_blank'
  link.rel = 'noopener'
  const gps = document.createElement('span')
  gps.className = 'print-only'
  gps.textContent = `Position GPS : ${venue.latitude!.toFixed(5)}, ${venue.longitude!.toFixed(5)}`
  p.append(link, gps)
  return p
}
