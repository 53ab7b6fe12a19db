// The public map (/) and its embeddable twin (/embed): search a place, filter, read the list sorted by
// distance beside the map. The URL holds the whole state (see state.ts); every change goes through run().
import './dsfr.ts'
import { basemapStyleUrl, facets, filterParams, getVenue, labels as fetchLabels, searchVenues, type VenueItem, geocode, venueNameSuggestions, type FilterOmit } from './api.ts'
import { buildFilters, showCounts, syncFilters, type FilterCounts } from './filters.ts'
import type { VenueMap } from './map.ts'
import { renderEmpty, renderResults, type Relaxation } from './results.ts'
import { sheetLinkText, sheetVenues } from './referral.ts'
import { setupSearchBox } from './search-box.ts'
import { territoryBounds } from './territory-bounds.ts'
import { activeFilterCount, parseState, RADII_KM, serializeState, type AppState } from './state.ts'
import { formatDistance, LIST_FILTERS } from './vocabulary.ts'

const PAGE_SIZE = 20
const embed = document.body.classList.contains('embed')
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T

const form = $<HTMLFormElement>('search-form')
const input = $<HTMLInputElement>('search-input')
const radiusSelect = $<HTMLSelectElement>('radius-select')
const status = $<HTMLElement>('status')
const announce = $<HTMLElement>('announce')
const summary = $<HTMLElement>('results-summary')
const list = $<HTMLOListElement>('results')
const empty = $<HTMLElement>('empty')
const more = $<HTMLButtonElement>('more')
const filtersToggle = $<HTMLButtonElement>('filters-toggle')
const filtersClear = $<HTMLButtonElement>('filters-clear')
const filtersPanel = $<HTMLElement>('filters-panel')
const filtersBox = $<HTMLElement>('filters')
const app = $<HTMLElement>('app')
const showList = $<HTMLButtonElement>('show-list')
const showMap = $<HTMLButtonElement>('show-map')
const chipFree = $<HTMLButtonElement>('chip-free')
const chipSaturday = $<HTMLButtonElement>('chip-saturday')

let state: AppState = parseState(location.search)
let loaded: VenueItem[] = []
let nextCursor: string | null = null
let generation = 0
let map: VenueMap | null = null
/** Said above the results of the search that follows an automatic widening, once. */
let pendingNotice: string | null = null
const WIDEN_STEPS_KM = [10, 20, 50, 100] as const
const widened = document.createElement('p')
widened.id = 'widened'
widened.className = 'fr-text--bold fr-mb-1w'
summary.before(widened)

for (const km of RADII_KM) radiusSelect.add(new Option(`${km} km`, String(km * 1000)))

function clone(s: AppState): AppState {
  return structuredClone(s)
}

function writeUrl(push: boolean): void {
  const url = `${location.pathname}${serializeState(state)}`
  if (url === `${location.pathname}${location.search}`) return
  if (push) history.pushState(null, '', url)
  else history.replaceState(null, '', url)
}

/** Applies a change of state: URL, controls, then the search. */
function update(mutate: (s: AppState) => void, options: { push?: boolean; fit?: boolean } = {}): void {
  const next = clone(state)
  mutate(next)
  state = next
  writeUrl(options.push ?? true)
  void run(options.fit ?? false)
}

function syncControls(): void {
  if (document.activeElement !== input) input.value = state.place?.label ?? state.q
  const radii = [...radiusSelect.options].map((o) => Number(o.value))
  if (!radii.includes(state.radius)) radiusSelect.add(new Option(`${state.radius / 1000} km`, String(state.radius)))
  radiusSelect.value = String(state.radius)
  syncFilters(filtersBox, state)
  const n = activeFilterCount(state)
  filtersToggle.textContent = n ? `Filtres (${n} actif${n > 1 ? 's' : ''})` : 'Filtres'
  filtersToggle.setAttribute('aria-expanded', String(state.filtersOpen))
  filtersPanel.hidden = !state.filtersOpen
  filtersClear.hidden = n === 0
  chipFree.setAttribute('aria-pressed', String(isFree(state)))
  chipSaturday.setAttribute('aria-pressed', String(state.openSaturday))
  app.dataset.view = state.phoneView
  document.body.toggleAttribute('data-searching', hasSearch(state))
  showList.setAttribute('aria-pressed', String(state.phoneView === 'liste'))
  showMap.setAttribute('aria-pressed', String(state.phoneView === 'carte'))
  showList.className = `fr-btn fr-btn--sm${state.phoneView === 'liste' ? '' : ' fr-btn--secondary'}`
  showMap.className = `fr-btn fr-btn--sm${state.phoneView === 'carte' ? '' : ' fr-btn--secondary'}`
}

function isFree(s: AppState): boolean {
  return s.lists.frais_a_charge?.includes('Gratuit') ?? false
}

function hasSearch(s: AppState): boolean {
  return Boolean(s.place || s.q || s.territory)
}

function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString('fr-FR')} ${n > 1 ? many : one}`
}

async function total(s: AppState, omit: FilterOmit = {}, radius?: number): Promise<number> {
  return (await facets(filterParams(s, omit, radius))).total
}

async function loadCounts(s: AppState, labelSlugs: string[]): Promise<FilterCounts & { total: number }> {
  const base = facets(filterParams(s))
  const perField = LIST_FILTERS.filter(({ field }) => s.lists[field]?.length)
    .map(({ field }) => facets(filterParams(s, { list: field })).then((f) => [field, f.facets[field] ?? {}] as const))
  // Each option's count: the results if it were ticked too (the two combine).
  const withOpen = (now: boolean) => {
    const t = clone(s)
    if (now) t.openNow = true
    else t.openSaturday = true
    return total(t)
  }
  const labelCounts = labelSlugs.map((slug) => {
    const t = clone(s)
    t.labels = [slug]
    return total(t).then((n) => [slug, n] as const)
  })
  const withAccessSheet = (() => {
    const t = clone(s)
    t.accessSheet = true
    return total(t)
  })()
  const [b, fields, openNow, openSaturday, labelPairs, accessSheet] = await Promise.all([
    base, Promise.all(perField), withOpen(true), withOpen(false), Promise.all(labelCounts), withAccessSheet,
  ])
  const lists: FilterCounts['lists'] = { ...(b.facets as FilterCounts['lists']) }
  for (const [field, counts] of fields) lists[field] = counts
  return { total: b.total, lists, openNow, openSaturday, accessSheet, labels: Object.fromEntries(labelPairs) }
}

async function relaxations(s: AppState): Promise<Relaxation[]> {
  const out: Promise<Relaxation>[] = []
  for (const { field, title } of LIST_FILTERS) {
    const values = s.lists[field]
    if (!values?.length) continue
    out.push(total(s, { list: field }).then((count) => ({
      label: `Retirer le filtre « ${title} : ${values.join(', ')} »`, count,
      apply: () => update((t) => { delete t.lists[field] }),
    })))
  }
  if (s.openNow) out.push(total(s, { open: true }).then((count) => ({ label: 'Retirer « Ouvert maintenant »', count, apply: () => update((t) => { t.openNow = false }) })))
  if (s.openSaturday) out.push(total(s, { saturday: true }).then((count) => ({ label: 'Retirer « Ouvert le samedi »', count, apply: () => update((t) => { t.openSaturday = false }) })))
  if (s.labels.length) out.push(total(s, { labels: true }).then((count) => ({ label: 'Retirer le filtre des labels', count, apply: () => update((t) => { t.labels = [] }) })))
  if (s.accessSheet) out.push(total(s, { access: true }).then((count) => ({ label: 'Retirer « Fiche d’accessibilité disponible »', count, apply: () => update((t) => { t.accessSheet = false }) })))
  if (s.place) {
    const wider = RADII_KM.map((km) => km * 1000).find((r) => r > s.radius) ?? null
    if (wider) out.push(total(s, {}, wider).then((count) => ({ label: `Élargir la recherche à ${wider / 1000} km`, count, apply: () => update((t) => { t.radius = wider }, { fit: true }) })))
  }
  return Promise.all(out)
}

function venueHref(id: string): string {
  return `/lieux/${encodeURIComponent(id)}`
}

function renderList(items: VenueItem[], startIndex: number): void {
  renderResults(list, items, startIndex, state.selected, {
    venueHref, linkTarget: embed ? '_blank' : null,
    onShowOnMap: (id) => selectVenue(id, { fly: true, focusCard: false, showMap: true }),
  }, state.openNow)
}

function selectVenue(id: string, options: { fly: boolean; focusCard: boolean; showMap?: boolean }): void {
  state = { ...state, selected: id, phoneView: options.showMap ? 'carte' : state.phoneView }
  writeUrl(false)
  syncControls()
  for (const li of list.querySelectorAll('li.result')) {
    if ((li as HTMLElement).dataset.id === id) li.setAttribute('aria-current', 'true')
    else li.removeAttribute('aria-current')
  }
  map?.select(id, options.fly)
  if (options.showMap) map?.resize()
  const card = document.getElementById(`lieu-${id}`)
  if (card && options.focusCard) {
    if (state.phoneView === 'carte') {
      state.phoneView = 'liste'
      writeUrl(false)
      syncControls()
    }
    card.scrollIntoView({ block: 'nearest', behavior: 'smooth' })
    card.focus({ preventScroll: true })
  } else if (!card && options.focusCard) {
    // A venue of the map outside the list: say what it is and link to its page.
    void getVenue(id).then((venue) => {
      status.innerHTML = ''
      const p = document.createElement('p')
      const a = document.createElement('a')
      a.href = venueHref(venue.id)
      a.textContent = venue.nom
      p.append('Lieu choisi sur la carte : ', a, ` — ${venue.adresse}, ${venue.code_postal} ${venue.commune}`)
      status.append(p)
    }).catch(() => undefined)
  }
}

async function run(fit: boolean): Promise<void> {
  const mine = ++generation
  syncControls()
  const params = filterParams(state)
  map?.setTileQuery(params)
  empty.innerHTML = ''
  widened.textContent = pendingNotice ?? ''
  widened.hidden = !pendingNotice
  pendingNotice = null
  if (!hasSearch(state)) {
    list.innerHTML = ''
    loaded = []
    more.hidden = true
    summary.textContent = 'Saisissez une commune ou un code postal, ou utilisez « Autour de moi ».'
    map?.setResults([], null)
    map?.showPlace(null, state.radius, false)
    return
  }
  summary.textContent = 'Recherche en cours…'
  list.setAttribute('aria-busy', 'true')
  try {
    const labelSlugs = [...filtersBox.querySelectorAll<HTMLInputElement>('input[name="labels"]')].map((i) => i.value)
    const limit = PAGE_SIZE
    // The list is drawn as soon as the search answers; facet counts (several requests) follow.
    // The search is sent first so the server answers it before the facet queries.
    const pagePromise = searchVenues(params, limit, null)
    const countsPromise = loadCounts(state, labelSlugs)
    countsPromise.catch(() => undefined)
    const page = await pagePromise
    if (mine !== generation) return
    const items = page.items
    loaded = items
    nextCursor = page.next_cursor
    list.innerHTML = ''
    renderList(items, 0)
    list.removeAttribute('aria-busy')
    more.hidden = !nextCursor
    if (status.textContent === 'Recherche de votre position…') status.textContent = ''
    map?.setResults(loaded, state.selected)
    map?.showPlace(state.place, state.radius, fit || (!state.view && Boolean(state.place)))
    const counts = await countsPromise
    if (mine !== generation) return
    showCounts(filtersBox, counts)
    const found = counts.total
    const where = state.place
      ? ` à moins de ${state.radius / 1000} km de ${state.place.label}, du plus proche au plus lointain`
      : state.q ? ` pour « ${state.q} »` : ' dans ce territoire'
    summary.textContent = found === 0
      ? `Aucun lieu${where.replace(', du plus proche au plus lointain', '')}.`
      : `${plural(Number(found), 'lieu', 'lieux')}${where}.`
    announce.textContent = found === 0 ? 'Aucun résultat.' : `${plural(Number(found), 'lieu trouvé', 'lieux trouvés')}.`
    if (items.length === 0) {
      const nearest = state.place ? await widen(mine) : null
      if (mine !== generation || nearest === 'widened') return
      const r = await relaxations(state)
      if (mine !== generation) return
      renderEmpty(empty, r, Boolean(state.place), nearest)
    }
  } catch (error) {
    if (mine !== generation) return
    summary.textContent = ''
    status.textContent = `La recherche a échoué : ${(error as Error).message}. Réessayez dans un instant.`
  } finally {
    list.removeAttribute('aria-busy')
  }
}

/**
 * Nothing within the radius: widen step by step (10 → 20 → 50 → 100 km) to the first step that reaches the
 * nearest venue matching the filters, and say so. Returns 'widened' (a new search runs), or what to say of
 * the nearest venue when even 100 km is not enough (null when there is none at all).
 */
async function widen(mine: number): Promise<'widened' | string | null> {
  let nearest: VenueItem | undefined
  try {
    nearest = (await searchVenues(filterParams(state, { radius: true }), 1, null)).items[0]
  } catch {
    return null
  }
  if (mine !== generation) return 'widened'
  const distance = nearest?.distance_m
  if (typeof distance !== 'number') return null
  const steps = WIDEN_STEPS_KM.map((km) => km * 1000).filter((r) => r > state.radius)
  const target = steps.find((r) => r >= distance)
  const far = `Le lieu le plus proche est à ${formatDistance(distance)}.`
  if (!target) return far
  const tried = [state.radius, ...steps.filter((r) => r < target)].map((r) => `${r / 1000} km`)
  pendingNotice = `Aucun lieu à moins de ${tried.join(', ni à moins de ')} : la recherche est élargie à ${target / 1000} km. ${far}`
  update((s) => { s.radius = target; s.view = null }, { push: false, fit: true })
  return 'widened'
}

more.addEventListener('click', async () => {
  if (!nextCursor) return
  more.disabled = true
  try {
    const page = await searchVenues(filterParams(state), PAGE_SIZE, nextCursor)
    const start = loaded.length
    loaded = [...loaded, ...page.items]
    nextCursor = page.next_cursor
    renderList(page.items, start)
    map?.setResults(loaded, state.selected)
    more.hidden = !nextCursor
    ;(list.children[start]?.querySelector('a') as HTMLElement | null)?.focus()
  } finally {
    more.disabled = false
  }
})

/** As the geocoder compares names: no accents, case, hyphens; "st"/"ste" are "saint"/"sainte". */
function normalize(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/\bst\b/g, 'saint').replace(/\bste\b/g, 'sainte').replace(/[^a-z0-9]+/g, ' ').trim()
}

/** Enter takes the first place suggested when it is the text typed (name, start of a name or postcode),
 *  or when no venue bears that name (a typo: "bordaux"); otherwise the text searches venue names. */
async function firstPlace(q: string): Promise<AppState['place']> {
  const [places, venues] = await Promise.all([geocode(q).catch(() => []), venueNameSuggestions(q).catch(() => [])])
  const first = places[0]
  if (!first) return null
  const n = normalize(q)
  const matches = first.code_postal === q || normalize(first.commune ?? '').startsWith(n) || normalize(first.label).startsWith(n)
  return matches || venues.length === 0 ? { lat: first.latitude, lon: first.longitude, label: first.label } : null
}

form.addEventListener('submit', async (event) => {
  event.preventDefault()
  searchBox.close()
  const q = input.value.trim()
  const radius = Number(radiusSelect.value)
  if (!q) {
    status.textContent = 'Saisissez une commune, un code postal ou le nom d’un lieu.'
    input.focus()
    return
  }
  if (state.place && q === state.place.label) {
    update((s) => { s.radius = radius; s.selected = null; s.view = null }, { fit: true })
    return
  }
  const place = await firstPlace(q)
  update((s) => {
    s.q = place ? place.label : q
    s.place = place
    s.radius = radius
    s.selected = null
    s.view = null
  }, { fit: true })
})

radiusSelect.addEventListener('change', () => {
  if (state.place) update((s) => { s.radius = Number(radiusSelect.value); s.view = null }, { fit: true })
})

const searchBox = setupSearchBox({
  input,
  listbox: $<HTMLUListElement>('search-suggestions'),
  onPick(suggestion) {
    if (suggestion.kind === 'venue') {
      if (embed) window.open(venueHref(suggestion.item.id), '_blank', 'noopener')
      else location.href = venueHref(suggestion.item.id)
      return
    }
    const { item } = suggestion
    update((s) => {
      s.q = item.label
      s.place = { lat: item.latitude, lon: item.longitude, label: item.label }
      s.radius = Number(radiusSelect.value)
      s.selected = null
      s.view = null
    }, { fit: true })
  },
})

$<HTMLButtonElement>('locate-button').addEventListener('click', () => {
  if (!('geolocation' in navigator)) {
    status.textContent = 'Votre navigateur ne permet pas la géolocalisation. Saisissez votre commune ou votre code postal.'
    return
  }
  status.textContent = 'Recherche de votre position…'
  navigator.geolocation.getCurrentPosition(
    (position) => update((s) => {
      s.place = { lat: position.coords.latitude, lon: position.coords.longitude, label: 'ma position' }
      s.q = ''
      s.selected = null
      s.view = null
    }, { fit: true }),
    (error) => {
      status.textContent = error.code === error.PERMISSION_DENIED
        ? 'Vous n’avez pas autorisé la géolocalisation : c’est votre choix. Saisissez votre commune ou votre code postal dans le champ de recherche.'
        : error.code === error.TIMEOUT
          ? 'Votre position n’a pas pu être trouvée à temps. Réessayez, ou saisissez votre commune ou votre code postal.'
          : 'Votre position est introuvable pour le moment. Saisissez votre commune ou votre code postal.'
      input.focus()
    },
    { enableHighAccuracy: false, timeout: 10_000, maximumAge: 300_000 },
  )
})

filtersToggle.addEventListener('click', () => {
  state = { ...state, filtersOpen: !state.filtersOpen }
  writeUrl(false)
  syncControls()
  if (state.filtersOpen) filtersPanel.querySelector<HTMLElement>('summary')?.focus()
})
// The two filters people ask for most, one tap each (the same filters as in the panel).
chipFree.addEventListener('click', () => update((s) => {
  const fees = new Set(s.lists.frais_a_charge ?? [])
  if (isFree(s)) fees.delete('Gratuit')
  else fees.add('Gratuit')
  if (fees.size) s.lists.frais_a_charge = [...fees]
  else delete s.lists.frais_a_charge
}))
chipSaturday.addEventListener('click', () => update((s) => { s.openSaturday = !s.openSaturday }))
filtersClear.addEventListener('click', () => update((s) => {
  s.lists = {}
  s.labels = []
  s.openNow = false
  s.openSaturday = false
  s.accessSheet = false
}))
for (const [button, view] of [[showList, 'liste'], [showMap, 'carte']] as const) {
  button.addEventListener('click', () => {
    state = { ...state, phoneView: view }
    writeUrl(false)
    syncControls()
    if (view === 'carte') map?.resize()
  })
}
window.addEventListener('popstate', () => {
  state = parseState(location.search)
  void run(!state.view)
})
const sheetLink = document.getElementById('sheet-link')
function syncSheetLink(): void {
  if (sheetLink) sheetLink.textContent = sheetLinkText(sheetVenues().length)
}
syncSheetLink()
window.addEventListener('storage', syncSheetLink)
window.addEventListener('maillage:sheet', () => {
  syncSheetLink()
  for (const box of list.querySelectorAll<HTMLInputElement>('input[id^="fiche-"]')) {
    const id = box.id.slice('fiche-'.length)
    box.checked = Boolean(JSON.parse(localStorage.getItem('maillage:fiche-orientation') ?? '[]').find((v: { id: string }) => v.id === id))
  }
})

async function start(): Promise<void> {
  // Results first: the search runs while the labels, the basemap choice and MapLibre (a separate chunk,
  // the heaviest part of the page) load.
  buildFilters(filtersBox, [], (mutate) => update(mutate))
  const firstRun = run(false)
  const [labelList, styleUrl] = await Promise.all([fetchLabels(), basemapStyleUrl()])
  if (labelList.length) {
    buildFilters(filtersBox, labelList, (mutate) => update(mutate))
    syncFilters(filtersBox, state)
  }
  try {
    const { createVenueMap } = await import('./map.ts')
    map = createVenueMap({
      container: $<HTMLElement>('map'),
      styleUrl,
      view: state.view,
      onSelect: (id) => selectVenue(id, { fly: false, focusCard: true }),
      onViewChange: (view) => {
        state = { ...state, view }
        writeUrl(false)
      },
      onSearchHere: (center, radius) => update((s) => {
        s.place = { lat: center.lat, lon: center.lon, label: 'la zone de la carte' }
        s.q = ''
        s.radius = radius
        s.selected = null
      }),
    })
  } catch {
    $<HTMLElement>('map').textContent = 'La carte ne peut pas s’afficher sur cet appareil ; la liste donne les mêmes lieux.'
  }
  // An embed limited to a territory opens framed on it (unless the URL gives a view or a place).
  if (map && state.territory && !state.view && !state.place) {
    const bounds = await territoryBounds(state.territory).catch(() => null)
    if (bounds) map.fitBounds(bounds)
  }
  await firstRun
  // The map (and the labels) arrived after the first results: bring them up to date.
  if (map) {
    map.setTileQuery(filterParams(state))
    map.setResults(loaded, state.selected)
    map.showPlace(state.place, state.radius, !state.view && Boolean(state.place))
  }
  const before = generation
  if (labelList.length && hasSearch(state)) {
    const counts = await loadCounts(state, labelList.map((l) => l.slug)).catch(() => null)
    if (counts && before === generation) showCounts(filtersBox, counts)
  }
  if (state.selected) selectVenue(state.selected, { fly: !state.view, focusCard: false })
}
void start()
