// Runs the search of the current state: the first page of results, then ONE facets request for every
// count beside the filters (and the ways out of an empty result), and the automatic widening of the
// radius. A new search aborts the one it supersedes (AbortController); the results region carries
// data-state="loading" | "ready" so people's tools and the end-to-end tests know when it is drawn.
import { facetOptions, filterParams, getVenue, searchVenues, type VenueItem } from './api.ts'
import { countsQuery, readCounts, readRelaxations } from './counts.ts'
import { formatDistance } from './distance.ts'
import { showCounts } from './filters.ts'
import type { VenueMap } from './map.ts'
import { isEmbed, venueHref, type PageElements } from './page.ts'
import { renderEmpty, renderResults } from './results.ts'
import { hasSearch, type AppState } from './state.ts'
import type { Store } from './store.ts'

const PAGE_SIZE = 20
const WIDEN_STEPS_KM = [10, 20, 50, 100] as const

export interface SearchDeps {
  els: PageElements
  store: Store
  map(): VenueMap | null
  /** The label filters offered (their counts are asked with the search); resolves once known. */
  labelSlugs(): Promise<string[]>
  select(id: string, options: { fly: boolean; focusCard: boolean; showMap?: boolean }): void
}

function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString('fr-FR')} ${n > 1 ? many : one}`
}

const aborted = (signal: AbortSignal) => signal.aborted

export function createSearch(deps: SearchDeps) {
  const { els, store } = deps
  const { list, summary, status, announce, empty, more, resultsPanel, filtersBox } = els
  let controller: AbortController | null = null
  let loaded: VenueItem[] = []
  let nextCursor: string | null = null
  /** Said above the results of the search that follows an automatic widening, once. */
  let pendingNotice: string | null = null
  const widened = document.createElement('p')
  widened.id = 'widened'
  widened.className = 'fr-text--bold fr-mb-1w'
  summary.before(widened)

  const setState = (value: 'loading' | 'ready') => {
    resultsPanel.dataset.state = value
  }

  function renderList(items: VenueItem[], startIndex: number): void {
    renderResults(
      list,
      items,
      startIndex,
      store.state.selected,
      {
        venueHref,
        linkTarget: isEmbed() ? '_blank' : null,
        onShowOnMap: (id) => deps.select(id, { fly: true, focusCard: false, showMap: true }),
      },
      store.state.openNow,
    )
  }

  /**
   * Nothing within the radius: widen step by step (10 → 20 → 50 → 100 km) to the first step that reaches the
   * nearest venue matching the filters, and say so. Returns 'widened' (a new search runs), or what to say of
   * the nearest venue when even 100 km is not enough (null when there is none at all).
   */
  async function widen(state: AppState, signal: AbortSignal): Promise<'widened' | string | null> {
    let nearest: VenueItem | undefined
    try {
      nearest = (await searchVenues(filterParams(state, { radius: true }), 1, null, signal)).items[0]
    } catch {
      return aborted(signal) ? 'widened' : null
    }
    const distance = nearest?.distance_m
    if (typeof distance !== 'number') return null
    const steps = WIDEN_STEPS_KM.map((km) => km * 1000).filter((r) => r > state.radius)
    const target = steps.find((r) => r >= distance)
    const far = `Le lieu le plus proche est à ${formatDistance(distance)}.`
    if (!target) return far
    const tried = [state.radius, ...steps.filter((r) => r < target)].map((r) => `${r / 1000} km`)
    pendingNotice = `Aucun lieu à moins de ${tried.join(', ni à moins de ')} : la recherche est élargie à ${target / 1000} km. ${far}`
    store.update(
      (s) => {
        s.radius = target
        s.view = null
      },
      { push: false, fit: true },
    )
    return 'widened'
  }

  async function run(fit: boolean): Promise<void> {
    controller?.abort()
    const mine = new AbortController()
    controller = mine
    const { signal } = mine
    const state = store.state
    const map = deps.map()
    setState('loading')
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
      map?.showPlace(null, store.state.radius, false)
      setState('ready')
      return
    }
    summary.textContent = 'Recherche en cours…'
    list.setAttribute('aria-busy', 'true')
    try {
      // The list is drawn as soon as the search answers; the counts (one request) follow.
      const pagePromise = searchVenues(params, PAGE_SIZE, null, signal)
      const countsPromise = deps
        .labelSlugs()
        .then((slugs) => facetOptions(countsQuery(state, slugs), signal).then((answer) => ({ answer, slugs })))
      countsPromise.catch(() => undefined)
      const page = await pagePromise
      if (aborted(signal)) return
      loaded = page.items
      nextCursor = page.next_cursor
      list.innerHTML = ''
      renderList(page.items, 0)
      list.removeAttribute('aria-busy')
      more.hidden = !nextCursor
      if (status.textContent === 'Recherche de votre position…') status.textContent = ''
      deps.map()?.setResults(loaded, state.selected)
      deps.map()?.showPlace(state.place, state.radius, fit || (!state.view && Boolean(state.place)))
      const { answer, slugs } = await countsPromise
      if (aborted(signal)) return
      showCounts(filtersBox, readCounts(answer, slugs))
      const found = answer.total
      const where = state.place
        ? ` à moins de ${state.radius / 1000} km de ${state.place.label}, du plus proche au plus lointain`
        : state.q
          ? ` pour « ${state.q} »`
          : ' dans ce territoire'
      summary.textContent =
        found === 0 ? `Aucun lieu${where.replace(', du plus proche au plus lointain', '')}.` : `${plural(found, 'lieu', 'lieux')}${where}.`
      announce.textContent = found === 0 ? 'Aucun résultat.' : `${plural(found, 'lieu trouvé', 'lieux trouvés')}.`
      if (page.items.length === 0) {
        const nearest = state.place ? await widen(state, signal) : null
        if (nearest === 'widened' || aborted(signal)) return
        const ways = readRelaxations(state, answer).map((r) => ({
          label: r.label,
          count: r.count,
          apply: () => store.update(r.change, { fit: r.fit ?? false }),
        }))
        renderEmpty(empty, ways, Boolean(state.place), nearest)
      }
      setState('ready')
    } catch (error) {
      if (aborted(signal)) return
      summary.textContent = ''
      status.textContent = `La recherche a échoué : ${(error as Error).message}. Réessayez dans un instant.`
      setState('ready')
    } finally {
      if (!aborted(signal)) list.removeAttribute('aria-busy')
    }
  }

  async function loadMore(): Promise<void> {
    if (!nextCursor || !controller) return
    const { signal } = controller
    more.disabled = true
    try {
      const page = await searchVenues(filterParams(store.state), PAGE_SIZE, nextCursor, signal)
      const start = loaded.length
      loaded = [...loaded, ...page.items]
      nextCursor = page.next_cursor
      renderList(page.items, start)
      deps.map()?.setResults(loaded, store.state.selected)
      more.hidden = !nextCursor
      ;(list.children[start]?.querySelector('a') as HTMLElement | null)?.focus()
    } finally {
      more.disabled = false
    }
  }

  /** A venue of the map outside the list: say what it is and link to its page. */
  async function describeOutside(id: string): Promise<void> {
    const venue = await getVenue(id)
    status.innerHTML = ''
    const p = document.createElement('p')
    const a = document.createElement('a')
    a.href = venueHref(venue.id)
    a.textContent = venue.nom
    p.append('Lieu choisi sur la carte : ', a, ` — ${venue.adresse}, ${venue.code_postal} ${venue.commune}`)
    status.append(p)
  }

  return { run, loadMore, describeOutside, results: () => loaded }
}

export type Search = ReturnType<typeof createSearch>
