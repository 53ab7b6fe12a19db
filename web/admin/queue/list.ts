// The queue's list: items grouped by venue (a report and a proposal on the same venue side by side), a checkbox
// each for batch actions, the current item marked.
import { esc } from '../api.ts'
import { KIND_NAMES, type Submission } from './types.ts'

/** Items in display order: groups by venue, the group of the most recent item first, each group newest first. */
export function groupByVenue(items: Submission[]): { key: string; title: string; items: Submission[] }[] {
  const groups = new Map<string, { key: string; title: string; items: Submission[] }>()
  for (const s of items) {
    const key = s.venue_id ?? `new:${s.id}`
    const title = s.venue_nom ?? 'Lieu sans nom'
    if (!groups.has(key)) groups.set(key, { key, title: s.venue_id ? title : `${title} (nouveau lieu)`, items: [] })
    groups.get(key)!.items.push(s)
  }
  return [...groups.values()]
}

export function renderList(container: HTMLElement, items: Submission[], current: number, selected: Set<string>): void {
  if (items.length === 0) {
    container.innerHTML = '<p id="queue-empty">Rien à examiner avec ces filtres.</p>'
    return
  }
  let index = 0
  const groups = groupByVenue(items)
  container.innerHTML = `<div class="admin-table"><table id="queue-table">
    <caption class="fr-sr-only">Propositions et signalements, regroupés par lieu</caption>
    <thead><tr><th scope="col">Sélection</th><th scope="col">Date</th><th scope="col">Type</th><th scope="col">Auteur</th>
      <th scope="col">Dép.</th><th scope="col">Action</th></tr></thead>
    ${groups
      .map(
        (g) => `<tbody data-group="${esc(g.key)}"><tr class="queue-group">
          <th scope="colgroup" colspan="6">${esc(g.title)}${g.items.length > 1 ? ` — ${g.items.length} éléments` : ''}</th></tr>
      ${g.items
        .map((s) => {
          const i = index++
          const label = `${KIND_NAMES[s.kind] ?? s.kind} — ${s.venue_nom ?? ''}`
          return `<tr data-row="${s.id}" data-kind="${s.kind}"
            data-index="${i}"${i === current ? ' class="queue-current" aria-current="true"' : ''}>
        <td><input type="checkbox" class="queue-select" data-select="${s.id}"
          id="sel-${s.id}"${selected.has(s.id) ? ' checked' : ''}><label class="fr-sr-only"
            for="sel-${s.id}">Sélectionner ${esc(label)}</label></td>
        <td>${esc(new Date(s.created_at).toLocaleString('fr-FR', { dateStyle: 'short', timeStyle: 'short' }))}</td>
        <td>${KIND_NAMES[s.kind] ?? esc(s.kind)}</td><td>${esc(s.submitted_by)}</td><td>${esc(s.departement)}</td>
        <td><button class="fr-btn fr-btn--sm fr-btn--tertiary" type="button" data-submission="${s.id}">Examiner<span
          class="fr-sr-only"> ${esc(label)}</span></button></td></tr>`
        })
        .join('')}</tbody>`,
      )
      .join('')}
  </table></div>`
}

/** The flat display order of `items` (what j/k walk through). */
export function displayOrder(items: Submission[]): Submission[] {
  return groupByVenue(items).flatMap((g) => g.items)
}
