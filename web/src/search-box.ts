// The search field: an ARIA 1.2 combobox suggesting communes and postcodes (geocode) and venue names.
// Arrow keys move through suggestions, Enter picks the highlighted one (else the form submits, and takes the
// first place suggested), Escape closes; the list closes on every choice and never reopens over results.
import { geocode, venueNameSuggestions, type GeocodeItem, type VenueItem } from './api.ts'

export type Suggestion = { kind: 'place'; item: GeocodeItem } | { kind: 'venue'; item: VenueItem }

export interface SearchBoxOptions {
  input: HTMLInputElement
  listbox: HTMLUListElement
  onPick(suggestion: Suggestion): void
  territoryParams?: () => URLSearchParams
}

const KIND_LABELS: Record<string, string> = {
  municipality: 'Commune',
  commune: 'Commune',
  postcode: 'Code postal',
  street: 'Voie',
  housenumber: 'Adresse',
  locality: 'Lieu-dit',
}

export function setupSearchBox({ input, listbox, onPick }: SearchBoxOptions): { close(): void } {
  let suggestions: Suggestion[] = []
  let active = -1
  let timer: ReturnType<typeof setTimeout> | undefined
  let controller: AbortController | null = null
  const status = document.getElementById('search-suggestions-status')

  input.setAttribute('role', 'combobox')
  input.setAttribute('aria-autocomplete', 'list')
  input.setAttribute('aria-expanded', 'false')
  input.setAttribute('aria-controls', listbox.id)
  listbox.setAttribute('role', 'listbox')
  listbox.hidden = true

  /** Closes the list and drops any suggestion still on its way (it would reopen the list over the results). */
  function close() {
    clearTimeout(timer)
    controller?.abort()
    controller = null
    listbox.hidden = true
    input.setAttribute('aria-expanded', 'false')
    input.removeAttribute('aria-activedescendant')
    active = -1
  }

  function render() {
    listbox.innerHTML = ''
    suggestions.forEach((s, i) => {
      const li = document.createElement('li')
      li.id = `suggestion-${i}`
      li.setAttribute('role', 'option')
      li.setAttribute('aria-selected', String(i === active))
      const main = document.createElement('span')
      const kind = document.createElement('span')
      kind.className = 'kind'
      if (s.kind === 'place') {
        main.textContent = s.item.label
        kind.textContent = KIND_LABELS[s.item.type] ?? 'Lieu'
      } else {
        main.textContent = s.item.nom
        kind.textContent = `Lieu de médiation — ${s.item.commune}`
      }
      li.append(main, kind)
      li.addEventListener('mousedown', (event) => event.preventDefault())
      li.addEventListener('click', () => pick(i))
      listbox.append(li)
    })
    const open = suggestions.length > 0
    listbox.hidden = !open
    input.setAttribute('aria-expanded', String(open))
    if (active >= 0) input.setAttribute('aria-activedescendant', `suggestion-${active}`)
    else input.removeAttribute('aria-activedescendant')
    if (status)
      status.textContent = open
        ? `${suggestions.length} suggestion${suggestions.length > 1 ? 's' : ''} ; flèches haut et bas pour choisir.`
        : ''
  }

  function pick(index: number) {
    const chosen = suggestions[index]
    if (!chosen) return
    input.value = chosen.kind === 'place' ? chosen.item.label : chosen.item.nom
    close()
    onPick(chosen)
  }

  async function load(q: string) {
    controller?.abort()
    controller = new AbortController()
    const { signal } = controller
    const [places, venues] = await Promise.allSettled([
      geocode(q, signal),
      q.length >= 3 ? venueNameSuggestions(q, signal) : Promise.resolve([]),
    ])
    if (signal.aborted) return
    suggestions = [
      ...(places.status === 'fulfilled' ? places.value.slice(0, 6).map((item) => ({ kind: 'place' as const, item })) : []),
      ...(venues.status === 'fulfilled' ? venues.value.slice(0, 4).map((item) => ({ kind: 'venue' as const, item })) : []),
    ]
    active = -1
    render()
  }

  input.addEventListener('input', () => {
    clearTimeout(timer)
    const q = input.value.trim()
    if (q.length < 2) {
      suggestions = []
      render()
      return
    }
    timer = setTimeout(() => {
      void load(q)
    }, 200)
  })
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (suggestions.length === 0) return
      event.preventDefault()
      const step = event.key === 'ArrowDown' ? 1 : -1
      active = (active + step + suggestions.length) % suggestions.length
      render()
      listbox.querySelector(`#suggestion-${active}`)?.scrollIntoView({ block: 'nearest' })
    } else if (event.key === 'Enter') {
      if (active >= 0 && !listbox.hidden) {
        event.preventDefault()
        pick(active)
      } else {
        // The form submits: it takes the first place suggested for this text.
        close()
      }
    } else if (event.key === 'Escape') {
      if (!listbox.hidden) event.preventDefault()
      close()
    }
  })
  input.addEventListener('blur', () => setTimeout(close, 150))
  return { close }
}
