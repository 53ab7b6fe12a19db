// All SQL of the sponsorship domain: companies, sponsorships, their versions, nearby venues.
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely'
import type { CompaniesTable, Database, SponsorshipsTable } from '../types.ts'
import { ACTIVE_SPONSORSHIP_SQL } from '../venue-extras.ts'
import { versionedInsert, versionedUpdate, versionHistory, type VersionedEntity, type WriteContext } from '../versioned-write.ts'

type Db = Kysely<Database> | Transaction<Database>

const COMPANY_COLUMNS = [
  'id',
  'siret',
  'nom',
  'code_naf',
  'adresse',
  'code_postal',
  'commune',
  'code_insee',
  'latitude',
  'longitude',
  'location_approximate',
  'cinov_member_since',
  'cinov_status',
  'contact_nom',
  'contact_courriel',
  'contact_telephone',
  'site_web',
  'is_example',
  'version',
  'archived_at',
  'created_at',
  'updated_at',
] as const
type CompanyRow = Pick<Selectable<CompaniesTable>, (typeof COMPANY_COLUMNS)[number]>

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString())

/** A company as the API shows it (api/sponsors/schemas.ts describes the same shape for the wire). */
export type Company = ReturnType<typeof toApiCompany>

function toApiCompany(
  row: CompanyRow & {
    sponsorships_active?: number
    venues_sponsored?: number
    latitude_eff?: number | null
    longitude_eff?: number | null
  },
) {
  const { latitude_eff, longitude_eff, ...rest } = row
  return {
    ...rest,
    // An approximately placed company shows its commune's centre.
    latitude: rest.latitude ?? latitude_eff ?? null,
    longitude: rest.longitude ?? longitude_eff ?? null,
    archived_at: iso(rest.archived_at),
    created_at: iso(rest.created_at)!,
    updated_at: iso(rest.updated_at)!,
  }
}

function companySelect(db: Db) {
  return db
    .selectFrom('companies as c')
    .select(COMPANY_COLUMNS.map((k) => `c.${k}` as const))
    .select([sql<number | null>`ST_Y(c.geom)`.as('latitude_eff'), sql<number | null>`ST_X(c.geom)`.as('longitude_eff')])
    .select([
      sql<number>`(SELECT count(*)::int FROM sponsorships s WHERE s.company_id = c.id AND ${ACTIVE_SPONSORSHIP_SQL})`.as(
        'sponsorships_active',
      ),
      sql<number>`(SELECT count(DISTINCT s.venue_id)::int FROM sponsorships s WHERE s.company_id = c.id AND ${ACTIVE_SPONSORSHIP_SQL})`.as(
        'venues_sponsored',
      ),
    ])
}

export async function listCompanies(
  db: Db,
  options: { q?: string; status?: string; includeArchived?: boolean; limit: number; offset: number },
) {
  let query = companySelect(db)
  if (!options.includeArchived) query = query.where('c.archived_at', 'is', null)
  if (options.status) query = query.where('c.cinov_status', '=', options.status)
  if (options.q) query = query.where(sql<boolean>`maillage_normalize(c.nom) LIKE '%' || maillage_normalize(${options.q}) || '%'`)
  const rows = await query.orderBy('c.nom').orderBy('c.id').limit(options.limit).offset(options.offset).execute()
  return rows.map(toApiCompany)
}

export async function findCompany(db: Db, id: string): Promise<Company | undefined> {
  const row = await companySelect(db).where('c.id', '=', id).executeTakeFirst()
  return row ? toApiCompany(row) : undefined
}

export async function findCompanyBySiret(db: Db, siret: string) {
  return db.selectFrom('companies').select(['id', 'version']).where('siret', '=', siret).executeTakeFirst()
}

/** The commune of a postcode + name, when the caller gave no INSEE code (to place the company on the map). */
export async function resolveCommune(db: Db, codePostal: string, commune: string): Promise<string | null> {
  const row = await db
    .selectFrom('communes')
    .select('code_insee')
    .where(sql<boolean>`${codePostal} = ANY(codes_postaux)`)
    .orderBy(sql`nom_normalise = maillage_normalize(${commune})`, 'desc')
    .orderBy('population', 'desc')
    .executeTakeFirst()
  return row?.code_insee ?? null
}

export async function communeExists(db: Db, codeInsee: string): Promise<boolean> {
  return !!(await db.selectFrom('communes').select('code_insee').where('code_insee', '=', codeInsee).executeTakeFirst())
}

function snapshotOf(row: Record<string, unknown>): { data: string } {
  const { geom: _g, created_at: _c, updated_at: _u, version: _v, id: _i, ...data } = row
  return { data: JSON.stringify(data) }
}

/** The columns given whose value differs from the stored one (named in the audit entry). */
function changedKeys(values: Record<string, unknown>) {
  return (current: Record<string, unknown>) => Object.keys(values).filter((k) => JSON.stringify(current[k]) !== JSON.stringify(values[k]))
}

type StoredCompany = Selectable<CompaniesTable>
type StoredSponsorship = Selectable<SponsorshipsTable>
const COMPANY: VersionedEntity<StoredCompany> = {
  entity: 'company',
  table: 'companies',
  versions: 'company_versions',
  versionKey: 'company_id',
  snapshot: snapshotOf,
}
const SPONSORSHIP: VersionedEntity<StoredSponsorship> = {
  entity: 'sponsorship',
  table: 'sponsorships',
  versions: 'sponsorship_versions',
  versionKey: 'sponsorship_id',
  snapshot: snapshotOf,
}

export type CompanyValues = Partial<
  Omit<Selectable<CompaniesTable>, 'id' | 'geom' | 'version' | 'created_at' | 'updated_at' | 'location_approximate'>
>

export async function insertCompany(
  db: Db,
  values: CompanyValues & { siret: string; nom: string },
  context: WriteContext,
): Promise<string> {
  const row = await versionedInsert(db, COMPANY, values, context, (r) => ({ siret: r.siret }))
  return row.id
}

/** One new version of a company (update or archive), checked against the version the writer read. */
export async function updateCompany(
  db: Db,
  id: string,
  values: CompanyValues,
  expectedVersion: number | null,
  context: WriteContext & { action: string },
): Promise<boolean> {
  const changed = changedKeys(values)
  return Boolean(await versionedUpdate(db, COMPANY, { id, values, expectedVersion, action: context.action, changed }, context))
}

export async function companyHistory(db: Db, id: string) {
  return versionHistory(db, COMPANY, id)
}

// ---------------------------------------------------------------- sponsorships

const SPONSORSHIP_COLUMNS = [
  's.id',
  's.company_id',
  's.venue_id',
  's.kind',
  's.status',
  's.started_on',
  's.ended_on',
  's.youth_count',
  's.tutor_name',
  's.sponsor_name',
  's.devices_count',
  's.refurbisher',
  's.amount_eur',
  's.description',
  's.need_id',
  's.proposed_by',
  's.is_example',
  's.version',
  's.archived_at',
  's.created_at',
  's.updated_at',
] as const

function sponsorshipSelect(db: Db) {
  return db
    .selectFrom('sponsorships as s')
    .innerJoin('companies as c', 'c.id', 's.company_id')
    .innerJoin('venues as v', 'v.id', 's.venue_id')
    .select(SPONSORSHIP_COLUMNS)
    .select([
      'c.nom as company_nom',
      'v.nom as venue_nom',
      'v.commune as venue_commune',
      'v.latitude as venue_latitude',
      'v.longitude as venue_longitude',
    ])
    .select(sql<boolean>`${ACTIVE_SPONSORSHIP_SQL} AND c.archived_at IS NULL`.as('active'))
}

type SponsorshipSelectRow = Awaited<ReturnType<ReturnType<typeof sponsorshipSelect>['execute']>>[number]
/** A sponsorship as the API shows it (api/sponsors/schemas.ts describes the same shape for the wire). */
export type Sponsorship = ReturnType<typeof toApiSponsorship>

function toApiSponsorship(row: SponsorshipSelectRow) {
  return {
    ...row,
    amount_eur: row.amount_eur === null ? null : Number(row.amount_eur),
    archived_at: iso(row.archived_at),
    created_at: iso(row.created_at)!,
    updated_at: iso(row.updated_at)!,
  }
}

export interface SponsorshipFilter {
  company_id?: string
  venue_id?: string
  kind?: string
  status?: string
  active?: boolean
  includeArchived?: boolean
}

export async function listSponsorships(db: Db, filter: SponsorshipFilter, limit = 1000, offset = 0): Promise<Sponsorship[]> {
  let query = sponsorshipSelect(db)
  if (filter.company_id) query = query.where('s.company_id', '=', filter.company_id)
  if (filter.venue_id) query = query.where('s.venue_id', '=', filter.venue_id)
  if (filter.kind) query = query.where('s.kind', '=', filter.kind as SponsorshipsTable['kind'])
  if (filter.status) query = query.where('s.status', '=', filter.status)
  if (!filter.includeArchived) query = query.where('s.archived_at', 'is', null)
  if (filter.active !== undefined)
    query = query.where(sql<boolean>`(${ACTIVE_SPONSORSHIP_SQL} AND c.archived_at IS NULL) = ${filter.active}`)
  const rows = await query.orderBy('s.started_on', 'desc').orderBy('s.id').limit(limit).offset(offset).execute()
  return rows.map((r) => toApiSponsorship(r))
}

export async function findSponsorship(db: Db, id: string): Promise<Sponsorship | undefined> {
  const row = await sponsorshipSelect(db).where('s.id', '=', id).executeTakeFirst()
  return row ? toApiSponsorship(row) : undefined
}

export async function findSponsorshipRow(db: Db, id: string) {
  return db.selectFrom('sponsorships').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function venueExists(
  db: Db,
  id: string,
): Promise<{ status: string; departement: string | null; region: string | null; source: string } | undefined> {
  return db.selectFrom('venues').select(['status', 'departement', 'region', 'source']).where('id', '=', id).executeTakeFirst()
}

export type SponsorshipValues = Partial<
  Omit<Selectable<SponsorshipsTable>, 'id' | 'version' | 'created_at' | 'updated_at' | 'amount_eur'>
> & { amount_eur?: number | null }

export async function insertSponsorship(
  db: Db,
  values: SponsorshipValues & Pick<Selectable<SponsorshipsTable>, 'company_id' | 'venue_id' | 'kind' | 'started_on'>,
  context: WriteContext,
): Promise<string> {
  const row = await versionedInsert(db, SPONSORSHIP, values, context, (r) => ({
    company_id: r.company_id,
    venue_id: r.venue_id,
    kind: r.kind,
  }))
  return row.id
}

export async function updateSponsorship(
  db: Db,
  id: string,
  values: SponsorshipValues,
  expectedVersion: number | null,
  context: WriteContext & { action: string },
): Promise<boolean> {
  const changed = changedKeys(values)
  return Boolean(await versionedUpdate(db, SPONSORSHIP, { id, values, expectedVersion, action: context.action, changed }, context))
}

export async function sponsorshipHistory(db: Db, id: string) {
  return versionHistory(db, SPONSORSHIP, id)
}

/** Venues a company sponsors right now (for its page and payload). */
export async function sponsoredVenues(db: Db, companyId: string) {
  return db
    .selectFrom('venues as v')
    .select(['v.id', 'v.nom', 'v.commune', 'v.code_postal', 'v.latitude', 'v.longitude'])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('sponsorships as s')
          .select(sql`1`.as('one'))
          .whereRef('s.venue_id', '=', 'v.id')
          .where('s.company_id', '=', companyId)
          .where(ACTIVE_SPONSORSHIP_SQL),
      ),
    )
    .orderBy('v.nom')
    .execute()
}

/** Published venues within `radius` metres (geodesic) of the company, nearest first. */
export async function nearbyVenues(db: Db, companyId: string, radius: number, unsponsored: boolean, limit: number) {
  let query = db
    .selectFrom('venues as v')
    .innerJoin('companies as c', (j) => j.on('c.id', '=', companyId))
    .select(['v.id', 'v.nom', 'v.adresse', 'v.code_postal', 'v.commune', 'v.latitude', 'v.longitude'])
    .select(sql<number>`ST_Distance(v.geom::geography, c.geom::geography)`.as('distance_m'))
    .select(
      sql<number>`(SELECT count(*)::int FROM sponsorships s WHERE s.venue_id = v.id AND ${ACTIVE_SPONSORSHIP_SQL})`.as('sponsors_count'),
    )
    .where('v.status', '=', 'published')
    .where('v.geom', 'is not', null)
    .where(sql<boolean>`ST_DWithin(v.geom::geography, c.geom::geography, ${radius})`)
  if (unsponsored) {
    query = query.where((eb) =>
      eb.not(
        eb.exists(
          eb.selectFrom('sponsorships as s').select(sql`1`.as('one')).whereRef('s.venue_id', '=', 'v.id').where(ACTIVE_SPONSORSHIP_SQL),
        ),
      ),
    )
  }
  const rows = await query.orderBy('distance_m').orderBy('v.id').limit(limit).execute()
  return rows.map((r) => ({ ...r, distance_m: Math.round(Number(r.distance_m) * 10) / 10 }))
}

/** Member companies placed on the map, with what they sponsor (for /parrainages). */
export async function companiesMap(db: Db) {
  return db
    .selectFrom('companies as c')
    .select([
      'c.id',
      'c.nom',
      'c.commune',
      'c.cinov_status',
      sql<number>`ST_Y(c.geom)`.as('latitude'),
      sql<number>`ST_X(c.geom)`.as('longitude'),
    ])
    .where('c.archived_at', 'is', null)
    .where('c.geom', 'is not', null)
    .execute()
}
