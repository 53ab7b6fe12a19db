// All SQL of committee meetings: the record, its edits (refused once final), and the two parties' validations.
import { createHash } from 'node:crypto'
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely'
import type { ValidatingRole } from '../../domain/committees.ts'
import { minutesText } from '../../domain/minutes.ts'
import { appendAudit } from '../audit.ts'
import type { CommitteeMeetingsTable, Database } from '../types.ts'

type Db = Kysely<Database> | Transaction<Database>
type Row = Selectable<CommitteeMeetingsTable>

export interface MeetingValues {
  committee?: string
  held_on?: string
  attendees?: { organisation: string; participants: string[] }[]
  agenda?: string[]
  decisions?: string[]
  minutes?: string
  /** Recomputed by the caller when the meeting date changes (the report is the state at that date). */
  report_snapshot?: unknown
}

const parse = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString())
const day = (d: unknown) => (d instanceof Date ? d.toISOString().slice(0, 10) : String(d).slice(0, 10))

export type Meeting = ReturnType<typeof toApi>

function toApi(row: Row) {
  return {
    id: row.id,
    committee: row.committee,
    held_on: day(row.held_on),
    attendees: parse<{ organisation: string; participants: string[] }[]>(row.attendees),
    agenda: parse<string[]>(row.agenda),
    decisions: parse<string[]>(row.decisions),
    minutes: row.minutes,
    report_year: row.report_year,
    report_snapshot: parse<Record<string, unknown>>(row.report_snapshot),
    validations: {
      state: row.state_validated_by ? { by: row.state_validated_by, at: iso(row.state_validated_at)! } : null,
      cinov: row.cinov_validated_by ? { by: row.cinov_validated_by, at: iso(row.cinov_validated_at)! } : null,
    },
    final: row.finalized_at !== null,
    finalized_at: iso(row.finalized_at),
    content_hash: row.content_hash,
    version: row.version,
    created_at: iso(row.created_at)!,
    updated_at: iso(row.updated_at)!,
  }
}

/** sha256 of the canonical content (domain/minutes.ts), hex. */
export function contentHash(meeting: Meeting): string {
  return createHash('sha256').update(minutesText(meeting), 'utf8').digest('hex')
}

export async function listMeetings(db: Db, options: { committee?: string; limit: number; offset: number }) {
  let q = db.selectFrom('committee_meetings').selectAll()
  if (options.committee) q = q.where('committee', '=', options.committee)
  const rows = await q.orderBy('held_on', 'desc').orderBy('id').limit(options.limit).offset(options.offset).execute()
  return rows.map(toApi)
}

export async function findMeeting(db: Db, id: string): Promise<Meeting | undefined> {
  const row = await db.selectFrom('committee_meetings').selectAll().where('id', '=', id).executeTakeFirst()
  return row ? toApi(row) : undefined
}

export async function insertMeeting(
  trx: Transaction<Database>,
  values: Required<Pick<MeetingValues, 'committee' | 'held_on'>> & MeetingValues & { report_year: number; report_snapshot: unknown },
  actor: string,
): Promise<string> {
  const row = await trx
    .insertInto('committee_meetings')
    .values({
      committee: values.committee,
      held_on: values.held_on,
      attendees: JSON.stringify(values.attendees ?? []),
      agenda: JSON.stringify(values.agenda ?? []),
      decisions: JSON.stringify(values.decisions ?? []),
      minutes: values.minutes ?? '',
      report_year: values.report_year,
      report_snapshot: JSON.stringify(values.report_snapshot),
      created_by: actor,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await appendAudit(trx, { actor, action: 'committee_meeting.create', entity: 'committee_meeting', entity_id: row.id })
  return row.id
}

export type MeetingWriteResult = { ok: true } | { ok: false; reason: 'not_found' | 'final' | 'stale'; current?: number }

/** Locks the meeting for a change: missing, final or stale say why nothing was written. */
async function lockForChange(trx: Transaction<Database>, id: string, expectedVersion: number | null) {
  const row = await trx.selectFrom('committee_meetings').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
  if (!row) return { fail: { ok: false, reason: 'not_found' } as const }
  if (row.finalized_at) return { fail: { ok: false, reason: 'final' } as const }
  if (expectedVersion !== null && expectedVersion !== row.version)
    return { fail: { ok: false, reason: 'stale', current: row.version } as const }
  return { row }
}

/** An edit clears any validation already given: a party validated another text. */
export async function updateMeeting(
  trx: Transaction<Database>,
  id: string,
  values: MeetingValues,
  expectedVersion: number | null,
  actor: string,
): Promise<MeetingWriteResult> {
  const locked = await lockForChange(trx, id, expectedVersion)
  if (locked.fail) return locked.fail
  const set: Record<string, unknown> = {}
  if (values.committee !== undefined) set.committee = values.committee
  if (values.held_on !== undefined) set.held_on = values.held_on
  if (values.minutes !== undefined) set.minutes = values.minutes
  if (values.report_snapshot !== undefined) set.report_snapshot = JSON.stringify(values.report_snapshot)
  for (const k of ['attendees', 'agenda', 'decisions'] as const) if (values[k] !== undefined) set[k] = JSON.stringify(values[k])
  await trx
    .updateTable('committee_meetings')
    .set({
      ...set,
      state_validated_by: null,
      state_validated_at: null,
      cinov_validated_by: null,
      cinov_validated_at: null,
      version: sql<number>`version + 1`,
      updated_at: sql<Date>`now()`,
    })
    .where('id', '=', id)
    .execute()
  await appendAudit(trx, {
    actor,
    action: 'committee_meeting.update',
    entity: 'committee_meeting',
    entity_id: id,
    detail: { fields: Object.keys(set) },
  })
  return { ok: true }
}

/** Records one party's validation; the second one makes the minutes final, with their content hash. */
export async function validateMeeting(
  trx: Transaction<Database>,
  id: string,
  party: ValidatingRole,
  expectedVersion: number | null,
  actor: string,
): Promise<MeetingWriteResult> {
  const locked = await lockForChange(trx, id, expectedVersion)
  if (locked.fail) return locked.fail
  const row = locked.row
  const stamp = new Date()
  const next = {
    ...row,
    ...(party === 'state'
      ? { state_validated_by: actor, state_validated_at: stamp }
      : { cinov_validated_by: actor, cinov_validated_at: stamp }),
  }
  const both = next.state_validated_by !== null && next.cinov_validated_by !== null
  await trx
    .updateTable('committee_meetings')
    .set({
      ...(party === 'state'
        ? { state_validated_by: actor, state_validated_at: stamp }
        : { cinov_validated_by: actor, cinov_validated_at: stamp }),
      ...(both ? { content_hash: contentHash(toApi(next)), finalized_at: stamp } : {}),
      version: sql<number>`version + 1`,
      updated_at: sql<Date>`now()`,
    })
    .where('id', '=', id)
    .execute()
  await appendAudit(trx, {
    actor,
    action: both ? 'committee_meeting.finalize' : 'committee_meeting.validate',
    entity: 'committee_meeting',
    entity_id: id,
    detail: { party },
  })
  return { ok: true }
}
