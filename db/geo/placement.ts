// Whether a venue's point agrees with its commune: outside the commune's département is an error on
// latitude/longitude (the point is part of the territory), far from the commune's centre only a warning.
import type { FieldIssue } from '../standard/index.ts'
import { departementAt, departementName, placeInDepartement } from './departements.ts'

/** Beyond this distance from its commune's centre a point is reported (never refused): large communes exist. */
export const FAR_FROM_CENTRE_KM = 20

export interface CommuneCentre {
  code_insee: string
  departement: string
  latitude: number
  longitude: number
}

export interface PlacementIssues {
  errors: FieldIssue[]
  warnings: FieldIssue[]
}

/** Great-circle distance in kilometres (haversine on the mean Earth radius: plenty for a 20 km threshold). */
export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180
  const a =
    Math.sin(((lat2 - lat1) * rad) / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2
  return 2 * 6_371.0088 * Math.asin(Math.min(1, Math.sqrt(a)))
}

function label(code: string): string {
  const nom = departementName(code)
  return nom ? `${code} (${nom})` : code
}

/**
 * Checks a point given by the writer against the commune it names. Nothing is checked when the point came
 * from the gazetteer itself (`approximate`), when the commune is not in the gazetteer (Saint-Pierre-et-
 * Miquelon 975, Saint-Barthélemy 977, Saint-Martin 978 and the 98x collectivités are not, and no boundary of
 * theirs is shipped either), or when no boundary is shipped for the commune's département.
 */
export function checkPlacement(
  point: { latitude: number | null; longitude: number | null; commune: string },
  commune: CommuneCentre | undefined,
  approximate: boolean,
): PlacementIssues {
  const issues: PlacementIssues = { errors: [], warnings: [] }
  const { latitude, longitude } = point
  if (approximate || !commune || latitude === null || longitude === null) return issues
  const value = `${latitude}, ${longitude}`
  const placement = placeInDepartement(commune.departement, latitude, longitude)
  if (placement.result === 'outside') {
    const at = departementAt(latitude, longitude)
    const where = at
      ? `il tombe dans le département ${at.code} (${at.nom})`
      : 'il ne tombe dans aucun département (en mer ou à l’étranger ?)'
    // The most common slip of all: latitude and longitude swapped.
    const swapped =
      placeInDepartement(commune.departement, longitude, latitude).result !== 'outside' ? ' Latitude et longitude semblent inversées.' : ''
    const message =
      `point hors du département ${label(commune.departement)} de la commune ${point.commune} (${commune.code_insee}` +
      `) : ${where}.${swapped} Corrigez latitude et longitude, ou la commune.`
    issues.errors.push({ field: 'latitude', message, value }, { field: 'longitude', message, value })
    return issues
  }
  // Three communes of the 2024 gazetteer have no centre in the source (stored as 0, 0): no distance to tell.
  if (commune.latitude === 0 && commune.longitude === 0) return issues
  const km = distanceKm(latitude, longitude, commune.latitude, commune.longitude)
  if (km > FAR_FROM_CENTRE_KM) {
    issues.warnings.push({
      field: 'latitude',
      value,
      message:
        `point à ${Math.round(km)} km du centre de la commune ${point.commune} (${commune.code_insee}), au-delà de ` +
        `${FAR_FROM_CENTRE_KM} km : vérifiez latitude, longitude et commune.`,
    })
  }
  return issues
}
