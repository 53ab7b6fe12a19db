// The append-only audit trail: one row per write, whoever makes it.
import type { Kysely } from 'kysely'
import type { Database } from './types.ts'

export interface AuditEntry {
  actor: string
  action: string
  entity: string
  entity_id?: string | null
  detail?: Record<string, unknown>
}

export async function appendAudit(db: Kysely<Database>, entries: AuditEntry | AuditEntry[]): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries]
  for (let i = 0; i < list.length; i += 2000) {
    await db.insertInto('audit_log').values(list.slice(i, i + 2000).map((e) => ({
      actor: e.actor, action: e.action, entity: e.entity, entity_id: e.entity_id ?? null,
      detail: JSON.stringify(e.detail ?? {}),
    }))).execute()
  }
}
