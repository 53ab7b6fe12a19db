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

// `www.example.fr` is read as `https://www.example.fr`; anything else must already be a URL.
export function normalizeUrl(candidate: string): string | null {
  if (isValidUrl(candidate)) return candidate
  if (!/^[a-z][a-z0-9+.-]*:/i.test(candidate) && /^[\w-]+(\.[\w-]+)+([/?#].*)?$/.test(candidate)) {
    const withScheme = `https://${candidate}`
    if (isValidUrl(withScheme)) return withScheme
  }
  return null
}
