// The network criteria (art. 8): versions adopted by the committee, and the share of published venues that meet
// each computable one, per territory.
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely'
import type { CriterionMeasure, NetworkCriterion } from '../../domain/committees.ts'
import { appendAudit } from '../audit.ts'
import type { Territory } from '../territory.ts'
import type { Database } from '../types.ts'
import { ACTIVE_LABEL_SQL } from '../venue-extras.ts'

type Db = Kysely<Database> | Transaction<Database>

/** When a venue meets a measure: one SQL condition on `v` per measure. */
const MEASURE_SQL: Record<CriterionMeasure, RawBuilder<boolean>> = {
  horaires: sql<boolean>`(v.horaires IS NOT NULL AND btrim(v.horaires) <> '')`,
  fiche_acces_libre: sql<boolean>`(v.fiche_acces_libre IS NOT NULL AND btrim(v.fiche_acces_libre) <> '')`,
  maj_12_mois: sql<boolean>`(v.date_maj > (now() AT TIME ZONE 'Europe/Paris')::date - interval '12 months')`,
  label: sql<boolean>`EXISTS (SELECT 1 FROM venue_labels vl WHERE vl.venue_id = v.id AND ${ACTIVE_LABEL_SQL})`,
  service_gratuit: sql<boolean>`('Gratuit' = ANY(v.frais_a_charge))`,
}

export interface CriteriaVersion {
  version: number
  adopted_on: string
  meeting_id: string | null
  criteria: NetworkCriterion[]
  created_by: string
  created_at: string
}

const parse = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T
const day = (d: unknown) => (d instanceof Date ? d.toISOString().slice(0, 10) : String(d).slice(0, 10))

export async function listCriteriaVersions(db: Db): Promise<CriteriaVersion[]> {
  const rows = await db.selectFrom('network_criteria_versions').selectAll().orderBy('version', 'desc').execute()
  return rows.map((r) => ({
    version: r.version,
    adopted_on: day(r.adopted_on),
    meeting_id: r.meeting_id,
    criteria: parse<NetworkCriterion[]>(r.criteria),
    created_by: r.created_by,
    created_at: new Date(r.created_at).toISOString(),
  }))
}

/** A new version numbered after the last (the primary key refuses two concurrent adoptions of one number). */
export async function adoptCriteria(
  trx: Transaction<Database>,
  input: { adopted_on: string; meeting_id: string | null; criteria: NetworkCriterion[] },
  actor: string,
): Promise<number> {
  const last = await trx
    .selectFrom('network_criteria_versions')
    .select(sql<number>`coalesce(max(version), 0)`.as('v'))
    .executeTakeFirstOrThrow()
  const version = Number(last.v) + 1
  await trx
    .insertInto('network_criteria_versions')
    .values({
      version,
      adopted_on: input.adopted_on,
      meeting_id: input.meeting_id,
      criteria: JSON.stringify(input.criteria),
      created_by: actor,
    })
    .execute()
  await appendAudit(trx, { actor, action: 'network_criteria.adopt', entity: 'network_criteria', entity_id: String(version) })
  return version
}

function territorySql(t: Territory): RawBuilder<boolean> {
  if (t.kind === 'dep') return sql<boolean>`v.departement = ${t.code}`
  if (t.kind === 'reg') return sql<boolean>`v.region = ${t.code}`
  return sql<boolean>`true`
}

/** Published venues of the territory, and how many meet each measure asked. */
export async function measureShares(db: Db, territory: Territory, measures: CriterionMeasure[]) {
  const wanted = [...new Set(measures)]
  const counts = wanted.map((m) => sql`count(*) FILTER (WHERE ${MEASURE_SQL[m]})::int AS ${sql.ref(m)}`)
  const row = (
    await sql<Record<string, number>>`
    SELECT count(*)::int AS published ${counts.length ? sql`, ${sql.join(counts)}` : sql``}
    FROM venues v WHERE v.status = 'published' AND ${territorySql(territory)}`.execute(db)
  ).rows[0]
  const published = Number(row.published)
  return {
    published,
    measures: Object.fromEntries(
      wanted.map((m) => [m, { venues: Number(row[m]), share: published ? Math.round((Number(row[m]) / published) * 10000) / 10000 : 0 }]),
    ),
  }
}
