// Load shedding: when the event loop (or memory) is saturated, answer 503 + Retry-After at once instead of
// queueing requests that would time out anyway. /healthz stays exempt so an orchestrator does not kill a
// process that is merely busy; /readyz does shed, which takes the instance out of the balancer for a moment.
import fp from 'fastify-plugin'
import type { FastifyReply, FastifyRequest } from 'fastify'
import underPressure from '@fastify/under-pressure'
import { problemTitle } from './problem.ts'

const EXEMPT = new Set(['/healthz'])

export default fp(
  async (app) => {
    const options = app.config.pressure
    // Start-up (schema compilation, migrations, a cold JIT) stalls the loop for seconds; the first sample
    // after it would shed the very first requests. Measurements only count once two samples have passed.
    let measuringFrom = Infinity
    app.addHook('onReady', async () => {
      measuringFrom = Date.now() + 2 * options.sampleInterval + 50
    })
    await app.register(underPressure, {
      maxEventLoopDelay: options.maxEventLoopDelay,
      maxEventLoopUtilization: options.maxEventLoopUtilization,
      maxHeapUsedBytes: options.maxHeapUsedBytes,
      maxRssBytes: options.maxRssBytes,
      retryAfter: options.retryAfter,
      sampleInterval: options.sampleInterval,
      // Returning nothing lets the request through; returning a value sends it (under-pressure's contract).
      pressureHandler: ((request: FastifyRequest, reply: FastifyReply) => {
        if (EXEMPT.has(request.url.split('?')[0]) || Date.now() < measuringFrom) return undefined
        reply.code(503).header('Retry-After', String(options.retryAfter)).type('application/problem+json; charset=utf-8')
        return {
          type: 'about:blank',
          title: problemTitle(503),
          status: 503,
          detail: `Le service est momentanément surchargé ; réessayez dans ${options.retryAfter} s.`,
        }
      }) as unknown as (request: FastifyRequest, reply: FastifyReply) => void,
    })
  },
  { name: 'pressure' },
)
