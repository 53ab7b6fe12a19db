// Reading the audit log (admins): filters, newest first, keyset paging on the id.
import { sql, type Kysely } from 'kysely'
import type { Database } from '../types.ts'

export interface AuditFilter {
  entity?: string
  entityId?: string
  actor?: string
  action?: string
  since?: string
  until?: string
  limit: number
  beforeId?: string
}

export async function listAudit(db: Kysely<Database>, f: AuditFilter) {
  let q = db.selectFrom('audit_log').select(['id', 'at', 'actor', 'action', 'entity', 'entity_id', 'detail'])
  if (f.entity) q = q.where('entity', '=', f.entity)
  if (f.entityId) q = q.where('entity_id', '=', f.entityId)
  if (f.actor) q = q.where('actor', 'ilike', `%${f.actor.replace(/[%_\\]/g, '\\$&')}%`)
  if (f.action) q = q.where('action', 'like', `${f.action.replace(/[%_\\]/g, '\\$&')}%`)
  if (f.since) q = q.where('at', '>=', new Date(f.since))
  if (f.until) q = q.where('at', '<', new Date(f.until))
  if (f.beforeId) q = q.where('id', '<', f.beforeId)
  return q
    .orderBy(sql`id::bigint`, 'desc')
    .limit(f.limit + 1)
    .execute()
}
