// Liveness (the process answers) and readiness (the database answers) for load balancers.
import { sql } from 'kysely'
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { sendProblem } from '../plugins/problem.ts'

const READY_TIMEOUT_MS = 1500

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/healthz',
    {
      config: { access: 'public' },
      schema: { tags: ['santé'], summary: 'Le processus répond', response: { 200: Type.Object({ status: Type.Literal('ok') }) } },
    },
    async () => ({ status: 'ok' as const }),
  )

  app.get(
    '/readyz',
    {
      config: { access: 'public' },
      schema: {
        tags: ['santé'],
        summary: 'La base de données répond',
        response: { 200: Type.Object({ status: Type.Literal('ready'), database: Type.String() }) },
      },
    },
    async (_request, reply) => {
      try {
        await Promise.race([
          sql`SELECT 1`.execute(app.db),
          new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), READY_TIMEOUT_MS).unref()),
        ])
        return { status: 'ready' as const, database: app.dbKind }
      } catch {
        reply.header('Retry-After', '5')
        return sendProblem(reply, { status: 503, detail: 'La base de données ne répond pas.' })
      }
    },
  )
}
export default routes
