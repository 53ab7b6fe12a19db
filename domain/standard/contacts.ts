// E-mail addresses and web addresses: ANCT's validators, plus the repairs we make to URLs typed by hand.
// Pure (no Node, no browser): the import path (db/standard/contacts.ts) and the venue editor use the same rules.
import { isValidCourriel, isValidUrl } from '@gouvfr-anct/lieux-de-mediation-numerique'

export { isValidCourriel }

export const OTHER_SCHEME = /^[a-z][a-z0-9+.-]*:/i
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
