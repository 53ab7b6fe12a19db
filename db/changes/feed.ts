// Reads the changes feed (migrations/0855_changes_feed.ts numbers it in commit order): what a mirror applies.
import { sql, type ColumnType, type Kysely } from 'kysely'
import type { StandardRecord } from '../standard/index.ts'
import type { Database } from '../types.ts'
import { venueToRecord, type VenueData } from '../venue-record.ts'

export interface VenueChangesTable {
  id: ColumnType<string, never, never>
  seq: string | null
  tx: ColumnType<string, never, never>
  venue_id: string
  version: number
  kind: ChangeKind
  merged_into: string | null
  departement: string | null
  region: string | null
  changed_at: ColumnType<Date, never, never>
}
export type FeedDatabase = Database & { venue_changes: VenueChangesTable }
export type ChangeKind = 'created' | 'updated' | 'archived' | 'merged'

export interface FeedChange {
  cursor: string
  kind: ChangeKind
  id: string
  version: number
  source: string
  source_id: string
  departement: string | null
  region: string | null
  merged_into: string | null
  changed_at: string
  /** The venue as the standard record after the change (created, updated); null when it left the published set. */
  lieu: StandardRecord | null
}

export interface FeedPage {
  changes: FeedChange[]
  next_cursor: string
  has_more: boolean
}

export class UnknownCursorError extends Error {}

/** A cursor is the decimal number of the last change applied; "0" (or none) is the beginning. */
export function parseCursor(value: string | undefined): bigint | null {
  if (value === undefined || value === '') return 0n
  return /^\d{1,18}$/.test(value) ? BigInt(value) : null
}

export function feedDb(db: Kysely<Database>): Kysely<FeedDatabase> {
  return db.withTables<{ venue_changes: VenueChangesTable }>()
}

/** The cursor of the latest change: where a new mirror that took a full export starts. */
export async function latestCursor(db: Kysely<Database>): Promise<string> {
  const row = await feedDb(db)
    .selectFrom('venue_changes')
    .select(sql<string>`coalesce(max(seq), 0)::text`.as('seq'))
    .executeTakeFirstOrThrow()
  return row.seq
}

/** Changes after `since`, oldest first; `filter` narrows to territories (dep:33, reg:75), for webhooks. */
export async function readChanges(db: Kysely<Database>, since: bigint, limit: number, territories: string[] = []): Promise<FeedPage> {
  const latest = BigInt(await latestCursor(db))
  if (since > latest) throw new UnknownCursorError(`Curseur inconnu : ${since} est après le dernier changement (${latest}).`)
  let query = feedDb(db)
    .selectFrom('venue_changes as c')
    .innerJoin('venue_versions as v', (join) => join.onRef('v.venue_id', '=', 'c.venue_id').onRef('v.version', '=', 'c.version'))
    .select(['c.seq', 'c.kind', 'c.venue_id', 'c.version', 'c.merged_into', 'c.departement', 'c.region', 'c.changed_at', 'v.data'])
    .where('c.seq', '>', since.toString())
    .where('c.seq', '<=', latest.toString())
  const deps = territories.filter((t) => t.startsWith('dep:')).map((t) => t.slice(4))
  const regs = territories.filter((t) => t.startsWith('reg:')).map((t) => t.slice(4))
  if (deps.length + regs.length > 0) {
    query = query.where((eb) =>
      eb.or([...(deps.length ? [eb('c.departement', 'in', deps)] : []), ...(regs.length ? [eb('c.region', 'in', regs)] : [])]),
    )
  }
  const rows = await query
    .orderBy('c.seq')
    .limit(limit + 1)
    .execute()
  const page = rows.slice(0, limit)
  const changes = page.map((row): FeedChange => {
    const data = (typeof row.data === 'string' ? JSON.parse(row.data) : row.data) as VenueData
    return {
      cursor: String(row.seq),
      kind: row.kind,
      id: row.venue_id,
      version: row.version,
      source: data.source,
      source_id: data.source_id,
      departement: row.departement,
      region: row.region,
      merged_into: row.merged_into,
      changed_at: new Date(row.changed_at).toISOString(),
      lieu: row.kind === 'created' || row.kind === 'updated' ? venueToRecord(data) : null,
    }
  })
  // With a territory filter the last rows may be skipped ones: the cursor then moves only to what was returned.
  const next = changes.length ? changes[changes.length - 1].cursor : since.toString()
  return { changes, next_cursor: next, has_more: rows.length > limit }
}
