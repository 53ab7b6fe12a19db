// How a search starts: the search field (Enter or a suggestion), the radius, and "Autour de moi".
import { geocode, venueNameSuggestions } from './api.ts'
import { isEmbed, venueHref, type PageElements } from './page.ts'
import { setupSearchBox } from './search-box.ts'
import type { AppState } from './state.ts'
import type { Store } from './store.ts'

/** As the geocoder compares names: no accents, case, hyphens; "st"/"ste" are "saint"/"sainte". */
export function normalize(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\bst\b/g, 'saint')
    .replace(/\bste\b/g, 'sainte')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
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

const newSearch = { fit: true }

export function setupPlaceSearch(els: PageElements, store: Store): void {
  const { form, input, radiusSelect, status } = els

  const searchBox = setupSearchBox({
    input,
    listbox: els.suggestions,
    onPick(suggestion) {
      if (suggestion.kind === 'venue') {
        if (isEmbed()) window.open(venueHref(suggestion.item.id), '_blank', 'noopener')
        else location.href = venueHref(suggestion.item.id)
        return
      }
      const { item } = suggestion
      store.update((s) => {
        s.q = item.label
        s.place = { lat: item.latitude, lon: item.longitude, label: item.label }
        s.radius = Number(radiusSelect.value)
        s.selected = null
        s.view = null
      }, newSearch)
    },
  })

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
    const { state } = store
    if (state.place && q === state.place.label) {
      store.update((s) => {
        s.radius = radius
        s.selected = null
        s.view = null
      }, newSearch)
      return
    }
    // The place is looked up first: the results region says it is busy meanwhile.
    els.resultsPanel.dataset.state = 'loading'
    const place = await firstPlace(q)
    store.update((s) => {
      s.q = place ? place.label : q
      s.place = place
      s.radius = radius
      s.selected = null
      s.view = null
    }, newSearch)
  })

  radiusSelect.addEventListener('change', () => {
    if (store.state.place)
      store.update((s) => {
        s.radius = Number(radiusSelect.value)
        s.view = null
      }, newSearch)
  })

  els.locate.addEventListener('click', () => {
    if (!('geolocation' in navigator)) {
      status.textContent = 'Votre navigateur ne permet pas la géolocalisation. Saisissez votre commune ou votre code postal.'
      return
    }
    status.textContent = 'Recherche de votre position…'
    navigator.geolocation.getCurrentPosition(
      (position) =>
        store.update((s) => {
          s.place = { lat: position.coords.latitude, lon: position.coords.longitude, label: 'ma position' }
          s.q = ''
          s.selected = null
          s.view = null
        }, newSearch),
      (error) => {
        status.textContent =
          error.code === error.PERMISSION_DENIED
            ? 'Vous n’avez pas autorisé la géolocalisation : c’est votre choix. Saisissez votre commune ou votre code postal ' +
              'dans le champ de recherche.'
            : error.code === error.TIMEOUT
              ? 'Votre position n’a pas pu être trouvée à temps. Réessayez, ou saisissez votre commune ou votre code postal.'
              : 'Votre position est introuvable pour le moment. Saisissez votre commune ou votre code postal.'
        input.focus()
      },
      { enableHighAccuracy: false, timeout: 10_000, maximumAge: 300_000 },
    )
  })
}
