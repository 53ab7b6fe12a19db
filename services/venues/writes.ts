// The venue writes curators and approved submissions make: one function per kind of change, each one
// transaction in db/venue-writes.ts (version, audit, duplicates), with store errors turned into problems.
import type { Kysely } from 'kysely'
import type { Database, VenueRow, VenueStatus } from '../../db/types.ts'
import { changedColumns, type VenueData } from '../../db/venue-record.ts'
import { changeOneVenue, createOneVenue } from '../../db/venue-writes.ts'
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
  db: Kysely<Database>, id: string, changes: Partial<VenueData>,
  options: { expectedVersion: number | null; status?: VenueStatus; action: string }, actor: string, reason: string,
): Promise<VenueRow> {
  return withStoreErrors(() => changeOneVenue(db, id, changes, options, { actor, reason }))
}
