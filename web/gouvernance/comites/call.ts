// Calls to the API from /gouvernance/comites (session cookie, CSRF token on writes) and the page's messages.
import { escapeHtml as esc } from '../../../domain/html.ts'

export interface FieldProblem {
  field: string
  message: string
}

export class Problem extends Error {
  constructor(
    readonly status: number,
    detail: string,
    readonly errors: FieldProblem[] = [],
    readonly currentVersion?: number,
  ) {
    super(detail)
  }
}

let csrf = ''
export function setCsrf(token: string): void {
  csrf = token
}

export async function call<T>(method: string, url: string, body?: unknown, extra: Record<string, string> = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...extra }
  if (method !== 'GET') headers['x-csrf-token'] = csrf
  if (body !== undefined) headers['content-type'] = 'application/json'
  const res = await fetch(url, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) })
  const data = await res.json().catch(() => ({}))
  if (!res.ok) {
    const errors = (data.errors as FieldProblem[] | undefined) ?? []
    const fields = errors.map((e) => `${e.field} : ${e.message}`).join(' ; ')
    throw new Problem(res.status, `${data.detail ?? `Erreur ${res.status}`}${fields ? ` (${fields})` : ''}`, errors, data.current_version)
  }
  return data as T
}

export function flash(message: string, kind: 'success' | 'error' = 'success'): void {
  document.getElementById('flash')!.innerHTML = `<div class="fr-alert fr-alert--${kind} fr-alert--sm fr-mb-2w"><p>${esc(message)}</p></div>`
}

/** Field messages under their inputs (ids from `idOf`), cleared first; returns the first invalid input. */
export function showErrors(form: HTMLElement, errors: FieldProblem[], idOf: (field: string) => string): HTMLElement | null {
  for (const slot of form.querySelectorAll<HTMLElement>('.fr-error-text')) slot.remove()
  for (const group of form.querySelectorAll('.fr-input-group--error, .fr-select-group--error'))
    group.classList.remove('fr-input-group--error', 'fr-select-group--error')
  for (const input of form.querySelectorAll('[aria-invalid]')) {
    input.removeAttribute('aria-invalid')
    input.removeAttribute('aria-describedby')
  }
  let first: HTMLElement | null = null
  for (const e of errors) {
    const input = form.querySelector<HTMLElement>(`#${CSS.escape(idOf(e.field))}`)
    if (!input) continue
    const group = input.closest('.fr-input-group, .fr-select-group')
    group?.classList.add(group.classList.contains('fr-select-group') ? 'fr-select-group--error' : 'fr-input-group--error')
    const slot = document.createElement('p')
    slot.className = 'fr-error-text'
    slot.id = `${input.id}-error`
    slot.textContent = e.message
    ;(group ?? input.parentElement!).append(slot)
    input.setAttribute('aria-invalid', 'true')
    input.setAttribute('aria-describedby', slot.id)
    first ??= input
  }
  return first
}
