// GET /tiles/communes/{z}/{x}/{y}.mvt: the offline basemap's commune boundaries and names, served from the
// pre-built tiles shipped in api/tiles/basemap/ (same answer on both databases: no database involved).
import { createHash } from 'node:crypto'
import { gunzipSync } from 'node:zlib'
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ProblemSchema } from '../plugins/problem-schema.ts'
import { rawTilePathGuard, tileAddress, tileParams } from './tile-address.ts'
import { COMMUNES_MAX_ZOOM, COMMUNES_MIN_ZOOM, readPack, type TilePack } from './basemap-pack.ts'

const TileParams = tileParams('365.mvt')

const routes: FastifyPluginAsyncTypebox = async (app) => {
  // Read on first use (7 MB): instances that never draw the offline basemap never hold it.
  let pack: TilePack | null = null
  const etags = new Map<string, string>()
  app.get(
    '/tiles/communes/:z/:x/:y',
    {
      config: { access: 'public' },
      schema: {
        tags: ['tuiles'],
        summary: 'Tuile vectorielle des communes (fond de carte hors ligne)',
        description:
          `Couches \`communes\` (limites : \`code\` INSEE, \`nom\`) et \`commune_labels\` (un point par commune : ` +
          `\`code\`, \`nom\`, \`population\`). ` +
          `Limites IGN Admin Express COG 2018 (Licence Ouverte) : les communes fusionnées depuis 2018 y figurent encore ` +
          `sous leurs anciens noms. ` +
          `Tuiles pré-calculées au zoom ${COMMUNES_MIN_ZOOM}` +
          `${COMMUNES_MAX_ZOOM === COMMUNES_MIN_ZOOM ? '' : `–${COMMUNES_MAX_ZOOM}`} (agrandies par la carte au-delà) ; ` +
          `204 ailleurs. Exemple : \`/tiles/communes/10/525/365.mvt\` (Lyon).`,
        params: TileParams,
        produces: ['application/vnd.mapbox-vector-tile'],
        response: {
          200: Type.String({ description: 'Tuile MVT (protobuf)' }),
          204: Type.Null({ description: 'Pas de tuile à cette adresse' }),
          304: Type.Null({ description: 'Inchangée depuis l’ETag donné' }),
          400: ProblemSchema,
        },
      },
      preValidation: rawTilePathGuard('communes'),
    },
    async (request, reply) => {
      const { z, x, y } = tileAddress(request.params)
      pack ??= readPack()
      const gzipped = pack.get(z, x, y)
      // The tiles change only with a new build of the pack: cache for a day, revalidate by ETag.
      reply.header('Cache-Control', 'public, max-age=86400')
      if (!gzipped) return reply.code(204).send(null)
      const key = `${z}/${x}/${y}`
      let etag = etags.get(key)
      if (!etag) {
        etag = `"${createHash('sha1').update(gzipped).digest('base64url').slice(0, 20)}"`
        etags.set(key, etag)
      }
      reply.header('ETag', etag).header('Vary', 'Accept-Encoding')
      const ifNoneMatch = request.headers['if-none-match']
      if (
        ifNoneMatch &&
        ifNoneMatch
          .split(',')
          .map((s) => s.trim())
          .includes(etag)
      )
        return reply.code(304).send(null)
      reply.type('application/vnd.mapbox-vector-tile')
      if (/\bgzip\b/.test(String(request.headers['accept-encoding'] ?? '')))
        return reply.header('Content-Encoding', 'gzip').send(gzipped as never)
      return reply.send(gunzipSync(gzipped) as never)
    },
  )
}
export default routes
