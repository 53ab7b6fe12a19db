// If-Match handling shared by company and sponsorship writes (same contract as venues: 428 without, 412 stale).
import type { FastifyRequest } from 'fastify'
import { HttpProblem } from '../plugins/problem.ts'

/** The ETag of a versioned resource: `"<id>-v<version>"`, as for venues. */
export function etagOf(id: string, version: number): string {
  return `"${id}-v${version}"`
}

/** The version the writer read, from `If-Match` (`"<id>-vN"`, `"N"` or `N`); `*` or absence when optional gives null. */
export function expectedVersion(request: FastifyRequest, required: boolean): number | null {
  const header = request.headers['if-match']
  if (!header) {
    if (required) throw new HttpProblem(428, 'En-tête If-Match requis : renvoyez l’ETag lu (ou la version) pour éviter d’écraser une modification.')
    return null
  }
  if (header.trim() === '*') return null
  const match = /^(?:W\/)?"?(?:[0-9a-f-]{36}-v)?(\d+)"?$/i.exec(header.trim())
  if (!match) throw new HttpProblem(400, 'En-tête If-Match illisible : attendu l’ETag "<id>-v<version>".', { errors: [{ field: 'If-Match', message: 'format invalide' }] })
  return Number(match[1])
}
