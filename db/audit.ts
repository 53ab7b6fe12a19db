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

/**
 * An actor as it may be stored and later shown in a spreadsheet: control characters (newlines that forge
 * log lines, bidi tricks) become spaces, and a leading formula character (= + - @) is quoted (OWASP CSV injection).
 */
export function sanitizeActor(actor: string): string {
  const clean = actor
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]+/g, ' ')
    .trim()
    .slice(0, 320)
  return /^[=+\-@]/.test(clean) ? `'${clean}` : clean
}

export async function appendAudit(db: Kysely<Database>, entries: AuditEntry | AuditEntry[]): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries]
  for (let i = 0; i < list.length; i += 2000) {
    await db
      .insertInto('audit_log')
      .values(
        list.slice(i, i + 2000).map((e) => ({
          actor: sanitizeActor(e.actor),
          action: e.action,
          entity: e.entity,
          entity_id: e.entity_id ?? null,
          detail: JSON.stringify(e.detail ?? {}),
        })),
      )
      .execute()
  }
}
