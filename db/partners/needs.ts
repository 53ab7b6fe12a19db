// All SQL of venues' needs (issue 16): what a venue asks a sponsor for, the list companies browse by distance
// and kind, and the needs carried in venue payloads.
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely'
import type { NeedKind } from '../../domain/needs.ts'
import type { Database, VenueNeedsTable } from '../types.ts'
import { versionedInsert, versionedUpdate, type VersionedEntity } from '../versioned-write.ts'

type Db = Kysely<Database> | Transaction<Database>

export interface NeedValues {
  kind?: NeedKind
  description?: string | null
  local_project?: string | null
  devices_count?: number | null
  devices_kind?: string | null
  amount_eur?: number | null
  skills?: string | null
  status?: 'open' | 'met' | 'withdrawn'
}

const NEED_COLUMNS = [
  'n.id',
  'n.venue_id',
  'n.kind',
  'n.status',
  'n.description',
  'n.local_project',
  'n.devices_count',
  'n.devices_kind',
  'n.amount_eur',
  'n.skills',
  'n.is_example',
  'n.met_by_sponsorship',
  'n.created_at',
  'n.updated_at',
  'n.closed_at',
  'n.version',
] as const

function needSelect(db: Db) {
  return db
    .selectFrom('venue_needs as n')
    .innerJoin('venues as v', 'v.id', 'n.venue_id')
    .select(NEED_COLUMNS)
    .select(['v.nom as venue_nom', 'v.commune as venue_commune', 'v.latitude as venue_latitude', 'v.longitude as venue_longitude'])
}

type NeedRow = Awaited<ReturnType<ReturnType<typeof needSelect>['execute']>>[number]
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString())

function toApiNeed(row: NeedRow & { distance_m?: number | null }) {
  return {
    ...row,
    amount_eur: row.amount_eur === null ? null : Number(row.amount_eur),
    created_at: iso(row.created_at)!,
    updated_at: iso(row.updated_at)!,
    closed_at: iso(row.closed_at),
    ...(row.distance_m !== undefined ? { distance_m: row.distance_m === null ? null : Math.round(Number(row.distance_m)) } : {}),
  }
}
export type Need = ReturnType<typeof toApiNeed>

type StoredNeed = Selectable<VenueNeedsTable>

/** Needs are written through the one versioned write (db/versioned-write.ts): a snapshot and an audit entry each. */
const NEED: VersionedEntity<StoredNeed> = {
  entity: 'need',
  table: 'venue_needs',
  versions: 'need_versions',
  versionKey: 'need_id',
  snapshot: (row) => {
    const { id: _i, version: _v, created_at: _c, updated_at: _u, ...data } = row
    return { data: JSON.stringify(data) }
  },
}

export interface NeedWrite {
  actor: string
  reason: string
  /** The audit action (need.update by default; need.met, need.merge). */
  action?: string
}

export async function insertNeed(db: Db, venueId: string, values: NeedValues & { kind: NeedKind }, actor: string, isExample = false) {
  const row = await versionedInsert(
    db,
    NEED,
    { ...values, venue_id: venueId, created_by: actor, is_example: isExample },
    { actor, reason: 'déclaration du besoin' },
    (need) => ({ venue_id: need.venue_id, kind: need.kind }),
  )
  return row.id
}

export async function findNeed(db: Db, id: string): Promise<Need | undefined> {
  const row = await needSelect(db).where('n.id', '=', id).executeTakeFirst()
  return row ? toApiNeed(row) : undefined
}

/**
 * Changes a need as one new version; closing (met or withdrawn) stamps closed_at, reopening clears it.
 * `expectedVersion` (from If-Match) is checked when given: a stale one is a VersionConflictError (412).
 */
export async function updateNeed(
  db: Db,
  id: string,
  values: NeedValues & { met_by_sponsorship?: string | null; venue_id?: string },
  expectedVersion: number | null,
  write: NeedWrite,
): Promise<boolean> {
  const closing = values.status === undefined ? {} : { closed_at: values.status === 'open' ? null : sql<Date>`now()` }
  const updated = await versionedUpdate(
    db,
    NEED,
    {
      id,
      values: { ...values, ...closing },
      expectedVersion,
      action: write.action ?? 'need.update',
      changed: (current) =>
        Object.keys(values).filter((k) => JSON.stringify(current[k as keyof StoredNeed]) !== JSON.stringify(values[k as keyof NeedValues])),
    },
    write,
  )
  return updated !== undefined
}

export interface NeedFilter {
  venue_id?: string
  kinds?: string[]
  status?: string
  /** [latitude, longitude]: adds distance_m and orders nearest first. */
  near?: [number, number]
  /** Metres, with `near`. */
  radius?: number
  examples?: boolean
}

/** Needs of published venues (open ones by default), nearest first when `near` is given. */
export async function listNeeds(db: Db, filter: NeedFilter, limit = 200): Promise<Need[]> {
  let query = needSelect(db)
    .where('v.status', '=', 'published')
    .where('n.status', '=', filter.status ?? 'open')
  if (filter.venue_id) query = query.where('n.venue_id', '=', filter.venue_id)
  if (filter.kinds?.length) query = query.where('n.kind', 'in', filter.kinds as NeedKind[])
  if (filter.examples === false) query = query.where('n.is_example', '=', false)
  if (filter.near) {
    const [lat, lon] = filter.near
    const point = sql`ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326)::geography`
    const withDistance = query.select(sql<number | null>`ST_Distance(v.geom::geography, ${point})`.as('distance_m'))
    const bounded = filter.radius
      ? withDistance.where('v.geom', 'is not', null).where(sql<boolean>`ST_DWithin(v.geom::geography, ${point}, ${filter.radius})`)
      : withDistance
    const rows = await bounded.orderBy(sql`ST_Distance(v.geom::geography, ${point})`).orderBy('n.id').limit(limit).execute()
    return rows.map(toApiNeed)
  }
  const rows = await query.orderBy('n.created_at', 'desc').orderBy('n.id').limit(limit).execute()
  return rows.map(toApiNeed)
}

/** Merge: the needs of the archived venue now belong to the surviving one (each move a new version). */
export async function moveNeeds(trx: Transaction<Database>, fromVenue: string, toVenue: string, write: NeedWrite): Promise<number> {
  const needs = await trx.selectFrom('venue_needs').select('id').where('venue_id', '=', fromVenue).execute()
  for (const need of needs) await updateNeed(trx, need.id, { venue_id: toVenue }, null, { ...write, action: 'need.merge' })
  return needs.length
}
