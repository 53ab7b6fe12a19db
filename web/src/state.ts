// Every state of the public map lives in the URL (shareable, bookmarkable, back button): parsed here and
// written back here, nowhere else. List filters keep the API's parameter names, so a map URL reads like
// the API query it runs.
import { MAP_TERRITORY_PATTERN } from '../../domain/territory.ts'
import { LIST_FILTERS, type MapListField } from '../../domain/list-filters.ts'
import { FLAG_FILTERS, type FlagKey } from './flags.ts'

export interface Place {
  lat: number
  lon: number
  label: string
}
export interface MapView {
  zoom: number
  lat: number
  lon: number
}

export interface AppState extends Record<FlagKey, boolean> {
  q: string
  place: Place | null
  radius: number
  lists: Partial<Record<MapListField, string[]>>
  labels: string[]
  territory: string | null
  selected: string | null
  view: MapView | null
  phoneView: 'liste' | 'carte'
  filtersOpen: boolean
}

export const RADII_KM = [2, 5, 10, 20, 50, 100] as const
export const DEFAULT_RADIUS = 10_000

const csv = (value: string | null) =>
  (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
const num = (value: string | null) => (value === null || value.trim() === '' ? NaN : Number(value))

export function parseState(search: string): AppState {
  const p = new URLSearchParams(search)
  const lat = num(p.get('lat'))
  const lon = num(p.get('lon'))
  const place =
    Number.isFinite(lat) && Number.isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180
      ? { lat, lon, label: p.get('lieu') ?? `${lat.toFixed(4)}, ${lon.toFixed(4)}` }
      : null
  const rayonKm = num(p.get('rayon'))
  const lists: AppState['lists'] = {}
  for (const { field } of LIST_FILTERS) {
    const values = csv(p.get(field))
    if (values.length) lists[field] = values
  }
  const carte = (p.get('carte') ?? '').split('/').map(Number)
  const view = carte.length === 3 && carte.every(Number.isFinite) ? { zoom: carte[0], lat: carte[1], lon: carte[2] } : null
  const territory = p.get('territoire')
  const flags = Object.fromEntries(FLAG_FILTERS.map((f) => [f.key, csv(p.get(f.urlKey)).includes(f.urlValue)])) as Record<FlagKey, boolean>
  return {
    ...flags,
    q: p.get('q') ?? '',
    place,
    radius: Number.isFinite(rayonKm) && rayonKm > 0 && rayonKm <= 500 ? rayonKm * 1000 : DEFAULT_RADIUS,
    lists,
    labels: csv(p.get('labels')),
    territory: territory && MAP_TERRITORY_PATTERN.test(territory) ? territory : null,
    selected: p.get('selection'),
    view,
    phoneView: p.get('vue') === 'carte' ? 'carte' : 'liste',
    filtersOpen: p.get('filtres') === 'ouverts',
  }
}

export function serializeState(state: AppState): string {
  const p = new URLSearchParams()
  if (state.q) p.set('q', state.q)
  if (state.place) {
    p.set('lat', state.place.lat.toFixed(5))
    p.set('lon', state.place.lon.toFixed(5))
    p.set('lieu', state.place.label)
  }
  if (state.radius !== DEFAULT_RADIUS) p.set('rayon', String(state.radius / 1000))
  for (const { field } of LIST_FILTERS) {
    const values = state.lists[field]
    if (values?.length) p.set(field, values.join(','))
  }
  if (state.labels.length) p.set('labels', state.labels.join(','))
  // Flags sharing a URL key are written together: ouvert=maintenant,samedi.
  for (const f of FLAG_FILTERS) {
    if (!state[f.key]) continue
    const current = p.get(f.urlKey)
    p.set(f.urlKey, current ? `${current},${f.urlValue}` : f.urlValue)
  }
  if (state.territory) p.set('territoire', state.territory)
  if (state.selected) p.set('selection', state.selected)
  if (state.view) p.set('carte', `${state.view.zoom.toFixed(2)}/${state.view.lat.toFixed(5)}/${state.view.lon.toFixed(5)}`)
  if (state.phoneView === 'carte') p.set('vue', 'carte')
  if (state.filtersOpen) p.set('filtres', 'ouverts')
  const text = p.toString()
  return text ? `?${text}` : ''
}

/** How many filters restrict the results (shown on the "Filtres" button). */
export function activeFilterCount(state: AppState): number {
  return (
    Object.values(state.lists).reduce((n, v) => n + (v?.length ?? 0), 0) +
    state.labels.length +
    FLAG_FILTERS.filter((f) => state[f.key]).length
  )
}

/** The same state without any filter (the "Retirer tous les filtres" button). */
export function clearFilters(state: AppState): void {
  state.lists = {}
  state.labels = []
  for (const f of FLAG_FILTERS) state[f.key] = false
}

/** Whether the state asks for a search (a place, a text or a territory); otherwise the page invites one. */
export function hasSearch(state: AppState): boolean {
  return Boolean(state.place || state.q || state.territory)
}
