// Where producer data exists, and since when: the indicators show white zones and coverage only in départements
// where a territorial producer has loaded venues, and start their series at the first import.
// A source present in more than PRODUCER_MAX_DEPARTEMENTS départements is a national list of one programme
// (France Services, Étapes numériques…): it says nothing of the other venues there, so it does not count.
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely'
import type { Database } from '../types.ts'

type Db = Kysely<Database> | Transaction<Database>

export const PRODUCER_MAX_DEPARTEMENTS = 15

/** Départements with at least one non-pending venue from a territorial source, in `src` (venues, or the rebuilt past). */
export async function collectedDepartements(db: Db, src: RawBuilder<unknown>): Promise<string[]> {
  const { rows } = await sql<{ departement: string }>`
    WITH per AS (
      SELECT v.source, v.departement FROM ${src} v
      WHERE v.status <> 'pending' AND v.departement IS NOT NULL AND v.source IS NOT NULL
      GROUP BY v.source, v.departement),
    territorial AS (SELECT source FROM per GROUP BY source HAVING count(*) <= ${PRODUCER_MAX_DEPARTEMENTS})
    SELECT DISTINCT per.departement FROM per JOIN territorial t ON t.source = per.source ORDER BY 1`.execute(db)
  return rows.map((r) => r.departement)
}

/** `c.departement` (a commune alias) among the collected départements. */
export function collectedCondition(departements: string[], alias = 'c'): RawBuilder<boolean> {
  if (departements.length === 0) return sql<boolean>`false`
  return sql<boolean>`${sql.ref(`${alias}.departement`)} IN (${sql.join(departements)})`
}

/** The day (Europe/Paris) of the first venue version ever written, the start of every history; null: no data yet. */
export async function firstImportDay(db: Db): Promise<string | null> {
  const { rows } = await sql<{ day: string | null }>`
    SELECT to_char(min(changed_at) AT TIME ZONE 'Europe/Paris', 'YYYY-MM-DD') AS day FROM venue_versions`.execute(db)
  return rows[0]?.day ?? null
}
