// Emplois d'avenir followed to their term (art. 3): contracts ending soon or ended without a recorded outcome.
import { sql, type Kysely, type Transaction } from 'kysely'
import type { Database } from '../types.ts'

type Db = Kysely<Database> | Transaction<Database>

const day = (d: unknown) => (d instanceof Date ? d.toISOString().slice(0, 10) : String(d).slice(0, 10))

/**
 * Emplois d'avenir (not archived) whose term falls within `withinDays` from today (Europe/Paris), and those
 * already ended whose outcome is still to record: what the admin must follow up, soonest first.
 */
export async function endingEmploisAvenir(db: Db, withinDays: number) {
  const today = sql`(now() AT TIME ZONE 'Europe/Paris')::date`
  const rows = await db
    .selectFrom('sponsorships as s')
    .innerJoin('companies as c', 'c.id', 's.company_id')
    .innerJoin('venues as v', 'v.id', 's.venue_id')
    .select([
      's.id',
      's.company_id',
      'c.nom as entreprise',
      's.venue_id',
      'v.nom as lieu',
      'v.commune',
      's.started_on',
      's.ended_on',
      's.youth_count',
      's.outcome',
      's.version',
      sql<number>`(s.ended_on - ${today})::int`.as('days_left'),
    ])
    .where('s.kind', '=', 'emploi_avenir')
    .where('s.archived_at', 'is', null)
    .where('s.ended_on', 'is not', null)
    .where((eb) =>
      eb.or([
        eb.and([sql<boolean>`s.ended_on >= ${today}`, sql<boolean>`s.ended_on <= ${today} + ${withinDays}::int`]),
        eb.and([sql<boolean>`s.ended_on < ${today}`, eb('s.outcome', 'is', null)]),
      ]),
    )
    .orderBy('s.ended_on')
    .orderBy('s.id')
    .limit(1000)
    .execute()
  return rows.map((r) => ({ ...r, started_on: day(r.started_on), ended_on: day(r.ended_on), days_left: Number(r.days_left) }))
}

export async function findEmploiAvenir(db: Db, id: string) {
  return db
    .selectFrom('sponsorships')
    .select(['id', 'kind', 'ended_on', 'venue_id', 'archived_at', 'version'])
    .where('id', '=', id)
    .executeTakeFirst()
}
