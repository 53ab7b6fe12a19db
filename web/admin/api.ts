// Calls to the API from the admin page: the session cookie goes along, writes carry the CSRF token.
import { escapeHtml } from '../../domain/html.ts'

let csrfToken = ''

export function setCsrf(token: string): void {
  csrfToken = token
}

/** The session's CSRF token, for the few calls that do not send JSON (CSV uploads). */
export function csrf(): string {
  return csrfToken
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: { detail?: string; errors?: { field: string; message: string }[]; current_version?: number },
  ) {
    super(problem.detail ?? `Erreur ${status}`)
  }
}

export async function api<T = unknown>(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const init: RequestInit = { method, credentials: 'same-origin', headers: { accept: 'application/json', ...headers } }
  if (method !== 'GET') (init.headers as Record<string, string>)['x-csrf-token'] = csrfToken
  if (body !== undefined) {
    ;(init.headers as Record<string, string>)['content-type'] = 'application/json'
    init.body = JSON.stringify(body)
  }
  const res = await fetch(url, init)
  if (res.status === 204) return undefined as T
  const data = await res.json().catch(() => ({}))
  if (!res.ok) throw new ApiError(res.status, data)
  return data as T
}

/** Escapes text for HTML templates. */
export function esc(value: unknown): string {
  return escapeHtml(Array.isArray(value) ? value.join(' | ') : value)
}

export function flash(message: string, kind: 'success' | 'error' | 'info' = 'success'): void {
  const box = document.getElementById('flash')!
  box.innerHTML = `<div class="fr-alert fr-alert--${kind} fr-alert--sm fr-mb-2w"><p>${esc(message)}</p></div>`
}

export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    const fields = error.problem.errors?.map((e) => `${e.field} : ${e.message}`).join(' ; ')
    return fields ? `${error.message} (${fields})` : error.message
  }
  return error instanceof Error ? error.message : String(error)
}

/** Runs an action, showing its success or its error. */
export async function act(success: string, fn: () => Promise<unknown>): Promise<boolean> {
  try {
    await fn()
    flash(success, 'success')
    return true
  } catch (error) {
    flash(describeError(error), 'error')
    return false
  }
}
