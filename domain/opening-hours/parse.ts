// The one reader of a venue's `horaires` (OSM opening_hours syntax) with French public holidays (PH):
// used by the search filters (db/search/opening-hours.ts) and the French sentences and tables
// (./french.ts). Parsed expressions are cached: a search evaluates the same few strings many times.
import OpeningHours from 'opening_hours'

/** A point in mainland France, so "PH" means French public holidays. */
export const FRANCE = { lat: 46.6, lon: 2.4, address: { country_code: 'fr', state: '' } }

const cache = new Map<string, OpeningHours | null>()

/** The parsed expression, or null when `horaires` is empty or unreadable. */
export function parseHours(horaires: string | null | undefined): OpeningHours | null {
  if (!horaires) return null
  let parsed = cache.get(horaires)
  if (parsed === undefined) {
    try {
      parsed = new OpeningHours(horaires, FRANCE)
    } catch {
      parsed = null
    }
    if (cache.size > 20_000) cache.clear()
    cache.set(horaires, parsed)
  }
  return parsed
}
