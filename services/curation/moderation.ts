// Moderation: who may read a submission, approving one (the same writes a curator makes directly, attributed
// to both people) and rejecting one, each closed once and audited.
import type { Kysely } from 'kysely'
import { appendAudit } from '../../db/audit.ts'
import {
  closeSubmission,
  findSubmission,
  insertSubmission,
  type SubmissionKind,
  type SubmissionRow,
} from '../../db/curation/submissions.ts'
import { findVenue } from '../../db/curation/history.ts'
import { syncDiffEntries } from '../../db/sync/apply.ts'
import type { SyncPayload } from '../../db/sync/sync.ts'
import { approveSync } from '../sources/approve-sync.ts'
import type { Database, VenueRow } from '../../db/types.ts'
import { VENUE_DATA_COLUMNS, venueToRecord, type VenueData } from '../../db/venue-record.ts'
import { authorizeVenueWrite, canWriteIn, submitterId, type Caller } from '../caller.ts'
import { HttpProblem } from '../problem.ts'
import { changesOf, changeVenue, createVenue } from '../venues/writes.ts'
import { venueFromCreateBody, venueFromPatch } from '../venues/input.ts'

export interface DiffEntry {
  field: string
  current: unknown
  proposed: unknown
}

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
export async function applySubmission(
  db: Kysely<Database>,
  s: SubmissionRow,
  edits: Record<string, unknown> | undefined,
  reviewer: Caller,
): Promise<VenueRow | null> {
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
    return changeVenue(
      db,
      venue.id,
      {},
      { expectedVersion: null, status: s.kind === 'archive' ? 'archived' : 'published', action: `venue.${s.kind}` },
      actor,
      reason,
    )
  }
  // update, or a report the moderator fixes with corrections
  const patch = { ...(s.kind === 'update' ? standardPatch(proposedChanges(s)) : {}), ...(edits ?? {}) }
  if (Object.keys(patch).length === 0) return s.kind === 'report' ? null : venue
  const located = await venueFromPatch(db, venue, patch, reviewer)
  authorizeVenueWrite(reviewer, { kind: 'approve', stored: venue, result: { ...located, source: located.data.source } })
  const changes = changesOf(venue, located.data)
  // Only the fields the proposal changes are applied: edits made meanwhile to other fields stay.
  return changeVenue(
    db,
    venue.id,
    changes,
    { expectedVersion: null, action: s.kind === 'report' ? 'venue.report_fix' : 'venue.update' },
    actor,
    reason,
  )
}

/** Stored changes (venue columns) back into standard field names for re-validation. */
function standardPatch(changes: Record<string, unknown>): Record<string, unknown> {
  const { source_id: sourceId, location_approximate: _approx, ...rest } = changes
  return sourceId === undefined ? rest : { ...rest, source_id: sourceId }
}

export function canReadSubmission(caller: Caller, s: SubmissionRow): boolean {
  if (caller.role === 'authority') return s.submitter_id === submitterId(caller)
  return canWriteIn(caller, s.departement, s.region)
}

/** A submission the caller may moderate (403 outside their territory, 404 unknown). */
async function submissionToReview(db: Kysely<Database>, id: string, caller: Caller): Promise<SubmissionRow> {
  const s = await findSubmission(db, id)
  if (!s || !canReadSubmission(caller, s))
    throw new HttpProblem(s ? 403 : 404, s ? 'Cette proposition est hors de votre territoire.' : `Aucune proposition ${id}.`)
  return s
}

/** Publishes a pending submission (with the moderator's corrections) and closes it; returns it closed. */
/**
 * Publishes a pending submission (with the curator's edits, if any). A whole-file sync (`kind: sync`) applies
 * the whole diff, or only the producer rows the curator selected (`rows`).
 */
export async function approveSubmission(
  db: Kysely<Database>,
  id: string,
  caller: Caller,
  edits: Record<string, unknown> | undefined,
  reason: string | null,
  rows?: string[],
) {
  const s = await submissionToReview(db, id, caller)
  if (s.status !== 'pending') throw new HttpProblem(409, `Cette proposition est déjà ${s.status === 'approved' ? 'approuvée' : 'refusée'}.`)
  const sync = s.kind === 'sync' ? await approveSync(db, s, rows, caller) : null
  const venue = sync ? null : await applySubmission(db, s, edits, caller)
  const closed = await closeSubmission(db, s.id, { status: 'approved', reviewer: caller.label, reason, resultVenueId: venue?.id ?? null })
  if (!closed) throw new HttpProblem(409, 'Cette proposition vient d’être traitée par quelqu’un d’autre.')
  await appendAudit(db, {
    actor: caller.label,
    action: 'submission.approve',
    entity: 'submission',
    entity_id: s.id,
    detail: {
      kind: s.kind,
      venue_id: venue?.id ?? s.venue_id,
      edited: !!edits,
      version: venue?.version ?? null,
      ...(sync ? { sync } : {}),
    },
  })
  return closed
}

/** Closes a submission as rejected, with the reason its author will read. */
export async function rejectSubmission(db: Kysely<Database>, id: string, caller: Caller, reason: string) {
  const s = await submissionToReview(db, id, caller)
  const closed = await closeSubmission(db, s.id, { status: 'rejected', reviewer: caller.label, reason })
  if (!closed) throw new HttpProblem(409, 'Cette proposition est déjà traitée.')
  await appendAudit(db, {
    actor: caller.label,
    action: 'submission.reject',
    entity: 'submission',
    entity_id: s.id,
    detail: { kind: s.kind, reason },
  })
  return closed
}

/** An authority's write, kept as a submission for the territory's curators (the venue as read, if any). */
export async function proposeChange(
  db: Kysely<Database>,
  caller: Caller,
  change: {
    kind: SubmissionKind
    venue: { id: string; version: number } | null
    payload: Record<string, unknown>
    territory: { departement: string | null; region: string | null }
    message: string | null
  },
) {
  return insertSubmission(db, {
    kind: change.kind,
    venueId: change.venue?.id ?? null,
    baseVersion: change.venue?.version ?? null,
    payload: change.payload,
    submittedBy: caller.label,
    submitterId: submitterId(caller),
    departement: change.territory.departement,
    region: change.territory.region,
    message: change.message,
  })
}
