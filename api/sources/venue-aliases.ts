// GET|PATCH /api/v1/sources/{source}/venues/{id}: the producer's own id as an alias of the UUID routes. The very
// route options (handler, hooks, response schemas, access rule) of GET and PATCH /api/v1/venues/:id are captured
// when those routes are declared and declared again under the alias, with one preHandler that turns
// (source, id) into our UUID first: the same ETag, If-Match, 412/428 and write-gate rules, no copied code.
import fp from 'fastify-plugin'
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify'
import { findVenueIdBySourceId } from '../../db/sources/venue-lookup.ts'
import { HttpProblem } from '../plugins/problem.ts'
import { SourceVenueParams } from './schemas.ts'

const TARGET = '/api/v1/venues/:id'
const ALIAS = '/api/v1/sources/:source/venues/:id'

declare module 'fastify' {
  interface FastifyInstance {
    venueRouteOptions: Map<string, RouteOptions>
  }
}

/** Registered before the venue domains: remembers the options of the routes the aliases reuse. */
export const captureVenueRoutes = fp(
  async (app) => {
    const captured = new Map<string, RouteOptions>()
    app.decorate('venueRouteOptions', captured)
    app.addHook('onRoute', (route) => {
      if ((route.url ?? route.path) !== TARGET) return
      for (const method of [route.method].flat()) if (method === 'GET' || method === 'PATCH') captured.set(method, route)
    })
  },
  { name: 'venue-route-capture' },
)

async function resolveSourceId(this: FastifyInstance, request: FastifyRequest, _reply: FastifyReply): Promise<void> {
  const { source, id } = request.params as { source: string; id: string }
  const uuid = await findVenueIdBySourceId(this.db, source, id)
  if (!uuid) throw new HttpProblem(404, `La source « ${source} » n’a aucun lieu d’identifiant « ${id} ».`)
  request.params = { id: uuid }
}

export async function registerVenueAliases(app: FastifyInstance): Promise<void> {
  for (const [method, options] of app.venueRouteOptions) {
    const {
      url: _url,
      path: _path,
      prefix: _prefix,
      routePath: _routePath,
      schema,
      preHandler,
      ...rest
    } = options as RouteOptions & { path?: string; prefix?: string; routePath?: string }
    const summary = method === 'GET' ? 'Lire un lieu par l’identifiant du producteur' : 'Modifier un lieu par l’identifiant du producteur'
    app.route({
      ...rest,
      method,
      url: ALIAS,
      // Its own operationId: the copied schema's one (if any) belongs to the UUID route.
      schema: {
        ...schema,
        params: SourceVenueParams,
        summary,
        operationId: method === 'GET' ? 'getVenueBySourceId' : 'patchVenueBySourceId',
        description:
          `Alias de ${method} /api/v1/venues/{id} : le lieu dont \`source\` et \`source_id\` (l’\`id\` du fichier du ` +
          `producteur) sont donnés, avec les mêmes règles (ETag, If-Match, droits). ` +
          `${(schema as { description?: string } | undefined)?.description ?? ''}`,
      },
      preHandler: [resolveSourceId, ...[preHandler ?? []].flat()] as RouteOptions['preHandler'],
    })
  }
}
