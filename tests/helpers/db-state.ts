// A fingerprint of what the importer can write, to prove a rejected import changed nothing.
import { sql, type Kysely } from 'kysely'
import type { Database } from '../../db/types.ts'

export async function writeFingerprint(db: Kysely<Database>): Promise<Record<string, unknown>> {
  const { rows } = await sql<Record<string, unknown>>`
    SELECT (SELECT count(*) FROM venues)::int AS venues,
           (SELECT count(*) FROM venue_versions)::int AS versions,
           (SELECT count(*) FROM audit_log)::int AS audit,
           (SELECT coalesce(md5(string_agg(id::text || ':' || version, ',' ORDER BY id)), '') FROM venues) AS venue_versions_hash`.execute(
    db,
  )
  return rows[0]
}
