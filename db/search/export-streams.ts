// Streamed exports of a search (same filters as the API): standard v1.0.2 CSV/JSON, data·inclusion v1.
// Text chunks batch by batch, so 300,000 venues never sit in memory at once.
import type { Kysely } from 'kysely'
import { stringifySafeCsv } from '../csv-safe.ts'
import { STANDARD_CSV_HEADER, toStandardRow } from '../standard/index.ts'
import type { Database } from '../types.ts'
import { venueToRecord, type VenueData } from '../venue-record.ts'
import { toDataInclusionService, toDataInclusionStructure } from './data-inclusion.ts'
import type { SearchFilter } from './filters.ts'
import { streamVenues, type VenueSelectRow } from './query.ts'

const record = (venue: VenueSelectRow) => venueToRecord(venue as unknown as VenueData)

export async function* standardCsvStream(db: Kysely<Database>, filter: SearchFilter): AsyncGenerator<string> {
  yield STANDARD_CSV_HEADER + '\n'
  for await (const batch of streamVenues(db, filter)) {
    yield stringifySafeCsv(
      batch.map((venue) => toStandardRow(record(venue))),
      { record_delimiter: '\n' },
    )
  }
}

async function* jsonArray<T>(db: Kysely<Database>, filter: SearchFilter, map: (venue: VenueSelectRow) => T): AsyncGenerator<string> {
  yield '['
  let first = true
  for await (const batch of streamVenues(db, filter)) {
    let chunk = ''
    for (const venue of batch) {
      chunk += (first ? '\n' : ',\n') + JSON.stringify(map(venue))
      first = false
    }
    yield chunk
  }
  yield '\n]\n'
}

export const standardJsonStream = (db: Kysely<Database>, filter: SearchFilter) => jsonArray(db, filter, record)
export const structuresStream = (db: Kysely<Database>, filter: SearchFilter) => jsonArray(db, filter, toDataInclusionStructure)
export const servicesStream = (db: Kysely<Database>, filter: SearchFilter) => jsonArray(db, filter, toDataInclusionService)

/** Both collections in one JSON document `{ "structures": [...], "services": [...] }` (the CLI format). */
export async function* dataInclusionStream(db: Kysely<Database>, filter: SearchFilter): AsyncGenerator<string> {
  yield '{"structures":'
  yield* structuresStream(db, filter)
  yield ',"services":'
  yield* servicesStream(db, filter)
  yield '}\n'
}
