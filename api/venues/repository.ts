// All SQL of venue reads. Routes call these; the search query itself is shared in db/search.
import { isUuid } from '../../domain/ids.ts'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/types.ts'
import { VENUE_SELECT, type SearchRow, type VenueSelectRow } from '../../db/search/query.ts'
import type { VenueExtras } from '../../db/venue-extras.ts'
import type { Venue } from './schemas.ts'

export { VENUE_SELECT, type VenueSelectRow }

export function toApiVenue(row: SearchRow, extras?: VenueExtras, extra: Partial<Venue> = {}): Venue {
  const { merged_into: _merged, updated_at, ...rest } = row as SearchRow & { approx_m?: number }
  return {
    ...rest, updated_at: new Date(updated_at).toISOString(),
    ...(extras ? { labels: extras.labels, sponsors: extras.sponsors } : {}), ...extra,
  }
}

export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url')
}

export function decodeCursor<T>(cursor: string): T | null {
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as T
  } catch {
    return null
  }
}

export async function findVenueById(db: Kysely<Database>, id: string): Promise<VenueSelectRow | undefined> {
  if (!isUuid(id)) return undefined
  return db.selectFrom('venues').select(VENUE_SELECT).where('id', '=', id).executeTakeFirst()
}
