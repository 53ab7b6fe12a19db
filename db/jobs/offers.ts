// All SQL of member companies' job offers (art. 6): placed at their commune's centre, open until their closing
// date (Europe/Paris), searched by distance from a point.
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely'
import type { Database, JobOffersTable } from '../types.ts'
import { versionedInsert, versionedUpdate, VersionConflictError, type VersionedEntity } from '../versioned-write.ts'

type Db = Kysely<Database> | Transaction<Database>

/** An offer is shown while not archived and its closing date is today or later: it expires by itself. */
const OPEN_SQL = sql<boolean>`(o.archived_at IS NULL AND o.date_cloture >= (now() AT TIME ZONE 'Europe/Paris')::date)`

export interface OfferValues {
  company_id: string
  titre: string
  type_contrat: string
  code_insee: string
  url: string
  date_cloture: string
}

const day = (d: unknown) => (d instanceof Date ? d.toISOString().slice(0, 10) : String(d).slice(0, 10))

function offerSelect(db: Db, near: { latitude: number; longitude: number } | null) {
  const point = near ? sql`ST_SetSRID(ST_MakePoint(${near.longitude}, ${near.latitude}), 4326)::geography` : null
  return db
    .selectFrom('job_offers as o')
    .innerJoin('companies as c', 'c.id', 'o.company_id')
    .innerJoin('communes as m', 'm.code_insee', 'o.code_insee')
    .select([
      'o.id',
      'o.company_id',
      'c.nom as entreprise',
      'o.titre',
      'o.type_contrat',
      'o.code_insee',
      'm.nom as commune',
      'm.departement',
      'o.url',
      'o.date_cloture',
      'o.version',
      'o.archived_at',
      'o.created_at',
      sql<number>`ST_Y(o.geom::geometry)`.as('latitude'),
      sql<number>`ST_X(o.geom::geometry)`.as('longitude'),
      sql<boolean>`${OPEN_SQL}`.as('ouverte'),
      (point ? sql<number | null>`round(ST_Distance(o.geom, ${point}))::int` : sql<number | null>`NULL::int`).as('distance_m'),
    ])
}

type OfferRow = Awaited<ReturnType<ReturnType<typeof offerSelect>['executeTakeFirstOrThrow']>>

function toApi(r: OfferRow) {
  return {
    ...r,
    date_cloture: day(r.date_cloture),
    archived_at: r.archived_at === null ? null : new Date(r.archived_at).toISOString(),
    created_at: new Date(r.created_at).toISOString(),
    distance_m: r.distance_m === null ? null : Number(r.distance_m),
  }
}
export type JobOffer = ReturnType<typeof toApi>

export async function searchOffers(
  db: Db,
  options: {
    near: { latitude: number; longitude: number } | null
    radiusM: number | null
    companyId?: string
    limit: number
    offset: number
  },
): Promise<JobOffer[]> {
  let q = offerSelect(db, options.near).where(OPEN_SQL)
  if (options.companyId) q = q.where('o.company_id', '=', options.companyId)
  if (options.near) {
    const point = sql`ST_SetSRID(ST_MakePoint(${options.near.longitude}, ${options.near.latitude}), 4326)::geography`
    if (options.radiusM !== null) q = q.where(sql<boolean>`ST_DWithin(o.geom, ${point}, ${options.radiusM})`)
    q = q.orderBy(sql`ST_Distance(o.geom, ${point})`)
  }
  const rows = await q.orderBy('o.date_cloture').orderBy('o.id').limit(options.limit).offset(options.offset).execute()
  return rows.map(toApi)
}

export async function findOffer(db: Db, id: string): Promise<JobOffer | undefined> {
  const row = await offerSelect(db, null).where('o.id', '=', id).executeTakeFirst()
  return row ? toApi(row) : undefined
}

export async function communeCentre(db: Db, codeInsee: string) {
  return db
    .selectFrom('communes')
    .select(['code_insee', 'nom', 'latitude', 'longitude'])
    .where('code_insee', '=', codeInsee)
    .executeTakeFirst()
}

/** The company a `company` account speaks for (users.company_id), or null. */
export async function companyOfUser(db: Db, userId: string): Promise<string | null> {
  const row = await db.selectFrom('users').select('company_id').where('id', '=', userId).executeTakeFirst()
  return row?.company_id ?? null
}

export async function liveCompany(db: Db, id: string): Promise<boolean> {
  const row = await db.selectFrom('companies').select('id').where('id', '=', id).where('archived_at', 'is', null).executeTakeFirst()
  return !!row
}

const geomOf = (codeInsee: string) => sql<string>`(SELECT geom::geography FROM communes WHERE code_insee = ${codeInsee})`

type StoredOffer = Selectable<JobOffersTable>

/** Offers are written through the one versioned write (db/versioned-write.ts): a snapshot and an audit entry each. */
const OFFER: VersionedEntity<StoredOffer> = {
  entity: 'job_offer',
  table: 'job_offers',
  versions: 'job_offer_versions',
  versionKey: 'job_offer_id',
  snapshot: (row) => {
    const { id: _i, version: _v, geom: _g, created_at: _c, updated_at: _u, ...data } = row
    return { data: JSON.stringify(data) }
  },
}

export async function insertOffer(trx: Transaction<Database>, values: OfferValues, actor: string): Promise<string> {
  const row = await versionedInsert(
    trx,
    OFFER,
    { ...values, geom: geomOf(values.code_insee), created_by: actor },
    { actor, reason: 'publication de l’offre' },
    (offer) => ({ titre: offer.titre }),
  )
  return row.id
}

/** Changes an offer (or archives it); null version skips the check. Returns false when missing, a number when stale. */
export async function updateOffer(
  trx: Transaction<Database>,
  id: string,
  values: Partial<Omit<OfferValues, 'company_id'>> & { archived?: boolean },
  expectedVersion: number | null,
  actor: string,
): Promise<true | false | number> {
  const { archived, ...fields } = values
  try {
    const updated = await versionedUpdate(
      trx,
      OFFER,
      {
        id,
        values: {
          ...fields,
          ...(fields.code_insee ? { geom: geomOf(fields.code_insee) } : {}),
          ...(archived ? { archived_at: sql<Date>`now()` } : {}),
        },
        expectedVersion,
        action: archived ? 'job_offer.archive' : 'job_offer.update',
        changed: () => Object.keys(fields),
      },
      { actor, reason: archived ? 'offre retirée' : 'modification' },
    )
    return updated !== undefined
  } catch (error) {
    if (error instanceof VersionConflictError) return error.currentVersion
    throw error
  }
}

/** Open offers within `radiusM` of a venue, nearest first (for its page). */
export async function offersNearVenue(db: Db, venueId: string, radiusM: number, limit = 5): Promise<JobOffer[]> {
  const venue = await db
    .selectFrom('venues')
    .select([sql<number>`ST_Y(geom::geometry)`.as('lat'), sql<number>`ST_X(geom::geometry)`.as('lon')])
    .where('id', '=', venueId)
    .where('geom', 'is not', null)
    .executeTakeFirst()
  if (!venue) return []
  return searchOffers(db, { near: { latitude: venue.lat, longitude: venue.lon }, radiusM, limit, offset: 0 })
}
