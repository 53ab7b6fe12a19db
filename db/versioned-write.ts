// The one versioned write, for venues, companies, sponsorships, venues' needs and job offers: lock the row, check the version the writer
// read, bump it, snapshot the new content in <entity>_versions and append to the audit log, all in the caller's
// transaction. A stale version is a VersionConflictError, whatever the entity.
import { sql, type Kysely, type Transaction } from 'kysely'
import { appendAudit } from './audit.ts'
import type { StoredChannel } from '../domain/change-channel.ts'
import type { Database } from './types.ts'

type Db = Kysely<Database> | Transaction<Database>

export class VersionConflictError extends Error {
  constructor(readonly currentVersion: number) {
    super(`La fiche a été modifiée entre-temps (version actuelle : ${currentVersion}).`)
  }
}

export interface WriteContext {
  actor: string
  reason: string
  /** Venues only: the channel the history shows (stored beside the version; inferred from actor and reason when absent). */
  channel?: StoredChannel
}

/** The channel columns of a venue version (null when the writer did not say). */
export function channelColumns(context: WriteContext): { channel: string | null; channel_detail: string | null } {
  return { channel: context.channel?.kind ?? null, channel_detail: context.channel?.detail ?? null }
}

/** A versioned table, the table of its snapshots, and what a snapshot holds. */
export interface VersionedEntity<Row> {
  entity: 'venue' | 'company' | 'sponsorship' | 'need' | 'job_offer'
  table: 'venues' | 'companies' | 'sponsorships' | 'venue_needs' | 'job_offers'
  versions: 'venue_versions' | 'company_versions' | 'sponsorship_versions' | 'need_versions' | 'job_offer_versions'
  versionKey: 'venue_id' | 'company_id' | 'sponsorship_id' | 'need_id' | 'job_offer_id'
  /** The columns of the version row besides the key, version, author and reason (`data`, and a venue's `status`). */
  snapshot(row: Row): Record<string, unknown>
}

export interface VersionedChange<Row> {
  id: string
  values: Record<string, unknown>
  /** The version the writer read; null skips the check (importer upserts, approvals). */
  expectedVersion: number | null
  action: string
  /** The changed columns the audit entry names. */
  changed(current: Row): string[]
  /** More audit detail (e.g. a status transition). */
  detail?(current: Row, updated: Row): Record<string, unknown>
}

type VersionedRow = { id: string; version: number }

// The table is chosen at run time from a closed list, so the query builder is used untyped here.
function loose(db: Db): Kysely<any> {
  // eslint-disable-line @typescript-eslint/no-explicit-any
  return db as unknown as Kysely<any> // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** Inserts one row as version 1 with its snapshot and audit entry (`detail` beyond the reason). */
export async function versionedInsert<Row extends VersionedRow>(
  db: Db,
  entity: VersionedEntity<Row>,
  values: Record<string, unknown>,
  context: WriteContext,
  detail: (row: Row) => Record<string, unknown>,
): Promise<Row> {
  const row = (await loose(db).insertInto(entity.table).values(values).returningAll().executeTakeFirstOrThrow()) as Row
  await recordVersion(db, entity, row, context)
  await appendAudit(db as Kysely<Database>, {
    actor: context.actor,
    action: `${entity.entity}.create`,
    entity: entity.entity,
    entity_id: row.id,
    detail: { reason: context.reason, ...detail(row) },
  })
  return row
}

/** One new version of one row; undefined when no row has that id. */
export async function versionedUpdate<Row extends VersionedRow>(
  db: Db,
  entity: VersionedEntity<Row>,
  change: VersionedChange<Row>,
  context: WriteContext,
): Promise<Row | undefined> {
  const current = (await loose(db).selectFrom(entity.table).selectAll().where('id', '=', change.id).forUpdate().executeTakeFirst()) as
    | Row
    | undefined
  if (!current) return undefined
  if (change.expectedVersion !== null && current.version !== change.expectedVersion) throw new VersionConflictError(current.version)
  const updated = (await loose(db)
    .updateTable(entity.table)
    .set({ ...change.values, version: sql<number>`version + 1`, updated_at: sql`now()` })
    .where('id', '=', change.id)
    .where('version', '=', current.version)
    .returningAll()
    .executeTakeFirst()) as Row | undefined
  if (!updated) throw new VersionConflictError(current.version + 1)
  await recordVersion(db, entity, updated, context)
  await appendAudit(db as Kysely<Database>, {
    actor: context.actor,
    action: change.action,
    entity: entity.entity,
    entity_id: change.id,
    detail: { reason: context.reason, version: updated.version, changed: change.changed(current), ...change.detail?.(current, updated) },
  })
  return updated
}

async function recordVersion<Row extends VersionedRow>(
  db: Db,
  entity: VersionedEntity<Row>,
  row: Row,
  context: WriteContext,
): Promise<void> {
  await loose(db)
    .insertInto(entity.versions)
    .values({
      [entity.versionKey]: row.id,
      version: row.version,
      ...entity.snapshot(row),
      changed_by: context.actor,
      reason: context.reason,
      ...(entity.entity === 'venue' ? channelColumns(context) : {}),
    })
    .execute()
}

/** The history of one row, newest first, as the API shows it. */
export async function versionHistory<Row extends VersionedRow>(db: Db, entity: VersionedEntity<Row>, id: string) {
  const rows = (await loose(db)
    .selectFrom(entity.versions)
    .selectAll()
    .where(entity.versionKey, '=', id)
    .orderBy('version', 'desc')
    .execute()) as { version: number; changed_at: Date | string; changed_by: string; reason: string; data: unknown }[]
  return rows.map((r) => ({
    version: r.version,
    changed_at: new Date(r.changed_at).toISOString(),
    changed_by: r.changed_by,
    reason: r.reason,
    data: r.data as Record<string, unknown>,
  }))
}
