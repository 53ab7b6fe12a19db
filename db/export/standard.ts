// Streams venues as the national standard v1.0.2 (CSV with the official header, or JSON), batch by batch
// in (source, source_id) order, so memory stays flat however many venues there are and output is stable.
import type { Kysely, SelectQueryBuilder } from 'kysely'
import { stringifySafeCsv } from '../csv-safe.ts'
import { STANDARD_CSV_HEADER, toStandardRow } from '../standard/index.ts'
import type { Database } from '../types.ts'
import { VENUE_DATA_COLUMNS, venueToRecord, type VenueData } from '../venue-record.ts'

const BATCH = 2000

export type VenueFilter = (query: SelectQueryBuilder<Database, 'venues', {}>) => SelectQueryBuilder<Database, 'venues', {}>

/** Published venues' content in export order, in batches; `filter` narrows the set (search filters). */
export async function* venueBatches(db: Kysely<Database>, filter: VenueFilter = (q) => q): AsyncGenerator<VenueData[]> {
  let after: { source: string; source_id: string } | null = null
  for (;;) {
    let query = filter(db.selectFrom('venues').where('status', '=', 'published'))
    if (after) {
      const { source, source_id } = after
      query = query.where((eb) => eb.or([eb('source', '>', source), eb.and([eb('source', '=', source), eb('source_id', '>', source_id)])]))
    }
    const rows = await query.select(VENUE_DATA_COLUMNS).orderBy('source').orderBy('source_id').limit(BATCH).execute()
    if (rows.length === 0) return
    yield rows
    if (rows.length < BATCH) return
    after = { source: rows[rows.length - 1].source, source_id: rows[rows.length - 1].source_id }
  }
}

export async function* standardCsv(db: Kysely<Database>, filter?: VenueFilter): AsyncGenerator<string> {
  yield STANDARD_CSV_HEADER + '\n'
  for await (const batch of venueBatches(db, filter)) {
    yield stringifySafeCsv(
      batch.map((venue) => toStandardRow(venueToRecord(venue))),
      { record_delimiter: '\n' },
    )
  }
}

export async function* standardJson(db: Kysely<Database>, filter?: VenueFilter): AsyncGenerator<string> {
  yield '['
  let first = true
  for await (const batch of venueBatches(db, filter)) {
    for (const venue of batch) {
      yield (first ? '\n' : ',\n') + JSON.stringify(venueToRecord(venue))
      first = false
    }
  }
  yield '\n]\n'
}
