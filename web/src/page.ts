// The elements of the public map page (/ and /embed share the same body), looked up once.
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T

export function pageElements() {
  return {
    form: $<HTMLFormElement>('search-form'),
    input: $<HTMLInputElement>('search-input'),
    suggestions: $<HTMLUListElement>('search-suggestions'),
    locate: $<HTMLButtonElement>('locate-button'),
    radiusSelect: $<HTMLSelectElement>('radius-select'),
    status: $<HTMLElement>('status'),
    announce: $<HTMLElement>('announce'),
    resultsPanel: $<HTMLElement>('results-panel'),
    summary: $<HTMLElement>('results-summary'),
    list: $<HTMLOListElement>('results'),
    empty: $<HTMLElement>('empty'),
    more: $<HTMLButtonElement>('more'),
    filtersToggle: $<HTMLButtonElement>('filters-toggle'),
    filtersClear: $<HTMLButtonElement>('filters-clear'),
    filtersPanel: $<HTMLElement>('filters-panel'),
    filtersBox: $<HTMLElement>('filters'),
    app: $<HTMLElement>('app'),
    showList: $<HTMLButtonElement>('show-list'),
    showMap: $<HTMLButtonElement>('show-map'),
    chipFree: $<HTMLButtonElement>('chip-free'),
    chipSaturday: $<HTMLButtonElement>('chip-saturday'),
    map: $<HTMLElement>('map'),
    sheetLink: document.getElementById('sheet-link'),
  }
}

export type PageElements = ReturnType<typeof pageElements>

export const isEmbed = () => document.body.classList.contains('embed')

export function venueHref(id: string): string {
  return `/lieux/${encodeURIComponent(id)}`
}
