// Public venue reads: list with cursor paging, and one venue with an ETag.
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ProblemSchema } from '../plugins/problem-schema.ts'
import { HttpProblem } from '../plugins/problem.ts'
import { decodeCursor, encodeCursor, findVenueById, listPublishedVenues, toApiVenue } from './repository.ts'
import { VenueIdParams, VenueListSchema, VenueSchema } from './schemas.ts'

const ListQuery = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 1000, default: 20, description: 'Nombre de lieux par page (1 à 1000)' }),
  cursor: Type.Optional(Type.String({ maxLength: 500, description: 'Curseur `next_cursor` de la page précédente' })),
}, { additionalProperties: false })

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/v1/venues', {
    config: { access: 'public' },
    schema: {
      tags: ['lieux'], summary: 'Lister les lieux publiés', querystring: ListQuery,
      response: { 200: VenueListSchema, 400: ProblemSchema },
    },
  }, async (request) => {
    const { limit, cursor } = request.query
    const after = cursor ? decodeCursor<{ id: string }>(cursor) : null
    if (cursor && (!after || typeof after.id !== 'string')) {
      throw new HttpProblem(400, 'Curseur invalide : reprenez la pagination depuis le début.', { errors: [{ field: 'cursor', message: 'curseur invalide' }] })
    }
    const rows = await listPublishedVenues(app.readDb, limit, after?.id ?? null)
    const page = rows.slice(0, limit)
    return {
      items: page.map((row) => toApiVenue(row)),
      next_cursor: rows.length > limit ? encodeCursor({ id: page[page.length - 1].id }) : null,
    }
  })

  app.get('/api/v1/venues/:id', {
    config: { access: 'public' },
    schema: {
      tags: ['lieux'], summary: 'Lire un lieu', params: VenueIdParams,
      response: { 200: VenueSchema, 304: Type.Null({ description: 'Inchangé depuis l’ETag donné' }), 404: ProblemSchema },
    },
  }, async (request, reply) => {
    const row = await findVenueById(app.readDb, request.params.id)
    if (!row || row.status === 'pending') throw new HttpProblem(404, `Aucun lieu ne porte l'identifiant ${request.params.id}.`)
    const etag = `"${row.id}-v${row.version}"`
    reply.header('ETag', etag).header('Cache-Control', 'public, max-age=60')
    if (request.headers['if-none-match'] === etag) return reply.code(304).send(null)
    return toApiVenue(row)
  })
}
export default routes
