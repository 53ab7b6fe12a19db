// The writes curators and approved submissions make: one function per kind of change, all through
// db/venue-store.ts (version + audit), each in one transaction, with store errors turned into problems.
import type { Kysely } from 'kysely'
import { detectDuplicates } from '../../db/curation/duplicates.ts'
import type { Database, VenueRow, VenueStatus } from '../../db/types.ts'
import { changedColumns, type VenueData } from '../../db/venue-record.ts'
import { insertVenues, updateVenue, VenueNotFoundError, VersionConflictError } from '../../db/venue-store.ts'
import { HttpProblem } from '../plugins/problem.ts'
import { venueEtag } from './venue-response.ts'

/** Columns whose change can create or resolve a likely duplicate. */
const DUPLICATE_RELEVANT = new Set(['nom', 'latitude', 'longitude', 'pivot', 'code_insee'])

export async function withStoreErrors<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn()
  } catch (error) {
    if (error instanceof VersionConflictError) {
      throw new HttpProblem(412, `La fiche a été modifiée entre-temps : la version actuelle est ${error.currentVersion}. Relisez-la puis réappliquez votre modification.`, {
        current_version: error.currentVersion,
      })
    }
    if (error instanceof VenueNotFoundError) throw new HttpProblem(404, error.message)
    if ((error as { code?: string }).code === '23505') throw new HttpProblem(409, 'Un lieu de même source porte déjà cet identifiant (`id`).')
    throw error
  }
}

export function conflict(current: { id: string; version: number }): HttpProblem {
  return new HttpProblem(412, `La fiche a été modifiée entre-temps : la version actuelle est ${current.version}. Relisez-la puis réappliquez votre modification.`, {
    current_version: current.version, current_etag: venueEtag(current),
  })
}

export async function createVenue(db: Kysely<Database>, data: VenueData, actor: string, reason: string): Promise<VenueRow> {
  return withStoreErrors(() => db.transaction().execute(async (trx) => {
    const [row] = await insertVenues(trx, [{ data }], { actor, reason })
    await detectDuplicates(trx, [row.id])
    return row
  }))
}

/** Only the columns that differ from the current content. */
export function changesOf(current: VenueData, data: Partial<VenueData>): Partial<VenueData> {
  const changes: Record<string, unknown> = {}
  for (const column of changedColumns(current, data)) changes[column] = data[column]
  return changes as Partial<VenueData>
}

export async function changeVenue(
  db: Kysely<Database>, id: string, changes: Partial<VenueData>,
  options: { expectedVersion: number | null; status?: VenueStatus; action: string }, actor: string, reason: string,
): Promise<VenueRow> {
  return withStoreErrors(() => db.transaction().execute(async (trx) => {
    const row = await updateVenue(trx, id, changes, options, { actor, reason })
    if (Object.keys(changes).some((c) => DUPLICATE_RELEVANT.has(c)) || options.status === 'published') await detectDuplicates(trx, [row.id])
    return row
  }))
}
