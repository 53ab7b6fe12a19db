// All SQL of venue reads. Routes call these; nothing else in api/venues builds queries.
import type { Kysely, Selectable } from 'kysely'
import type { Database, VenuesTable } from '../../db/types.ts'
import type { Venue } from './schemas.ts'

export const VENUE_SELECT = [
  'id', 'source', 'source_id', 'pivot', 'nom', 'commune', 'code_postal', 'code_insee', 'adresse', 'complement_adresse',
  'latitude', 'longitude', 'typologie', 'telephone', 'courriels', 'site_web', 'horaires', 'presentation_resume',
  'presentation_detail', 'itinerance', 'structure_parente', 'date_maj', 'services', 'publics_specifiquement_adresses',
  'prise_en_charge_specifique', 'frais_a_charge', 'dispositif_programmes_nationaux', 'formations_labels',
  'autres_formations_labels', 'modalites_acces', 'modalites_accompagnement', 'fiche_acces_libre', 'prise_rdv',
  'departement', 'region', 'status', 'version', 'location_approximate', 'updated_at', 'merged_into',
] as const satisfies readonly (keyof VenuesTable)[]

export type VenueSelectRow = Pick<Selectable<VenuesTable>, (typeof VENUE_SELECT)[number]>

export function toApiVenue(row: VenueSelectRow, extra: { distance_m?: number } = {}): Venue {
  const { merged_into: _merged, updated_at, ...rest } = row
  return { ...rest, updated_at: new Date(updated_at).toISOString(), ...extra }
}

export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url')
}

export function decodeCursor<T>(cursor: string): T | null {
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as T
  } catch {
    return null
  }
}

export async function findVenueById(db: Kysely<Database>, id: string): Promise<VenueSelectRow | undefined> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return undefined
  return db.selectFrom('venues').select(VENUE_SELECT).where('id', '=', id).executeTakeFirst()
}

/** Published venues in id order, resuming after `afterId`. */
export async function listPublishedVenues(db: Kysely<Database>, limit: number, afterId: string | null) {
  let query = db.selectFrom('venues').select(VENUE_SELECT).where('status', '=', 'published')
  if (afterId) query = query.where('id', '>', afterId)
  return query.orderBy('id').limit(limit + 1).execute()
}
