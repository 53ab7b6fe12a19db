// Small form helpers of the partners' admin views: labelled DSFR fields and reading them back.
import { esc } from '../api.ts'

export function field(
  id: string,
  label: string,
  options: { type?: string; value?: unknown; required?: boolean; hint?: string } = {},
): string {
  const { type = 'text', value = '', required = false, hint } = options
  return `<div class="fr-input-group"><label class="fr-label" for="${esc(id)}">${esc(label)}${hint ? `<span class="fr-hint-text">${esc(hint)}</span>` : ''}</label>
  <input class="fr-input" id="${esc(id)}" name="${esc(id)}" type="${esc(type)}" value="${esc(value ?? '')}"${required ? ' required' : ''}${type === 'number' ? ' step="any"' : ''}></div>`
}

export function select(id: string, label: string, choices: [string, string][], value = ''): string {
  return `<div class="fr-select-group"><label class="fr-label" for="${esc(id)}">${esc(label)}</label>
  <select class="fr-select" id="${esc(id)}" name="${esc(id)}">${choices.map(([v, l]) => `<option value="${esc(v)}"${v === value ? ' selected' : ''}>${esc(l)}</option>`).join('')}</select></div>`
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
