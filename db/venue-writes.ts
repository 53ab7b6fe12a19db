// One venue written through the store (version + audit) and its likely duplicates re-detected, in one transaction.
import type { Kysely } from 'kysely'
import { detectDuplicates } from './curation/duplicates.ts'
import type { Database, VenueRow } from './types.ts'
import type { VenueData } from './venue-record.ts'
import { insertVenues, updateVenue, type UpdateOptions, type WriteContext } from './venue-store.ts'

/** Columns whose change can create or resolve a likely duplicate. */
const DUPLICATE_RELEVANT = new Set(['nom', 'latitude', 'longitude', 'pivot', 'code_insee'])

export async function createOneVenue(db: Kysely<Database>, data: VenueData, context: WriteContext): Promise<VenueRow> {
  return db.transaction().execute(async (trx) => {
    const [row] = await insertVenues(trx, [{ data }], context)
    await detectDuplicates(trx, [row.id])
    return row
  })
}

export async function changeOneVenue(
  db: Kysely<Database>,
  id: string,
  changes: Partial<VenueData>,
  options: UpdateOptions,
  context: WriteContext,
): Promise<VenueRow> {
  return db.transaction().execute(async (trx) => {
    const row = await updateVenue(trx, id, changes, options, context)
    if (Object.keys(changes).some((c) => DUPLICATE_RELEVANT.has(c)) || options.status === 'published') await detectDuplicates(trx, [row.id])
    return row
  })
}
