// What the CINOV-IT referent follows: every member company's sponsorships by status, and its open proposals.
import { sql, type Kysely } from 'kysely'
import type { Database } from '../types.ts'

export async function membersActivity(db: Kysely<Database>) {
  const rows = await db
    .selectFrom('companies as c')
    .leftJoin('sponsorships as s', (j) => j.onRef('s.company_id', '=', 'c.id').on('s.archived_at', 'is', null))
    .select([
      'c.id',
      'c.nom',
      'c.commune',
      'c.cinov_status',
      'c.cinov_member_since',
      'c.is_example',
      sql<number>`count(s.id) FILTER (WHERE s.status = 'pending')::int`.as('pending'),
      sql<number>`count(s.id) FILTER (WHERE s.status = 'active')::int`.as('active'),
      sql<number>`count(s.id) FILTER (WHERE s.status IN ('ended', 'declined', 'suspended'))::int`.as('other'),
      sql<Date | null>`max(s.updated_at)`.as('last_activity'),
    ])
    .where('c.archived_at', 'is', null)
    .groupBy(['c.id', 'c.nom', 'c.commune', 'c.cinov_status', 'c.cinov_member_since', 'c.is_example'])
    .orderBy('c.nom')
    .execute()
  return rows.map((r) => ({ ...r, last_activity: r.last_activity ? new Date(r.last_activity).toISOString() : null }))
}
