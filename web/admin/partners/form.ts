// Small form helpers of the partners' admin views: labelled DSFR fields and reading them back.
import { esc } from '../api.ts'

export function field(
  id: string,
  label: string,
  options: { type?: string; value?: unknown; required?: boolean; hint?: string } = {},
): string {
  const { type = 'text', value = '', required = false, hint } = options
  const hintHtml = hint ? `<span class="fr-hint-text">${esc(hint)}</span>` : ''
  const extra = `${required ? ' required' : ''}${type === 'number' ? ' step="any"' : ''}`
  return `<div class="fr-input-group"><label class="fr-label" for="${esc(id)}">${esc(label)}${hintHtml}</label>
  <input class="fr-input" id="${esc(id)}" name="${esc(id)}" type="${esc(type)}" value="${esc(value ?? '')}"${extra}></div>`
}

export function select(id: string, label: string, choices: [string, string][], value = ''): string {
  return `<div class="fr-select-group"><label class="fr-label" for="${esc(id)}">${esc(label)}</label>
  <select class="fr-select" id="${esc(id)}" name="${esc(id)}">${choices
    .map(([v, l]) => `<option value="${esc(v)}"${v === value ? ' selected' : ''}>${esc(l)}</option>`)
    .join('')}</select></div>`
}

/** The non-empty values of the form's named fields, numbers for number inputs. */
export function values(form: HTMLFormElement, prefix: string): Record<string, string | number> {
  const out: Record<string, string | number> = {}
  for (const input of form.querySelectorAll<HTMLInputElement | HTMLSelectElement>('input[name], select[name], textarea[name]')) {
    if (!input.name.startsWith(prefix)) continue
    const value = input.value.trim()
    if (value === '') continue
    out[input.name.slice(prefix.length)] = input instanceof HTMLInputElement && input.type === 'number' ? Number(value) : value
  }
  return out
}

/** A DSFR table: `cells` are HTML already escaped; `rowAttrs` (escaped too) go on each row. */
export function table(caption: string, headers: string[], cells: string[][], rowAttrs: string[] = []): string {
  const head = headers.map((h) => `<th scope="col">${esc(h)}</th>`).join('')
  const body = cells.map((row, i) => `<tr${rowAttrs[i] ? ` ${rowAttrs[i]}` : ''}>${row.map((c) => `<td>${c}</td>`).join('')}</tr>`)
  return `<div class="fr-table"><table><caption>${esc(caption)}</caption>
  <thead><tr>${head}</tr></thead><tbody>${body.join('\n')}</tbody></table></div>`
}
