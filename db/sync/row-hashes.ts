// The hashes of the file rows venues were last written from (migration 0920): what lets a whole-file sync take
// an unchanged row as unchanged without validating and comparing it again. A trigger forgets a venue's hash on
// any later write to it, so a hash found here always describes the stored content.
import { sql, type Kysely } from 'kysely'
import type { Database } from '../types.ts'

const BATCH = 1000

/** hash → producer id, for the venues of a source whose last write came from a file row. */
export async function knownRowHashes(db: Kysely<Database>, source: string): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('source_row_hashes as h')
    .innerJoin('venues as v', 'v.id', 'h.venue_id')
    .select(['h.hash', 'v.source_id'])
    .where('v.source', '=', source)
    .execute()
  return new Map(rows.map((r) => [r.hash, r.source_id]))
}

/** Remembers the row each venue was just written from (or found equal to). */
export async function storeRowHashes(db: Kysely<Database>, rows: { venueId: string; hash: string }[]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    await db
      .insertInto('source_row_hashes')
      .values(rows.slice(i, i + BATCH).map((r) => ({ venue_id: r.venueId, hash: r.hash })))
      .onConflict((oc) => oc.column('venue_id').doUpdateSet({ hash: sql`excluded.hash` }))
      .execute()
  }
}
