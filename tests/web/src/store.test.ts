// The public map's state: URL in, URL out (state.ts), one store that every change goes through (store.ts),
// and the one facets request per search with its answer read back (counts.ts). No browser needed.
import { describe, expect, it } from 'vitest'
import { LIST_FILTERS, MAP_FILTER_VALUES } from '../../../domain/list-filters.ts'
import { ENUM_FIELDS } from '../../../domain/standard/enums.ts'
import type { FacetOptions } from '../../../web/src/api.ts'
import { countsQuery, readCounts, readRelaxations } from '../../../web/src/counts.ts'
import { FLAG_FILTERS } from '../../../web/src/flags.ts'
import { activeFilterCount, clearFilters, parseState, serializeState } from '../../../web/src/state.ts'
import { createStore, type Change, type UrlPort } from '../../../web/src/store.ts'

function fakeUrl(initial = ''): UrlPort & { search: string; pushes: number; replaces: number } {
  return {
    search: initial,
    pushes: 0,
    replaces: 0,
    read() {
      return this.search
    },
    write(search, push) {
      this.search = search
      if (push) this.pushes++
      else this.replaces++
    },
  }
}

describe('URL state', () => {
  it('reads and writes back every filter, flags sharing a URL key written together', () => {
    const search =
      '?lat=45.89920&lon=6.12940&lieu=Annecy&rayon=20&services=Aide+aux+d%C3%A9marches+administratives' +
      '&frais_a_charge=Gratuit&labels=netpublic&ouvert=maintenant%2Csamedi&acces=fiche&territoire=dep%3A74&vue=carte'
    const state = parseState(search)
    expect(state).toMatchObject({
      radius: 20_000,
      openNow: true,
      openSaturday: true,
      accessSheet: true,
      territory: 'dep:74',
      phoneView: 'carte',
    })
    expect(state.lists).toEqual({ services: ['Aide aux démarches administratives'], frais_a_charge: ['Gratuit'] })
    expect(serializeState(state)).toBe(search)
    expect(activeFilterCount(state)).toBe(6)
    clearFilters(state)
    expect(activeFilterCount(state)).toBe(0)
    expect(serializeState(state)).toBe('?lat=45.89920&lon=6.12940&lieu=Annecy&rayon=20&territoire=dep%3A74&vue=carte')
  })

  it('drops what it cannot read: a bad territory, an out-of-range point or radius', () => {
    const state = parseState('?lat=95&lon=2&rayon=9000&territoire=dep:1&ouvert=parfois')
    expect(state.place).toBeNull()
    expect(state.radius).toBe(10_000)
    expect(state.territory).toBeNull()
    expect(FLAG_FILTERS.some((f) => state[f.key])).toBe(false)
  })

  it('offers the standard’s values, services in their groups, minus what no visitor looks for', () => {
    for (const { field } of LIST_FILTERS) {
      expect(new Set(MAP_FILTER_VALUES[field]), field).toEqual(
        new Set(ENUM_FIELDS[field].filter((v) => v !== "Ce lieu n'accueille pas de public")),
      )
    }
    expect(MAP_FILTER_VALUES.services[0]).toBe('Aide aux démarches administratives')
  })
})

describe('store', () => {
  it('is the one way to change state: each update writes the URL and tells the subscribers', () => {
    const url = fakeUrl('?q=mediatheque')
    const store = createStore(url)
    const seen: [string, Change][] = []
    store.subscribe((state, change) => seen.push([state.q, change]))
    const before = store.state
    store.update((s) => {
      s.openSaturday = true
    })
    expect(before.openSaturday).toBe(false) // the previous state is never changed in place
    expect(url.search).toBe('?q=mediatheque&ouvert=samedi')
    store.update(
      (s) => {
        s.phoneView = 'carte'
      },
      { search: false },
    )
    store.update(
      (s) => {
        s.radius = 20_000
      },
      { push: false, fit: true },
    )
    expect(seen.map(([, c]) => c)).toEqual([
      { push: true, search: true, fit: false },
      { push: false, search: false, fit: false },
      { push: false, search: true, fit: true },
    ])
    expect([url.pushes, url.replaces]).toEqual([1, 2])
  })

  it('follows the URL on back/forward, and frames the results when the URL has no view', () => {
    const url = fakeUrl('?q=a')
    const store = createStore(url)
    const changes: Change[] = []
    store.subscribe((_, change) => changes.push(change))
    url.search = '?q=b&carte=12.00/45.00000/6.00000'
    store.fromUrl()
    url.search = '?q=c'
    store.fromUrl()
    expect(store.state.q).toBe('c')
    expect(changes).toEqual([
      { push: false, search: true, fit: false },
      { push: false, search: true, fit: true },
    ])
    expect(url.pushes + url.replaces).toBe(0)
  })
})

describe('one facets request per search', () => {
  const state = parseState('?lat=45.89920&lon=6.12940&lieu=Annecy&rayon=5&frais_a_charge=Gratuit&ouvert=samedi&labels=netpublic')

  it('asks every count of the form at once', () => {
    const p = countsQuery(state, ['netpublic', 'pix'])
    expect(p.get('near')).toBe('45.899200,6.129400')
    expect(p.get('radius')).toBe('5000')
    expect(p.get('frais_a_charge')).toBe('Gratuit')
    expect(p.get('open_on')).toBe('sa')
    expect(p.get('count_with')?.split('|')).toEqual([
      'open_at:now',
      'open_on:sa',
      'fiche_acces_libre:true',
      'labels:netpublic',
      'labels:pix',
      'radius:10000',
    ])
    expect(p.get('count_without')?.split('|')).toEqual(['frais_a_charge', 'open_on', 'labels'])
  })

  it('reads the counts and the ways out of an empty result from the one answer', () => {
    const answer: FacetOptions = {
      total: 0,
      facets: { frais_a_charge: { Gratuit: 0 }, services: { 'Aide aux démarches administratives': 0 } },
      facets_alone: { frais_a_charge: { Gratuit: 0, Payant: 3 } },
      counts_with: {
        'open_at:now': 0,
        'open_on:sa': 0,
        'fiche_acces_libre:true': 0,
        'labels:netpublic': 0,
        'labels:pix': 1,
        'radius:10000': 2,
      },
      counts_without: { frais_a_charge: 3, open_on: 0, labels: 1 },
    }
    const counts = readCounts(answer, ['netpublic', 'pix'])
    expect(counts.lists.frais_a_charge).toEqual({ Gratuit: 0, Payant: 3 })
    expect(counts.lists.services).toEqual({ 'Aide aux démarches administratives': 0 })
    expect(counts.flags).toEqual({ openNow: 0, openSaturday: 0, accessSheet: 0 })
    expect(counts.labels).toEqual({ netpublic: 0, pix: 1 })
    const ways = readRelaxations(state, answer)
    expect(ways.map((w) => [w.label, w.count])).toEqual([
      ['Retirer le filtre « Frais : Gratuit »', 3],
      ['Retirer « Ouvert le samedi »', 0],
      ['Retirer le filtre des labels', 1],
      ['Élargir la recherche à 10 km', 2],
    ])
    const url = fakeUrl('?lat=45.89920&lon=6.12940&lieu=Annecy&rayon=5&frais_a_charge=Gratuit&ouvert=samedi&labels=netpublic')
    const store = createStore(url)
    store.update(ways[0].change)
    store.update(ways[3].change)
    expect(url.search).toBe('?lat=45.89920&lon=6.12940&lieu=Annecy&labels=netpublic&ouvert=samedi')
  })
})
