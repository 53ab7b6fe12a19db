// ETags and If-Match for every versioned resource (venues, companies, sponsorships): one tag shape, one parser,
// one answer — 428 when a required If-Match is missing, 412 when it is stale, malformed or another resource's.
import { createHash } from 'node:crypto'
import { HttpProblem } from './problem.ts'

/**
 * The ETag of a versioned resource: `"<id>-v<version>"`, then `-<hash>` of the body when the body carries more
 * than the version covers (a venue's labels, sponsors, open now), so If-None-Match stays exact.
 */
export function versionEtag(id: string, version: number, body?: unknown): string {
  const hash = body === undefined ? '' : `-${createHash('sha1').update(JSON.stringify(body)).digest('base64url').slice(0, 16)}`
  return `"${id}-v${version}${hash}"`
}

/** A version that matches no stored version: a tag we cannot read is treated as stale (412 with the current version). */
export const UNREADABLE_VERSION = -1

/**
 * The version the writer read, from `If-Match`: an ETag of `versionEtag` (weak or not, any `-<hash>` suffix
 * ignored) or a bare version number. `*` means "whatever the current version is" (null), as does an absent
 * header when `required` is false; absent and required → 428. An unreadable tag gives UNREADABLE_VERSION.
 */
export function expectedVersion(ifMatch: string | undefined, id: string, required: boolean, readFrom: string): number | null {
  if (ifMatch === undefined || ifMatch.trim() === '') {
    if (!required) return null
    throw new HttpProblem(
      428,
      `En-tête If-Match requis : renvoyez l’ETag lu (GET ${readFrom}) pour ne pas écraser une modification concurrente.`,
    )
  }
  const value = ifMatch.trim()
  if (value === '*') return null
  const match = /^(?:W\/)?"?(?:([0-9a-f-]{36})-v)?(\d+)(?:-[A-Za-z0-9_-]+)?"?$/i.exec(value)
  if (!match) return UNREADABLE_VERSION
  if (match[1] && match[1].toLowerCase() !== id.toLowerCase()) {
    throw new HttpProblem(412, 'L’ETag donné dans If-Match est celui d’une autre fiche.')
  }
  return Number(match[2])
}
