// All SQL of the moderation queue: authorities' proposals and the public's error reports.
import { sql, type Kysely } from 'kysely'
import type { Database, SubmissionsTable } from '../types.ts'
import type { Selectable } from 'kysely'

type Db = Kysely<Database>
export type SubmissionRow = Selectable<SubmissionsTable>
export type SubmissionKind = SubmissionRow['kind']

export interface NewSubmission {
  kind: SubmissionKind
  venueId: string | null
  baseVersion: number | null
  payload: Record<string, unknown>
  submittedBy: string
  submitterId: string
  departement: string | null
  region: string | null
  message?: string | null
  reporterName?: string | null
  reporterEmail?: string | null
}

export async function insertSubmission(db: Db, s: NewSubmission): Promise<SubmissionRow> {
  return db
    .insertInto('submissions')
    .values({
      kind: s.kind,
      venue_id: s.venueId,
      base_version: s.baseVersion,
      payload: JSON.stringify(s.payload),
      submitted_by: s.submittedBy,
      submitter_id: s.submitterId,
      departement: s.departement,
      region: s.region,
      message: s.message ?? null,
      reporter_name: s.reporterName ?? null,
      reporter_email: s.reporterEmail ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

export async function findSubmission(db: Db, id: string): Promise<SubmissionRow | undefined> {
  return db.selectFrom('submissions').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function lockSubmission(db: Db, id: string): Promise<SubmissionRow | undefined> {
  return db.selectFrom('submissions').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
}

export interface SubmissionFilter {
  status?: string
  kind?: string
  venueId?: string
  /** Curators: only submissions located in these territories; null = all (admins). */
  territories: string[] | null
  /** Authorities: only their own submissions. */
  submitterId?: string
  /** Queue filters: located in any of these territories (dep:XX, reg:XX); author name containing this text; age in days. */
  territory?: string[]
  author?: string
  olderThanDays?: number
  newerThanDays?: number
  limit: number
  /** Keyset: created_at/id of the last row of the previous page. */
  after?: { created_at: string; id: string } | null
}

export async function listSubmissions(db: Db, f: SubmissionFilter): Promise<SubmissionRow[]> {
  let q = db.selectFrom('submissions').selectAll()
  if (f.status) q = q.where('status', '=', f.status as SubmissionRow['status'])
  if (f.kind) q = q.where('kind', '=', f.kind as SubmissionKind)
  if (f.venueId) q = q.where('venue_id', '=', f.venueId)
  if (f.submitterId) q = q.where('submitter_id', '=', f.submitterId)
  if (f.territories) q = q.where(territoryCondition(f.territories))
  if (f.territory?.length) q = q.where(territoryCondition(f.territory))
  if (f.author) q = q.where(sql<boolean>`submitted_by ILIKE ${`%${escapeLike(f.author)}%`} ESCAPE '\\'`)
  if (f.olderThanDays !== undefined) q = q.where(sql<boolean>`created_at <= now() - make_interval(days => ${f.olderThanDays})`)
  if (f.newerThanDays !== undefined) q = q.where(sql<boolean>`created_at >= now() - make_interval(days => ${f.newerThanDays})`)
  if (f.after)
    q = q.where((eb) =>
      eb.or([
        eb('created_at', '<', new Date(f.after!.created_at)),
        eb.and([eb('created_at', '=', new Date(f.after!.created_at)), eb('id', '<', f.after!.id)]),
      ]),
    )
  return q
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(f.limit + 1)
    .execute()
}

/** The text of a LIKE pattern taken literally (%, _ and the escape character itself). */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`)
}

/** `departement`/`region` columns (of `alias` when given) inside any of the territories (`fr` matches everything). */
export function territoryCondition(territories: string[], alias?: string) {
  const deps = territories.filter((t) => t.startsWith('dep:')).map((t) => t.slice(4))
  const regs = territories.filter((t) => t.startsWith('reg:')).map((t) => t.slice(4))
  if (territories.includes('fr')) return sql<boolean>`true`
  if (deps.length === 0 && regs.length === 0) return sql<boolean>`false`
  const dep = alias ? sql.ref(`${alias}.departement`) : sql.ref('departement')
  const reg = alias ? sql.ref(`${alias}.region`) : sql.ref('region')
  const inDeps = deps.length ? sql`${dep} IN (${sql.join(deps)})` : sql`false`
  const inRegs = regs.length ? sql`${reg} IN (${sql.join(regs)})` : sql`false`
  return sql<boolean>`(${inDeps} OR ${inRegs})`
}

export async function closeSubmission(
  db: Db,
  id: string,
  outcome: { status: 'approved' | 'rejected'; reviewer: string; reason: string | null; resultVenueId?: string | null },
) {
  return db
    .updateTable('submissions')
    .set({
      status: outcome.status,
      reviewed_by: outcome.reviewer,
      reviewed_at: sql`now()`,
      decision_reason: outcome.reason,
      ...(outcome.resultVenueId ? { result_venue_id: outcome.resultVenueId } : {}),
    })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .returningAll()
    .executeTakeFirst()
}

/** Erases the reporter's name and e-mail from error reports older than `months` (the only erasure we do). */
export async function purgeReporterData(db: Db, months: number): Promise<number> {
  const rows = await db
    .updateTable('submissions')
    .set({ reporter_name: null, reporter_email: null })
    .where('kind', '=', 'report')
    .where((eb) => eb.or([eb('reporter_name', 'is not', null), eb('reporter_email', 'is not', null)]))
    .where('created_at', '<', sql<Date>`now() - make_interval(months => ${months})`)
    .returning('id')
    .execute()
  return rows.length
}
