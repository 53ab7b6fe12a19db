// Draws the state into the page's controls (search field, radius, filters, chips, list/map toggle).
// Called after every change of the store; it reads the state and never changes it.
import { syncFilters } from './filters.ts'
import type { PageElements } from './page.ts'
import { activeFilterCount, hasSearch, RADII_KM, type AppState } from './state.ts'

export function isFree(s: AppState): boolean {
  return s.lists.frais_a_charge?.includes('Gratuit') ?? false
}

/** The "Gratuit" chip: the same filter as the panel's "Frais : Gratuit" box. */
export function toggleFree(s: AppState): void {
  const fees = new Set(s.lists.frais_a_charge ?? [])
  if (isFree(s)) fees.delete('Gratuit')
  else fees.add('Gratuit')
  if (fees.size) s.lists.frais_a_charge = [...fees]
  else delete s.lists.frais_a_charge
}

export function fillRadii(select: HTMLSelectElement): void {
  for (const km of RADII_KM) select.add(new Option(`${km} km`, String(km * 1000)))
}

export function syncControls(els: PageElements, state: AppState): void {
  const { input, radiusSelect, filtersToggle, filtersPanel, filtersClear, chipFree, chipSaturday, app, showList, showMap } = els
  if (document.activeElement !== input) input.value = state.place?.label ?? state.q
  const radii = [...radiusSelect.options].map((o) => Number(o.value))
  if (!radii.includes(state.radius)) radiusSelect.add(new Option(`${state.radius / 1000} km`, String(state.radius)))
  radiusSelect.value = String(state.radius)
  syncFilters(els.filtersBox, state)
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
