// A creation proposal's possible duplicates: the published venues nearest to its point, within 200 m, found by
// the public search (the same KNN on the geography index).
import type { Kysely } from 'kysely'
import { searchVenues } from '../../db/search/query.ts'
import type { Database } from '../../db/types.ts'

export const NEARBY_RADIUS_M = 200
const NEARBY_LIMIT = 5

export interface NearbyVenue {
  id: string
  nom: string
  adresse: string | null
  commune: string | null
  distance_m: number
  latitude: number | null
  longitude: number | null
}

export async function nearbyVenues(db: Kysely<Database>, payload: unknown): Promise<NearbyVenue[]> {
  const data = (payload as { data?: { latitude?: unknown; longitude?: unknown } } | null)?.data
  const lat = Number(data?.latitude)
  const lon = Number(data?.longitude)
  if (data?.latitude == null || data?.longitude == null || !Number.isFinite(lat) || !Number.isFinite(lon)) return []
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180) return []
  const page = await searchVenues(db, { near: { lat, lon }, radius: NEARBY_RADIUS_M, lists: {} }, NEARBY_LIMIT, null)
  return page.rows.map((v) => ({
    id: v.id,
    nom: v.nom,
    adresse: v.adresse ?? null,
    commune: v.commune ?? null,
    distance_m: Math.round(Number(v.distance_m ?? 0)),
    latitude: v.latitude ?? null,
    longitude: v.longitude ?? null,
  }))
}
