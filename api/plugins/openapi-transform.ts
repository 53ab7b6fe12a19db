// Completes every documented operation centrally (so route files need no edits): a stable `operationId` derived
// from method and path when the route gives none, a tag, and `security` from the route's access rule —
// `[]` on public routes, the bearer key or the admin session otherwise — so generated clients know each call.
import type { FastifySchema, RouteOptions } from 'fastify'

type Security = readonly { [scheme: string]: readonly string[] }[]
type DocumentedSchema = FastifySchema & { operationId?: string; tags?: string[]; security?: Security; hide?: boolean }

const AUTHENTICATED: Security = [{ apiKey: [] }, { session: [] }]
const PUBLIC: Security = []

/** `GET /api/v1/venues/:id/history` → `getVenuesByIdHistory` (`/api/v1` dropped; a HEAD route gets `head…`). */
export function operationIdFor(method: string, url: string): string {
  const words = url
    .replace(/^\/api\/v1(?=\/|$)/, '')
    .split(/[/._-]+/)
    .filter(Boolean)
    .map((part) => {
      const param = /^[:{](\w+)}?$/.exec(part)
      return param ? `By${capitalize(param[1])}` : capitalize(part.replace(/[^A-Za-z0-9]/g, ''))
    })
  return method.toLowerCase() + (words.join('') || 'Root')
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1)
}

/** The tag of a route that declares none: its first path segment after /api/v1. */
function defaultTag(url: string): string {
  const segment =
    url
      .replace(/^\/api\/v1/, '')
      .split('/')
      .filter(Boolean)[0] ?? 'divers'
  return segment.startsWith(':') ? 'divers' : segment
}

export function openapiTransform({ schema, url, route }: { schema: FastifySchema; url: string; route: RouteOptions }): {
  schema: FastifySchema
  url: string
} {
  const own = (schema ?? {}) as DocumentedSchema
  if (own.hide) return { schema: own, url }
  const methods = Array.isArray(route.method) ? route.method : [route.method]
  const access = (route.config as { access?: unknown } | undefined)?.access
  return {
    url,
    schema: {
      ...own,
      operationId: own.operationId ?? operationIdFor(methods[0], url),
      tags: own.tags?.length ? own.tags : [defaultTag(url)],
      security: own.security ?? (access === 'public' || access === undefined ? PUBLIC : AUTHENTICATED),
    },
  }
}
