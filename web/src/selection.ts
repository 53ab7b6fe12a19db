// Choosing a venue (in the list or on the map): the URL keeps it, the list and the map show it, and
// on a phone the right view comes forward.
import type { VenueMap } from './map.ts'
import type { PageElements } from './page.ts'
import type { Store } from './store.ts'

export interface SelectOptions {
  fly: boolean
  focusCard: boolean
  showMap?: boolean
}

export function createSelection(
  els: PageElements,
  store: Store,
  map: () => VenueMap | null,
  describeOutside: (id: string) => Promise<void>,
) {
  return function select(id: string, options: SelectOptions): void {
    store.update(
      (s) => {
        s.selected = id
        if (options.showMap) s.phoneView = 'carte'
      },
      { search: false },
    )
    for (const li of els.list.querySelectorAll('li.result')) {
      if ((li as HTMLElement).dataset.id === id) li.setAttribute('aria-current', 'true')
      else li.removeAttribute('aria-current')
    }
    map()?.select(id, options.fly)
    if (options.showMap) map()?.resize()
    const card = document.getElementById(`lieu-${id}`)
    if (card && options.focusCard) {
      if (store.state.phoneView === 'carte')
        store.update(
          (s) => {
            s.phoneView = 'liste'
          },
          { search: false },
        )
      card.scrollIntoView({ block: 'nearest', behavior: 'smooth' })
      card.focus({ preventScroll: true })
    } else if (!card && options.focusCard) {
      void describeOutside(id).catch(() => undefined)
    }
  }
}
