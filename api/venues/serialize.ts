// The one venue serializer and its ETag: what GET /api/v1/venues/{id}, the search and every write answer.
import type { FastifyReply } from 'fastify'
import type { SearchRow } from '../../db/search/query.ts'
import type { VenueRow } from '../../db/types.ts'
import type { VenueExtras } from '../../db/venue-extras.ts'
import { versionEtag } from '../plugins/if-match.ts'
import type { Venue } from './schemas.ts'

/** A venue row on the wire: internal columns (geometry, search text, creation date) left out, dates in ISO 8601. */
export function venueResponse(row: Partial<VenueRow> & Pick<VenueRow, 'updated_at'>): Record<string, unknown> {
  const { geom: _g, search_text: _s, created_at: _c, updated_at, ...rest } = row
  return { ...rest, updated_at: new Date(updated_at).toISOString() }
}

/** A venue as read: the same fields, without `merged_into` (a merged venue answers 301), plus labels, sponsors and extras. */
export function toApiVenue(row: SearchRow, extras?: VenueExtras, extra: Partial<Venue> = {}): Venue {
  const { merged_into: _merged, ...rest } = venueResponse(row as SearchRow & { approx_m?: number })
  return {
    ...rest,
    ...(extras ? { labels: extras.labels, sponsors: extras.sponsors, needs: extras.needs } : {}),
    ...extra,
  } as Venue
}

/** `"<id>-v<version>-<hash of the body>"`: the version for If-Match, the hash for If-None-Match. */
export function venueEtag(row: { id: string; version: number }, body: unknown): string {
  return versionEtag(row.id, row.version, body)
}

export function sendVenue(reply: FastifyReply, row: VenueRow, status = 200) {
  const body = venueResponse(row)
  return reply.code(status).header('ETag', venueEtag(row, body)).send(body)
}
