// The changes feed: what changed among published venues since a cursor, in commit order (db/changes/feed.ts).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { parseCursor, readChanges, UnknownCursorError } from '../../db/changes/feed.ts'
import { ProblemSchema } from '../plugins/problem-schema.ts'
import { HttpProblem } from '../plugins/problem.ts'
import { ChangesPageSchema, ChangesQuery } from './schemas.ts'

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/v1/changes',
    {
      config: { access: 'public' },
      schema: {
        tags: ['lieux'],
        summary: 'Flux des changements',
        operationId: 'listChanges',
        description:
          'Chaque changement des lieux publiés (création, nouvelle version, archivage, fusion), dans l’ordre où ils ont été validés, ' +
          'avec un curseur stable : un miroir qui applique les pages en passant `next_cursor` en `since` n’en manque ni n’en répète aucun.',
        querystring: ChangesQuery,
        response: { 200: ChangesPageSchema, 400: ProblemSchema },
      },
    },
    async (request) => {
      const since = parseCursor(request.query.since)
      const invalid = (message: string) => new HttpProblem(400, message, { errors: [{ field: 'since', message }] })
      if (since === null) throw invalid('curseur invalide : un nombre entier positif (le `next_cursor` d’une page précédente) est attendu')
      try {
        // The primary: a replica lagging behind would hand out a cursor the next request (maybe elsewhere) does not know.
        return await readChanges(app.db, since, request.query.limit ?? 200)
      } catch (error) {
        if (error instanceof UnknownCursorError) throw invalid(error.message)
        throw error
      }
    },
  )
}
export default routes
