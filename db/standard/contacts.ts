// E-mail addresses and URLs, checked with ANCT's validators.
import { isValidCourriel, isValidUrl } from '@gouvfr-anct/lieux-de-mediation-numerique'
import type { IssueLog } from './record.ts'

// Producers often separate e-mails with `;`, `,` or spaces: none can occur inside an address.
export function readCourriels(items: readonly string[], log: IssueLog): string[] {
  const out: string[] = []
  for (const item of items) {
    for (const candidate of item.split(/[;,\s]+/).filter((part) => part !== '')) {
      const courriel = candidate.replace(/^mailto:/i, '')
      if (isValidCourriel(courriel)) out.push(courriel)
      else log.warn('courriels', `Adresse e-mail invalide ignorée : « ${candidate} ».`, candidate)
    }
  }
  return out
}

export function readUrls(field: string, items: readonly string[], log: IssueLog): string[] {
  const out: string[] = []
  for (const item of items) {
    for (const candidate of item.split(/\s+/).filter((part) => part !== '')) {
      const url = normalizeUrl(candidate)
      // Only web links are published: `javascript:`, `data:`, `ftp:`… would be links a visitor clicks.
      if (url === null && OTHER_SCHEME.test(candidate)) {
        log.error(field, `seules les adresses http(s) sont acceptées (reçu « ${candidate.slice(0, 80)} »)`, candidate)
        continue
      }
      if (url === null) {
        log.warn(field, `Adresse web invalide ignorée : « ${candidate} ».`, candidate)
        continue
      }
      if (url !== candidate) log.warn(field, `Adresse web « ${candidate} » complétée en « ${url} ».`, candidate)
      out.push(url)
    }
  }
  return out
}

const OTHER_SCHEME = /^[a-z][a-z0-9+.-]*:/i
// Typed by hand in producers' files: `htpps://`, `http:/`, `http:example.fr`.
const MISTYPED_HTTP = /^h?t{1,2}p{1,2}(s?):\/{0,3}(?=[\w-])/i

// `www.example.fr` is read as `https://www.example.fr`, a mistyped `htpps://` as `https://`; anything else
// must already be an http(s) URL (other schemes are refused: see readUrls).
export function normalizeUrl(candidate: string): string | null {
  if (/^https?:\/\//i.test(candidate) && isValidUrl(candidate)) return candidate
  const mistyped = MISTYPED_HTTP.exec(candidate)
  if (mistyped) {
    const repaired = `http${mistyped[1].toLowerCase()}://${candidate.slice(mistyped[0].length)}`
    return isValidUrl(repaired) ? repaired : null
  }
  if (!OTHER_SCHEME.test(candidate) && /^[\w-]+(\.[\w-]+)+([/?#].*)?$/.test(candidate)) {
    const withScheme = `https://${candidate}`
    if (isValidUrl(withScheme)) return withScheme
  }
  return null
}
