// The public map (/) and its embeddable twin (/embed): search a place, filter, read the list sorted by
// distance beside the map. Wiring only: the state lives in the store (URL in, URL out: store.ts), every
// change goes through store.update(), and each change redraws the controls and, when asked, searches.
import './dsfr.ts'
import { basemapStyleUrl, filterParams, labels as fetchLabels } from './api.ts'
import { fillRadii, syncControls, toggleFree } from './controls.ts'
import { buildFilters, syncFilters } from './filters.ts'
import type { VenueMap } from './map.ts'
import { pageElements } from './page.ts'
import { setupPlaceSearch } from './place-search.ts'
import { createSearch } from './search.ts'
import { createSelection } from './selection.ts'
import { setupSheetLink } from './sheet-link.ts'
import { clearFilters } from './state.ts'
import { browserUrl, createStore } from './store.ts'
import { territoryBounds } from './territory-bounds.ts'

const els = pageElements()
const store = createStore(browserUrl())
let map: VenueMap | null = null
const update = store.update.bind(store)

fillRadii(els.radiusSelect)
buildFilters(els.filtersBox, [], update)
// The label filters arrive with /api/v1/labels; each search asks their counts once they are known.
const labelSlugs = fetchLabels().then((labelList) => {
  if (labelList.length) {
    buildFilters(els.filtersBox, labelList, update)
    syncFilters(els.filtersBox, store.state)
  }
  return labelList.map((l) => l.slug)
})

// select and search need each other: select is set right after the search exists.
let select: ReturnType<typeof createSelection>
const search = createSearch({ els, store, map: () => map, labelSlugs: () => labelSlugs, select: (id, o) => select(id, o) })
select = createSelection(els, store, () => map, search.describeOutside)

store.subscribe((state, change) => {
  syncControls(els, state)
  if (change.search) void search.run(change.fit)
})
window.addEventListener('popstate', () => store.fromUrl())

setupPlaceSearch(els, store)
setupSheetLink(els.sheetLink, els.list)
els.more.addEventListener('click', () => void search.loadMore())
els.filtersToggle.addEventListener('click', () => {
  update(
    (s) => {
      s.filtersOpen = !s.filtersOpen
    },
    { search: false },
  )
  if (store.state.filtersOpen) els.filtersPanel.querySelector<HTMLElement>('summary')?.focus()
})
// The two filters people ask for most, one tap each (the same filters as in the panel).
els.chipFree.addEventListener('click', () => update(toggleFree))
els.chipSaturday.addEventListener('click', () =>
  update((s) => {
    s.openSaturday = !s.openSaturday
  }),
)
els.filtersClear.addEventListener('click', () => update(clearFilters))
for (const [button, view] of [
  [els.showList, 'liste'],
  [els.showMap, 'carte'],
] as const) {
  button.addEventListener('click', () => {
    update(
      (s) => {
        s.phoneView = view
      },
      { search: false },
    )
    if (view === 'carte') map?.resize()
  })
}

async function start(): Promise<void> {
  // Results first: the search runs while the basemap choice and MapLibre (a separate chunk, the
  // heaviest part of the page) load.
  syncControls(els, store.state)
  const firstRun = search.run(false)
  const styleUrl = await basemapStyleUrl()
  try {
    const { createVenueMap } = await import('./map.ts')
    map = createVenueMap({
      container: els.map,
      styleUrl,
      view: store.state.view,
      onSelect: (id) => select(id, { fly: false, focusCard: true }),
      onViewChange: (view) =>
        update(
          (s) => {
            s.view = view
          },
          { search: false },
        ),
      onSearchHere: (center, radius) =>
        update((s) => {
          s.place = { lat: center.lat, lon: center.lon, label: 'la zone de la carte' }
          s.q = ''
          s.radius = radius
          s.selected = null
        }),
    })
  } catch {
    els.map.textContent = 'La carte ne peut pas s’afficher sur cet appareil ; la liste donne les mêmes lieux.'
  }
  const { state } = store
  // An embed limited to a territory opens framed on it (unless the URL gives a view or a place).
  if (map && state.territory && !state.view && !state.place) {
    const bounds = await territoryBounds(state.territory).catch(() => null)
    if (bounds) map.fitBounds(bounds)
  }
  await firstRun
  // The map arrived after the first results: bring it up to date.
  if (map) {
    const now = store.state
    map.setTileQuery(filterParams(now))
    map.setResults(search.results(), now.selected)
    map.showPlace(now.place, now.radius, !now.view && Boolean(now.place))
  }
  if (store.state.selected) select(store.state.selected, { fly: !store.state.view, focusCard: false })
}
void start()
