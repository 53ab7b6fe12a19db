// The public map's one store: the state is read from the URL and every change goes through update(),
// which writes the URL back (pushed for a new search, replaced for a view or a selection) and tells the
// subscribers what happened. The back button comes in through fromUrl(). Pure: the URL is reached
// through a small port, so tests/unit/map-store.test.ts runs it without a browser.
import { parseState, serializeState, type AppState } from './state.ts'

export interface UrlPort {
  /** The current query string (`?q=…` or ''). */
  read(): string
  write(search: string, push: boolean): void
}

export interface Change {
  /** A new history entry (a new search) or the same one (a view, a selection, a panel). Default: push. */
  push: boolean
  /** Whether the results must be fetched again. Default: yes. */
  search: boolean
  /** Whether the map must frame the results. Default: no. */
  fit: boolean
}

export type Listener = (state: AppState, change: Change) => void

export interface Store {
  readonly state: AppState
  update(mutate: (draft: AppState) => void, change?: Partial<Change>): void
  fromUrl(): void
  subscribe(listener: Listener): () => void
}

export function browserUrl(): UrlPort {
  return {
    read: () => location.search,
    write(search, push) {
      const url = `${location.pathname}${search}`
      if (url === `${location.pathname}${location.search}`) return
      if (push) history.pushState(null, '', url)
      else history.replaceState(null, '', url)
    },
  }
}

export function createStore(url: UrlPort): Store {
  let state = parseState(url.read())
  const listeners = new Set<Listener>()
  const emit = (change: Change) => {
    for (const listener of listeners) listener(state, change)
  }
  return {
    get state() {
      return state
    },
    update(mutate, change = {}) {
      const next = structuredClone(state)
      mutate(next)
      state = next
      const full: Change = { push: change.push ?? change.search ?? true, search: change.search ?? true, fit: change.fit ?? false }
      url.write(serializeState(state), full.push)
      emit(full)
    },
    fromUrl() {
      state = parseState(url.read())
      emit({ push: false, search: true, fit: !state.view })
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
