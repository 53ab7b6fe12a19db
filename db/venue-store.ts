// The one write path for venues: every change bumps the version, snapshots it and appends to the audit log.
import type { Kysely, Transaction } from 'kysely'
import { appendAudit } from './audit.ts'
import type { Database, VenueRow, VenueStatus } from './types.ts'
import { changedColumns, pickVenueData, VENUE_DATA_COLUMNS, type VenueData } from './venue-record.ts'
import { channelColumns, VersionConflictError, versionedUpdate, type VersionedEntity, type WriteContext } from './versioned-write.ts'

export { VersionConflictError, type WriteContext }

type Db = Kysely<Database> | Transaction<Database>
// 35 parameters a row: 500 rows (17,500) stay under the 32,767 bind parameters PGlite's protocol accepts.
const INSERT_BATCH = 500

export class VenueNotFoundError extends Error {
  constructor(readonly id: string) {
    super(`Aucun lieu ne porte l'identifiant ${id}.`)
  }
}

function snapshot(data: VenueData): string {
  return JSON.stringify(pickVenueData(data))
}

const VENUE: VersionedEntity<VenueRow> = {
  entity: 'venue',
  table: 'venues',
  versions: 'venue_versions',
  versionKey: 'venue_id',
  snapshot: (row) => ({ data: snapshot(row), status: row.status }),
}

export async function insertVenues(db: Db, items: { data: VenueData; status?: VenueStatus }[], context: WriteContext): Promise<VenueRow[]> {
  const created: VenueRow[] = []
  for (let i = 0; i < items.length; i += INSERT_BATCH) {
    const rows = await db
      .insertInto('venues')
      .values(toInsert(items.slice(i, i + INSERT_BATCH)))
      .returningAll()
      .execute()
    await recordCreations(
      db,
      rows.map((row) => ({ row, data: row })),
      context,
    )
    created.push(...rows)
  }
  return created
}

/**
 * The same as insertVenues for bulk loads that only need the new ids, in input order (the importer): the
 * database sends back a few columns instead of every row, and the snapshots are taken from what was sent.
 */
export async function insertVenueIds(db: Db, items: { data: VenueData; status?: VenueStatus }[], context: WriteContext): Promise<string[]> {
  const ids: string[] = []
  for (let i = 0; i < items.length; i += INSERT_BATCH) {
    const batch = items.slice(i, i + INSERT_BATCH)
    const rows = await db
      .insertInto('venues')
      .values(toInsert(batch))
      .returning(['id', 'source', 'source_id', 'version', 'status'])
      .execute()
    // Matched by (source, source_id), which is unique, rather than trusting RETURNING's order.
    const sent = new Map(batch.map(({ data }) => [`${data.source}\u0000${data.source_id}`, data]))
    await recordCreations(
      db,
      rows.map((row) => ({ row, data: sent.get(`${row.source}\u0000${row.source_id}`)! })),
      context,
    )
    const idOf = new Map(rows.map((row) => [`${row.source}\u0000${row.source_id}`, row.id]))
    ids.push(...batch.map(({ data }) => idOf.get(`${data.source}\u0000${data.source_id}`)!))
  }
  return ids
}

function toInsert(batch: { data: VenueData; status?: VenueStatus }[]) {
  return batch.map(({ data, status }) => ({ ...pickVenueData(data), status: status ?? 'published' }))
}

type Created = { row: { id: string; source: string; source_id: string; version: number; status: VenueStatus }; data: VenueData }

async function recordCreations(db: Db, created: Created[], context: WriteContext): Promise<void> {
  await db
    .insertInto('venue_versions')
    .values(
      created.map(({ row, data }) => ({
        venue_id: row.id,
        version: row.version,
        data: snapshot(data),
        status: row.status,
        changed_by: context.actor,
        reason: context.reason,
        ...channelColumns(context),
      })),
    )
    .execute()
  await appendAudit(
    db as Kysely<Database>,
    created.map(({ row }) => ({
      actor: context.actor,
      action: 'venue.create',
      entity: 'venue',
      entity_id: row.id,
      detail: { reason: context.reason, source: row.source, source_id: row.source_id, status: row.status },
    })),
  )
}

export interface UpdateOptions {
  /** Optimistic concurrency: the version the writer read; null skips the check (importer upserts). */
  expectedVersion: number | null
  status?: VenueStatus
  action?: string
}

/** Replaces the content (and optionally the status) of one venue as a new version. */
export async function updateVenue(
  db: Db,
  id: string,
  changes: Partial<VenueData>,
  options: UpdateOptions,
  context: WriteContext,
): Promise<VenueRow> {
  const content: Record<string, unknown> = {}
  for (const column of VENUE_DATA_COLUMNS) if (column in changes) content[column] = changes[column]
  const updated = await versionedUpdate(
    db,
    VENUE,
    {
      id,
      values: { ...content, ...(options.status ? { status: options.status } : {}) },
      expectedVersion: options.expectedVersion,
      action: options.action ?? 'venue.update',
      changed: (current) => changedColumns(current, content as Partial<VenueData>),
      detail: (current) =>
        options.status && options.status !== current.status ? { status: { from: current.status, to: options.status } } : {},
    },
    context,
  )
  if (!updated) throw new VenueNotFoundError(id)
  return updated
}
