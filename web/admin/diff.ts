// A field-by-field diff table (moderation queue and history).
import { esc } from './api.ts'

export interface DiffRow {
  field: string
  current: unknown
  proposed: unknown
}

/** `names`: how to show each field (the editor shows its French labels); the field's own name otherwise. */
export function diffTable(
  rows: DiffRow[],
  labels = { current: 'Actuel', proposed: 'Proposé' },
  names: Record<string, string> = {},
): string {
  if (rows.length === 0) return '<p class="fr-text--sm">Aucune différence.</p>'
  return `<div class="admin-table"><table><caption class="fr-sr-only">Différences champ par champ</caption>
    <thead><tr><th scope="col">Champ</th><th scope="col">${labels.current}</th><th scope="col">${labels.proposed}</th></tr></thead><tbody>
    ${rows
      .map(
        (r) =>
          `<tr data-field="${esc(r.field)}">
      <th scope="row">${esc(names[r.field] ?? r.field)}</th><td class="diff-old">` +
          `${esc(r.current)}</td><td
        class="diff-new">${esc(r.proposed)}</td></tr>`,
      )
      .join('')}
  </tbody></table></div>`
}

/** The fields that differ between two snapshots of a venue. */
export function diffSnapshots(before: Record<string, unknown>, after: Record<string, unknown>): DiffRow[] {
  return Object.keys(after)
    .filter((k) => JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null))
    .map((field) => ({ field, current: before[field], proposed: after[field] }))
}
