// Opening hours must follow the OpenStreetMap `opening_hours` syntax; the OSM library is the judge.
import OpeningHours from 'opening_hours'

// Public holidays (`PH`) need a country; French rules are the closest for every venue we hold.
const NOMINATIM = { lat: 46.6, lon: 2.4, address: { country_code: 'fr', state: '' } }

export interface OpeningHoursCheck {
  ok: boolean
  pretty: string | null // the library's canonical spelling when it parses
  warnings: string[]
  error: string | null
}

// Parsing costs ~2 ms a value and producers repeat the same few strings thousands of times: remember them.
const CACHE_LIMIT = 10_000
const cache = new Map<string, OpeningHoursCheck>()

export function checkOpeningHours(value: string): OpeningHoursCheck {
  const known = cache.get(value)
  if (known) return known
  const result = parseOpeningHours(value)
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string)
  cache.set(value, result)
  return result
}

function parseOpeningHours(value: string): OpeningHoursCheck {
  try {
    const parsed = new OpeningHours(value, NOMINATIM as never)
    return { ok: true, pretty: parsed.prettifyValue(), warnings: parsed.getWarnings(), error: null }
  } catch (error) {
    return { ok: false, pretty: null, warnings: [], error: String(error) }
  }
}

export function isValidOpeningHours(value: string): boolean {
  return checkOpeningHours(value).ok
}
