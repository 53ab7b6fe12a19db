// Escaping text for HTML (server-rendered pages, SVG charts, admin and browser templates): the one place.
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/** `null` and `undefined` escape to the empty string; anything else through String(). */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c])
}
