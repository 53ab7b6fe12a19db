// The venue writes curators and approved submissions make: one function per kind of change, each one
// transaction in db/venue-writes.ts (version, audit, duplicates), with store errors turned into problems.
import type { Kysely } from 'kysely'
import { communeTerritory, findVersion } from '../../db/curation/history.ts'
import type { Database, VenueRow, VenueStatus } from '../../db/types.ts'
import { changedColumns, VENUE_DATA_COLUMNS, type VenueData } from '../../db/venue-record.ts'
import { changeOneVenue, createOneVenue } from '../../db/venue-writes.ts'
import { HttpProblem } from '../problem.ts'
import { withStoreErrors } from '../store-errors.ts'

export async function createVenue(db: Kysely<Database>, data: VenueData, actor: string, reason: string): Promise<VenueRow> {
  return withStoreErrors(() => createOneVenue(db, data, { actor, reason }))
}

/** Only the columns that differ from the current content. */
export function changesOf(current: VenueData, data: Partial<VenueData>): Partial<VenueData> {
  const changes: Record<string, unknown> = {}
  for (const column of changedColumns(current, data)) changes[column] = data[column]
  return changes as Partial<VenueData>
}

export async function changeVenue(
  db: Kysely<Database>,
  id: string,
  changes: Partial<VenueData>,
  options: { expectedVersion: number | null; status?: VenueStatus; action: string },
  actor: string,
  reason: string,
): Promise<VenueRow> {
  return withStoreErrors(() => changeOneVenue(db, id, changes, options, { actor, reason }))
}

/**
 * What reverting to `version` changes: the columns whose content differs from that version's snapshot, and
 * where the venue would then lie (restoring an old location must not move it out of the caller's territory).
 */
export async function revertChanges(db: Kysely<Database>, current: VenueRow, version: number) {
  const target = await findVersion(db, current.id, version)
  if (!target)
    throw new HttpProblem(404, `Ce lieu n’a pas de version ${version}.`, { errors: [{ field: 'version', message: 'version inconnue' }] })
  const data = target.data as unknown as VenueData
  const restored: Record<string, unknown> = {}
  for (const column of VENUE_DATA_COLUMNS) if (column in data) restored[column] = data[column]
  const changes = changesOf(current, restored as Partial<VenueData>)
  const result = 'code_insee' in changes ? await communeTerritory(db, changes.code_insee ?? null) : current
  return { target, changes, result }
}
