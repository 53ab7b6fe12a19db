// The filter panel: built once (so focus survives updates), then its checks and facet counts are synced
// with the state and the API's counts on every search.
import type { LabelItem } from './api.ts'
import type { FilterCounts } from './counts.ts'
import { FLAG_FILTERS, type FlagKey } from './flags.ts'
import type { AppState } from './state.ts'
import { LIST_FILTERS, MAP_FILTER_VALUES, SERVICE_GROUPS, type MapListField } from '../../domain/list-filters.ts'

type Handler = (mutate: (state: AppState) => void) => void

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag)
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v)
  if (text !== undefined) node.textContent = text
  return node
}

let uid = 0

function checkbox(name: string, value: string, label: string, onChange: (on: boolean) => void): HTMLElement {
  const id = `filtre-${++uid}`
  const wrapper = el('div', { class: 'fr-fieldset__element' })
  const group = el('div', { class: 'fr-checkbox-group fr-checkbox-group--sm' })
  const input = el('input', { type: 'checkbox', id, name, value })
  const lab = el('label', { class: 'fr-label', for: id })
  lab.append(document.createTextNode(label + ' '), el('span', { class: 'count', 'data-count-for': `${name}|${value}` }))
  input.addEventListener('change', () => onChange(input.checked))
  group.append(input, lab)
  wrapper.append(group)
  return wrapper
}

function fieldset(group: string, legend: string, children: HTMLElement[], open = false): HTMLElement {
  const details = el('details', { class: 'fr-mb-1w', 'data-group': group })
  if (open) details.open = true
  const summary = el('summary', { class: 'fr-text--bold fr-py-1w' }, legend)
  summary.append(el('span', { class: 'selected-count' }))
  const fs = el('fieldset', { class: 'fr-fieldset' })
  fs.append(el('legend', { class: 'fr-fieldset__legend fr-sr-only' }, legend), ...children)
  details.append(summary, fs)
  return details
}

export function buildFilters(container: HTMLElement, labelList: LabelItem[], update: Handler): void {
  container.innerHTML = ''
  const availability = fieldset(
    'disponibilite',
    'Disponibilité et accessibilité',
    FLAG_FILTERS.map((f) =>
      checkbox(f.urlKey, f.urlValue, f.label, (on) =>
        update((s) => {
          s[f.key] = on
        }),
      ),
    ),
    true,
  )
  container.append(availability)
  for (const { field, legend } of LIST_FILTERS) {
    const toggle = (value: string) => (on: boolean) =>
      update((s) => {
        const current = new Set(s.lists[field] ?? [])
        if (on) current.add(value)
        else current.delete(value)
        if (current.size) s.lists[field] = [...current]
        else delete s.lists[field]
      })
    if (field === 'services') {
      const children: HTMLElement[] = []
      for (const group of SERVICE_GROUPS) {
        children.push(el('p', { class: 'fr-text--sm fr-text--bold fr-mb-1v fr-mt-1w fr-fieldset__element' }, group.label))
        for (const value of group.values) children.push(checkbox(field, value, value, toggle(value)))
      }
      container.append(fieldset(field, legend, children, true))
    } else {
      container.append(
        fieldset(
          field,
          legend,
          MAP_FILTER_VALUES[field].map((value) => checkbox(field, value, value, toggle(value))),
        ),
      )
    }
  }
  if (labelList.length) {
    container.append(
      fieldset(
        'labels',
        'Labels attribués',
        labelList.map((l) =>
          checkbox('labels', l.slug, l.nom, (on) =>
            update((s) => {
              s.labels = on ? [...new Set([...s.labels, l.slug])] : s.labels.filter((x) => x !== l.slug)
            }),
          ),
        ),
      ),
    )
  }
}

/** The flag a checkbox stands for (its name and value are the flag's URL key and word). */
function flagOf(name: string, value: string): FlagKey | undefined {
  return FLAG_FILTERS.find((f) => f.urlKey === name && f.urlValue === value)?.key
}

export function syncFilters(container: HTMLElement, state: AppState): void {
  for (const input of container.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')) {
    const { name, value } = input
    const flag = flagOf(name, value)
    if (flag) input.checked = state[flag]
    else if (name === 'labels') input.checked = state.labels.includes(value)
    else input.checked = (state.lists[name as MapListField] ?? []).includes(value)
  }
  for (const details of container.querySelectorAll('details')) {
    const n = details.querySelectorAll('input:checked').length
    if (n > 0) details.open = true
    const badge = details.querySelector('.selected-count')
    if (badge) badge.textContent = n ? ` (${n} choisi${n > 1 ? 's' : ''})` : ''
  }
}

export function showCounts(container: HTMLElement, counts: FilterCounts): void {
  for (const span of container.querySelectorAll<HTMLElement>('[data-count-for]')) {
    const [name, value] = (span.dataset.countFor as string).split('|')
    let n: number | null | undefined
    const flag = flagOf(name, value)
    if (flag) n = counts.flags[flag]
    else if (name === 'labels') n = counts.labels[value]
    else n = counts.lists[name as MapListField]?.[value] ?? (counts.lists[name as MapListField] ? 0 : null)
    span.textContent = n === null || n === undefined ? '' : `(${n})`
  }
}
