// An import over HTTP from start to finish: the importer (write gate per row, all-or-nothing unless partial),
// duplicate detection on the venues it wrote, and the report kept for GET /api/v1/imports/{id}.
import type { Kysely } from 'kysely'
import { detectDuplicates } from '../../db/curation/duplicates.ts'
import { saveImport } from '../../db/curation/imports.ts'
import { importFile } from '../../db/import/importer.ts'
import type { Database } from '../../db/types.ts'
import type { Caller } from '../caller.ts'

export interface ImportRequest {
  bytes: Uint8Array
  /** The producer named by the caller, if any (else the file's `source` column or name). */
  source: string | undefined
  /** The producer the report is filed under. */
  reportSource: string
  fileName: string | null
  dryRun: boolean
  partial: boolean
}

export async function runImport(db: Kysely<Database>, caller: Caller, request: ImportRequest) {
  const actorId = `${caller.kind}:${caller.id}`
  const report = await importFile(db, request.bytes, {
    source: request.source,
    fileName: request.fileName ?? `${request.reportSource}.csv`,
    dryRun: request.dryRun,
    partial: request.partial,
    actor: caller.label,
    actorId,
    writer: caller,
  })
  if (report.status === 'applied') {
    await detectDuplicates(
      db,
      report.rows.filter((r) => r.venue_id && (r.outcome === 'created' || r.outcome === 'updated')).map((r) => r.venue_id!),
    )
  }
  const saved = await saveImport(db, report, {
    source: request.reportSource,
    actor: caller.label,
    actorId,
    dryRun: request.dryRun,
    partial: request.partial,
    fileName: request.fileName,
  })
  return { report, saved }
}
