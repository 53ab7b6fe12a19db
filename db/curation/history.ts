// Versions of a venue: every write snapshots the whole content (db/venue-store.ts); read them here.
import { isUuid } from '../../domain/ids.ts'
import type { Kysely } from 'kysely'
import type { Database } from '../types.ts'

export async function listVersions(db: Kysely<Database>, venueId: string) {
  return db
    .selectFrom('venue_versions')
    .select(['version', 'changed_at', 'changed_by', 'reason', 'status', 'data', 'channel', 'channel_detail'])
    .where('venue_id', '=', venueId)
    .orderBy('version', 'desc')
    .execute()
}

export async function findVersion(db: Kysely<Database>, venueId: string, version: number) {
  return db
    .selectFrom('venue_versions')
    .select(['version', 'data', 'status'])
    .where('venue_id', '=', venueId)
    .where('version', '=', version)
    .executeTakeFirst()
}

export async function findVenue(db: Kysely<Database>, id: string) {
  if (!isUuid(id)) return undefined
  return db.selectFrom('venues').selectAll().where('id', '=', id).executeTakeFirst()
}

/** Département and région of a commune, for territory checks on content restored from a version. */
export async function communeTerritory(db: Kysely<Database>, codeInsee: string | null) {
  if (!codeInsee) return { departement: null, region: null }
  const row = await db.selectFrom('communes').select(['departement', 'region']).where('code_insee', '=', codeInsee).executeTakeFirst()
  return row ?? { departement: null, region: null }
}

export async function venueExistsBySourceId(db: Kysely<Database>, source: string, sourceId: string) {
  return db
    .selectFrom('venues')
    .select(['id', 'source', 'departement', 'region'])
    .where('source', '=', source)
    .where('source_id', '=', sourceId)
    .executeTakeFirst()
}
