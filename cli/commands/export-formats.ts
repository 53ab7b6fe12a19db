// Export formats contributed by other domains (data·inclusion, full backup); each yields text chunks.
import type { DatabaseHandle } from '../../db/connect.ts'
import { fullExport } from '../../db/backup/export.ts'
import { dataInclusionStream } from '../../db/search/export-streams.ts'

export const EXTRA_EXPORT_FORMATS: Record<string, (handle: DatabaseHandle) => AsyncIterable<string>> = {
  // `maillage export --full`: every table as NDJSON, for `maillage restore`.
  full: (handle) => fullExport(handle.db),
  // data·inclusion v1: { structures: [...], services: [...] }, one structure and one service per published venue.
  'data-inclusion': (handle) => dataInclusionStream(handle.db, { lists: {} }),
}
