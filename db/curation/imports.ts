// Stored reports of imports made through the API (the file is not kept, its per-row report is).
import type { Kysely } from 'kysely'
import type { ImportReport } from '../import/importer.ts'
import type { Database } from '../types.ts'

export async function saveImport(
  db: Kysely<Database>,
  report: ImportReport,
  meta: { source: string; actor: string; actorId: string; dryRun: boolean; partial: boolean; fileName: string | null },
) {
  return db
    .insertInto('imports')
    .values({
      source: meta.source,
      actor: meta.actor,
      actor_id: meta.actorId,
      dry_run: meta.dryRun,
      partial: meta.partial,
      status: report.status,
      summary: JSON.stringify({ format: report.format, file_error: report.file_error, totals: report.totals, file_name: meta.fileName }),
      report: JSON.stringify(report.rows),
    })
    .returning(['id', 'created_at'])
    .executeTakeFirstOrThrow()
}

export async function findImport(db: Kysely<Database>, id: string) {
  return db.selectFrom('imports').selectAll().where('id', '=', id).executeTakeFirst()
}
