// Graceful stop: once `app.startDraining()` is called (SIGTERM), every new request — /readyz included, so
// load balancers take the instance out — gets 503 + `Connection: close` while accepted ones finish normally.
// The listener stays open meanwhile (cli/commands/serve.ts waits SHUTDOWN_DRAIN_MS before closing it), so
// clients see an answer, never a refused or reset connection.
import fp from 'fastify-plugin'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { sendProblem } from './problem.ts'

declare module 'fastify' {
  interface FastifyInstance {
    /** Turns every new request into a 503 + `Connection: close`; idempotent. */
    startDraining(): void
    readonly draining: boolean
  }
}

export default fp(
  async (app) => {
    let draining = false
    app.decorate('startDraining', () => {
      draining = true
    })
    app.decorate('draining', { getter: () => draining })
    app.addHook('onRequest', async (_request: FastifyRequest, reply: FastifyReply) => {
      if (!draining) return
      reply.header('Connection', 'close').header('Retry-After', '5')
      return sendProblem(reply, {
        status: 503,
        detail: 'Le service s’arrête ; réessayez dans quelques secondes (une autre instance vous répondra).',
      })
    })
    // A kept-alive connection that carried a request accepted before the signal is closed after its answer.
    app.addHook('onSend', async (_request: FastifyRequest, reply: FastifyReply) => {
      if (draining) reply.header('Connection', 'close')
    })
  },
  { name: 'drain' },
)
