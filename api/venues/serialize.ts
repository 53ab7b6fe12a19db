// How a written venue is answered: the same fields as GET /api/v1/venues/{id}, and its ETag.
import type { FastifyReply } from 'fastify'
import type { VenueRow } from '../../db/types.ts'
import { HttpProblem } from '../plugins/problem.ts'

export function venueEtag(row: { id: string; version: number }): string {
  return `"${row.id}-v${row.version}"`
}

export function venueResponse(row: VenueRow): Record<string, unknown> {
  const { geom: _g, search_text: _s, created_at: _c, updated_at, ...rest } = row
  return { ...rest, updated_at: new Date(updated_at).toISOString() }
}

export function sendVenue(reply: FastifyReply, row: VenueRow, status = 200) {
  return reply.code(status).header('ETag', venueEtag(row)).send(venueResponse(row))
}

/**
 * The version the writer read, from `If-Match`: the ETag of GET /api/v1/venues/{id} (`"<id>-v<n>"`, weak or
 * not), or a bare version number (any other tag → -1, which never matches, hence 412). `*` means "whatever the current version is". Missing → 428.
 */
export function expectedVersionFrom(ifMatch: string | undefined, venueId: string, required: boolean): number | null {
  if (ifMatch === undefined || ifMatch.trim() === '') {
    if (!required) return null
    throw new HttpProblem(428, 'En-tête If-Match requis : renvoyez l’ETag lu (GET /api/v1/venues/{id}) pour ne pas écraser une modification concurrente.')
  }
  const value = ifMatch.trim()
  if (value === '*') return null
  // A suffix after the version (e.g. a content hash: `"<id>-v<n>-<hash>"`) is tolerated and ignored.
  const match = /^(?:W\/)?"?(?:([0-9a-f-]{36})-v)?(\d+)(?:-[A-Za-z0-9_-]+)?"?$/i.exec(value)
  // An ETag we cannot read cannot match the current version: the writer gets 412 with the version to use.
  if (!match) return -1
  if (match[1] && match[1].toLowerCase() !== venueId.toLowerCase()) {
    throw new HttpProblem(412, 'L’ETag donné dans If-Match est celui d’un autre lieu.')
  }
  return Number(match[2])
}
