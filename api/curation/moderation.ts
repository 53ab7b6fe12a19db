// Applying an approved submission: the same writes a curator makes directly, attributed to both people.
import type { Kysely } from 'kysely'
import type { SubmissionRow } from '../../db/curation/submissions.ts'
import { findVenue } from '../../db/curation/history.ts'
import { syncDiffEntries } from '../../db/sync/apply.ts'
import type { SyncPayload } from '../../db/sync/sync.ts'
import type { Database, VenueRow } from '../../db/types.ts'
import { VENUE_DATA_COLUMNS, venueToRecord, type VenueData } from '../../db/venue-record.ts'
import { authorizeVenueWrite, type Caller } from '../plugins/caller.ts'
import { HttpProblem } from '../plugins/problem.ts'
import { changesOf, changeVenue, createVenue } from './operations.ts'
import { venueFromCreateBody, venueFromPatch } from './venue-input.ts'

export interface DiffEntry { field: string; current: unknown; proposed: unknown }

function proposedChanges(s: SubmissionRow): Record<string, unknown> {
  const payload = s.payload as Record<string, unknown>
  return (payload.changes ?? payload.data ?? {}) as Record<string, unknown>
}

/** The proposal field by field against the venue as it is now (not as it was when proposed). */
export function submissionDiff(s: SubmissionRow, venue: VenueRow | undefined): DiffEntry[] {
  if (s.kind === 'archive' || s.kind === 'restore') {
    return [{ field: 'status', current: venue?.status ?? null, proposed: s.kind === 'archive' ? 'archived' : 'published' }]
  }
  if (s.kind === 'report') return []
  if (s.kind === 'sync') return syncDiffEntries(s.payload as unknown as SyncPayload)
  const proposed = proposedChanges(s)
  return VENUE_DATA_COLUMNS.filter((c) => c in proposed)
    .map((field) => ({ field, current: venue ? venue[field] : null, proposed: proposed[field] }))
    .filter((d) => JSON.stringify(d.current ?? null) !== JSON.stringify(d.proposed ?? null))
}

/** Applies a pending submission (with the moderator's corrections, standard fields) and returns the venue written. */
export async function applySubmission(db: Kysely<Database>, s: SubmissionRow, edits: Record<string, unknown> | undefined, reviewer: Caller): Promise<VenueRow | null> {
  const actor = `${reviewer.label} (proposé par ${s.submitted_by})`
  const reason = `proposition ${s.id} approuvée`
  if (s.kind === 'create') {
    const data = proposedChanges(s) as unknown as VenueData
    const body: Record<string, unknown> = edits ? { ...venueToRecord(data), ...edits, source: data.source } : { ...venueToRecord(data) }
    const located = await venueFromCreateBody(db, body, reviewer)
    authorizeVenueWrite(reviewer, { kind: 'approve', stored: null, result: { ...located, source: located.data.source } })
    return createVenue(db, { ...located.data, source: data.source }, actor, reason)
  }
  const venue = s.venue_id ? await findVenue(db, s.venue_id) : undefined
  if (!venue) throw new HttpProblem(404, 'Le lieu visé par cette proposition n’existe plus.')
  authorizeVenueWrite(reviewer, { kind: 'approve', stored: venue, result: null })
  if (s.kind === 'archive' || s.kind === 'restore') {
    authorizeVenueWrite(reviewer, { kind: 'approve', stored: venue, result: venue })
    return changeVenue(db, venue.id, {}, { expectedVersion: null, status: s.kind === 'archive' ? 'archived' : 'published', action: `venue.${s.kind}` }, actor, reason)
  }
  // update, or a report the moderator fixes with corrections
  const patch = { ...(s.kind === 'update' ? standardPatch(proposedChanges(s)) : {}), ...(edits ?? {}) }
  if (Object.keys(patch).length === 0) return s.kind === 'report' ? null : venue
  const located = await venueFromPatch(db, venue, patch, reviewer)
  authorizeVenueWrite(reviewer, { kind: 'approve', stored: venue, result: { ...located, source: located.data.source } })
  const changes = changesOf(venue, located.data)
  // Only the fields the proposal changes are applied: edits made meanwhile to other fields stay.
  return changeVenue(db, venue.id, changes, { expectedVersion: null, action: s.kind === 'report' ? 'venue.report_fix' : 'venue.update' }, actor, reason)
}

/** Stored changes (venue columns) back into standard field names for re-validation. */
function standardPatch(changes: Record<string, unknown>): Record<string, unknown> {
  const { source_id: sourceId, location_approximate: _approx, ...rest } = changes
  return sourceId === undefined ? rest : { ...rest, source_id: sourceId }
}
