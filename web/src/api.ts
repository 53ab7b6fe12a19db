// The public API as the map uses it (DESIGN.md "HTTP contract"): search, facets, geocode, labels, config.
import { FLAG_FILTERS } from './flags.ts'
import type { AppState } from './state.ts'
import { LIST_FILTERS } from '../../domain/list-filters.ts'

export interface VenueItem {
  id: string
  nom: string
  adresse: string
  code_postal: string
  commune: string
  latitude: number | null
  longitude: number | null
  distance_m?: number
  telephone: string | null
  horaires: string | null
  services: string[]
  frais_a_charge: string[]
  modalites_acces: string[]
  fiche_acces_libre: string | null
  dispositif_programmes_nationaux: string[]
  date_maj: string
  open_now?: boolean
  [field: string]: unknown
}

export interface Page {
  items: VenueItem[]
  next_cursor: string | null
}
export interface Facets {
  total: number
  facets: Record<string, Record<string, number>>
}
/** The facets route's answer to `count_with` / `count_without` (one request per search). */
export interface FacetOptions extends Facets {
  facets_alone: Record<string, Record<string, number>>
  counts_with: Record<string, number>
  counts_without: Record<string, number>
}
export interface GeocodeItem {
  label: string
  type: string
  code_insee: string | null
  code_postal: string | null
  commune: string | null
  latitude: number
  longitude: number
}
export interface LabelItem {
  slug: string
  nom: string
  standard_field?: string | null
  active_awards?: number
}

/** Parts of the state left out of a query (the nearest venue whatever the radius). */
export interface FilterOmit {
  radius?: boolean
}

export function filterParams(state: AppState, omit: FilterOmit = {}, radius = state.radius): URLSearchParams {
  const p = new URLSearchParams()
  if (state.place) {
    p.set('near', `${state.place.lat.toFixed(6)},${state.place.lon.toFixed(6)}`)
    if (!omit.radius) p.set('radius', String(radius))
  } else if (state.q && !state.place) p.set('q', state.q)
  if (state.territory) {
    const [kind, code] = state.territory.split(':')
    p.set(kind === 'com' ? 'commune' : kind === 'dep' ? 'departement' : 'region', code)
  }
  for (const { field } of LIST_FILTERS) {
    const values = state.lists[field]
    if (values?.length) p.set(field, values.join(','))
  }
  if (state.labels.length) p.set('labels', state.labels.join(','))
  for (const f of FLAG_FILTERS) if (state[f.key]) p.set(f.param, f.value)
  return p
}

async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(url, { headers: { Accept: 'application/json' }, signal })
  if (!response.ok) {
    let detail = `erreur ${response.status}`
    try {
      detail = ((await response.json()) as { detail?: string }).detail ?? detail
    } catch {
      /* keep status */
    }
    throw new Error(detail)
  }
  return response.json() as Promise<T>
}

export function searchVenues(params: URLSearchParams, limit: number, cursor: string | null, signal?: AbortSignal): Promise<Page> {
  const p = new URLSearchParams(params)
  p.set('limit', String(limit))
  if (cursor) p.set('cursor', cursor)
  return getJson<Page>(`/api/v1/venues?${p}`, signal)
}

/** Facets with the "what if" counts of `count_with` / `count_without` (see counts.ts), in one request. */
export function facetOptions(params: URLSearchParams, signal?: AbortSignal): Promise<FacetOptions> {
  return getJson<FacetOptions>(`/api/v1/venues/facets?${params}`, signal)
}

export async function geocode(q: string, signal?: AbortSignal): Promise<GeocodeItem[]> {
  return (await getJson<{ items: GeocodeItem[] }>(`/api/v1/geocode?${new URLSearchParams({ q })}`, signal)).items
}

export async function venueNameSuggestions(q: string, signal?: AbortSignal): Promise<VenueItem[]> {
  return (await searchVenues(new URLSearchParams({ q }), 5, null, signal)).items
}

export async function labels(): Promise<LabelItem[]> {
  try {
    const body = await getJson<{ items?: LabelItem[] } | LabelItem[]>('/api/v1/labels')
    // Labels that mirror a standard field (France Services, Conseillers numériques…) are already filters of
    // their own (dispositifs, formations); only the others, awarded somewhere, get a filter here.
    return (Array.isArray(body) ? body : (body.items ?? [])).filter(
      (l) => typeof l.slug === 'string' && typeof l.nom === 'string' && !l.standard_field && (l.active_awards ?? 1) > 0,
    )
  } catch {
    return []
  }
}

export async function basemapStyleUrl(): Promise<string> {
  try {
    return (await getJson<{ basemap_style_url: string }>('/api/v1/config')).basemap_style_url
  } catch {
    return '/basemap/style.json'
  }
}

export function getVenue(id: string, signal?: AbortSignal): Promise<VenueItem> {
  return getJson<VenueItem>(`/api/v1/venues/${encodeURIComponent(id)}`, signal)
}
