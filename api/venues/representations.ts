// The shapes a venue list can take on the wire: JSON page, GeoJSON FeatureCollection, standard CSV.
import { stringifySafeCsv } from '../../db/csv-safe.ts'
import { STANDARD_CSV_HEADER, toStandardRow } from '../../db/standard/index.ts'
import { venueToRecord, type VenueData } from '../../db/venue-record.ts'
import type { Venue } from './schemas.ts'

export function toFeature(venue: Venue) {
  const { latitude, longitude } = venue
  return {
    type: 'Feature' as const,
    id: venue.id,
    geometry: latitude !== null && longitude !== null ? { type: 'Point' as const, coordinates: [longitude, latitude] } : null,
    properties: venue,
  }
}

export function toStandardCsv(venues: Venue[]): string {
  return (
    STANDARD_CSV_HEADER +
    '\n' +
    stringifySafeCsv(
      venues.map((v) => toStandardRow(venueToRecord(v as unknown as VenueData))),
      { record_delimiter: '\n' },
    )
  )
}

export type ListFormat = 'json' | 'geojson' | 'csv'

/** `format` wins; else the Accept header picks GeoJSON or CSV; JSON by default. */
export function pickFormat(format: string | undefined, accept: string | undefined): ListFormat {
  if (format === 'geojson' || format === 'csv' || format === 'json') return format
  if (accept?.includes('application/geo+json')) return 'geojson'
  if (accept?.includes('text/csv')) return 'csv'
  return 'json'
}
