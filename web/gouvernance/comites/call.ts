// Calls to the API from /gouvernance/comites (session cookie, CSRF token on writes) and the page's messages.
import { escapeHtml as esc } from '../../../domain/html.ts'
import type { FieldProblem } from '../../admin/partners/field-errors.ts'

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

export { showErrors } from '../../admin/partners/field-errors.ts'
