// Territories are written `dep:33`, `reg:75` or `fr` everywhere (API keys, users, indicators).
import { TERRITORY_PATTERN } from '../domain/territory.ts'
export type Territory = { kind: 'fr' } | { kind: 'dep'; code: string } | { kind: 'reg'; code: string }

const PATTERN = TERRITORY_PATTERN

export function parseTerritory(value: string): Territory | null {
  const v = value.trim()
  if (!PATTERN.test(v)) return null
  if (v === 'fr') return { kind: 'fr' }
  const [kind, code] = v.split(':') as ['dep' | 'reg', string]
  return { kind, code }
}

export function parseTerritoryList(value: string): { territories: string[]; invalid: string[] } {
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  return { territories: items.filter((i) => parseTerritory(i)), invalid: items.filter((i) => !parseTerritory(i)) }
}

/** Whether a venue located in (departement, region) lies in any of the given territories. */
export function venueInTerritories(territories: string[], departement: string | null, region: string | null): boolean {
  return territories.some((t) => {
    const parsed = parseTerritory(t)
    if (!parsed) return false
    if (parsed.kind === 'fr') return true
    if (parsed.kind === 'dep') return departement === parsed.code
    return region === parsed.code
  })
}

/** Département code from an INSEE commune code (2A/2B Corsica, 3 digits overseas). */
export function departementOfInsee(codeInsee: string): string {
  return /^9[78]/.test(codeInsee) ? codeInsee.slice(0, 3) : codeInsee.slice(0, 2)
}
