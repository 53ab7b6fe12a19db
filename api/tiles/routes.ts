// GET /tiles/venues/{z}/{x}/{y}.mvt: Mapbox Vector Tiles of the venues, filtered like the list.
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ProblemSchema } from '../plugins/problem-schema.ts'
import { rawTilePathGuard, tileAddress, tileParams } from './tile-address.ts'
import { FilterProperties, filterFromQuery } from '../plugins/search-params.ts'
import { hasHoursFilter, matchesHours } from '../../db/search/filters.ts'
import { gridGroups, GRID_MAX_ZOOM, venueRevision } from '../../db/tiles/grid.ts'
import { buildGridTile, buildTile } from './build.ts'
import { TileCache } from './cache.ts'
import { mvtTile, tilePoints } from '../../db/tiles/queries.ts'
import { CLUSTER_MAX_ZOOM } from '../../db/tiles/tile-math.ts'

const TileParams = tileParams('5.mvt')
const TileQuery = Type.Object({ ...FilterProperties }, { additionalProperties: false })

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const cache = new TileCache(app.redis, `${app.config.cacheNamespace}-tiles:`)
  app.get(
    '/tiles/venues/:z/:x/:y',
    {
      config: { access: 'public' },
      schema: {
        tags: ['tuiles'],
        summary: 'Tuile vectorielle des lieux (MVT)',
        description:
          `Couche \`venues\`. Jusqu’au zoom ${CLUSTER_MAX_ZOOM}, les lieux proches sont regroupés : entités ` +
          `\`cluster=true\` avec \`point_count\` ; ` +
          'un lieu seul, ou tout lieu au-delà, est une entité avec `id`, `nom`, `gratuit`, `france_services`, ' +
          '`conseillers_numeriques`, `itinerant`, `approximate`. ' +
          'Mêmes filtres que la recherche. 204 pour une tuile vide ; ETag et 304 ; mise en cache 60 s, invalidée dès ' +
          'qu’un lieu change. Sans filtre, les zooms 0 à 7 sont servis par une grille agrégée tenue à jour à chaque ' +
          'écriture. Exemple : `/tiles/venues/5/15/11.mvt`.',
        params: TileParams,
        querystring: TileQuery,
        produces: ['application/vnd.mapbox-vector-tile'],
        response: {
          200: Type.String({ description: 'Tuile MVT (protobuf)' }),
          204: Type.Null({ description: 'Tuile vide' }),
          304: Type.Null({ description: 'Inchangée depuis l’ETag donné' }),
          400: ProblemSchema,
        },
      },
      preValidation: rawTilePathGuard('venues'),
    },
    async (request, reply) => {
      const { z, x, y } = tileAddress(request.params)
      const filter = filterFromQuery(request.query)
      // Keyed on the venue revision: a venue write makes every cached tile unreachable at once, on every instance.
      const revision = await venueRevision(app.readDb)
      cache.observeRevision(revision)
      const key = `r${revision}:${z}/${x}/${y}?${request.url.split('?')[1] ?? ''}`
      // open_at is relative to "now" when it says so: never cache those tiles for long.
      let entry = hasHoursFilter(filter) ? undefined : await cache.get(key)
      if (!entry) {
        const tile = { z, x, y }
        let body: Uint8Array
        if (z <= GRID_MAX_ZOOM && Object.keys(request.query).length === 0) {
          // Unfiltered low zooms: sums over the grid the venue triggers maintain, not a scan of every venue in the tile.
          const groups = await gridGroups(app.readDb, z, x, y)
          const lone = new Map(
            await Promise.all(
              groups
                .filter((g) => g.n === 1)
                .map(async (g) => [`${g.gx}:${g.gy}`, await tilePoints(app.readDb, filter, { z: z + 3, x: g.gx, y: g.gy })] as const),
            ),
          )
          body = buildGridTile(groups, lone, tile)
        } else if (app.dbKind === 'postgres' && !hasHoursFilter(filter)) {
          body = await mvtTile(app.readDb, filter, tile)
        } else {
          const points = (await tilePoints(app.readDb, filter, tile)).filter((p) => matchesHours(filter, p.horaires))
          body = buildTile(points, tile)
        }
        entry = await cache.set(key, body)
      }
      reply.header('Cache-Control', hasHoursFilter(filter) ? 'public, max-age=30' : 'public, max-age=60').header('ETag', entry.etag)
      if (entry.body.length === 0) return reply.code(204).send(null)
      const ifNoneMatch = request.headers['if-none-match']
      if (
        ifNoneMatch &&
        ifNoneMatch
          .split(',')
          .map((s) => s.trim())
          .includes(entry.etag)
      )
        return reply.code(304).send(null)
      return reply.type('application/vnd.mapbox-vector-tile').send(Buffer.from(entry.body) as never)
    },
  )
}
export default routes
