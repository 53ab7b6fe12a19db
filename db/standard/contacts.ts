// E-mail addresses and URLs of a record, checked with ANCT's validators (the rules themselves are in
// domain/standard/contacts.ts, shared with the venue editor in the browser).
import { isValidCourriel, normalizeUrl, OTHER_SCHEME } from '../../domain/standard/contacts.ts'
import type { IssueLog } from './record.ts'

export { normalizeUrl }

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
