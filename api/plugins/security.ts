// Strict headers, CORS for public reads, and rate limits (shared through Redis when REDIS_URL is set).
import fp from 'fastify-plugin'
import helmet from '@fastify/helmet'
import cors from '@fastify/cors'
import rateLimit from '@fastify/rate-limit'

declare module 'fastify' {
  interface FastifyInstance {
    redis: import('ioredis').Redis | null
  }
}

export default fp(async (app) => {
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // MapLibre runs its workers from blob: URLs; styles may come from a configured basemap host.
        workerSrc: ["'self'", 'blob:'],
        childSrc: ["'self'", 'blob:'],
        imgSrc: ["'self'", 'data:', 'blob:', 'https:'],
        connectSrc: ["'self'", 'https:'],
        fontSrc: ["'self'", 'data:', 'https:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ['*'],
        baseUri: ["'self'"],
        formAction: ["'self'"],
      },
    },
    // /embed must be framable by authorities' sites; frame-ancestors above governs framing instead.
    frameguard: false,
    crossOriginEmbedderPolicy: false,
    crossOriginResourcePolicy: { policy: 'cross-origin' },
  })
  // Reads (and their preflights) are open to every site; writes only to the origins of CORS_ORIGINS, and
  // to none when it is unset — a browser page elsewhere cannot then drive a key it was given.
  const exposedHeaders = ['ETag', 'Link', 'Location', 'Retry-After', 'X-RateLimit-Limit', 'X-RateLimit-Remaining']
  const writeOrigins = new Set(app.config.corsOrigins)
  await app.register(cors, {
    delegator: (request, callback) => {
      const preflight = request.method === 'OPTIONS' ? request.headers['access-control-request-method'] : undefined
      const method = String(preflight ?? request.method).toUpperCase()
      if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') {
        return callback(null, { origin: '*', methods: ['GET', 'HEAD', 'OPTIONS'], exposedHeaders })
      }
      const origin = request.headers.origin
      callback(null, {
        origin: origin !== undefined && writeOrigins.has(origin) ? origin : false,
        methods: ['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'PATCH', 'DELETE'],
        allowedHeaders: ['Authorization', 'Content-Type', 'If-Match', 'X-CSRF-Token'],
        exposedHeaders, maxAge: 600,
      })
    },
  })
  // /admin is never framed (clickjacking of moderation buttons); /embed and the public pages stay framable.
  app.addHook('onSend', async (request, reply) => {
    if (!/^\/admin(\/|\?|$)/.test(request.url)) return
    const csp = reply.getHeader('content-security-policy')
    if (typeof csp === 'string') reply.header('content-security-policy', csp.replace(/frame-ancestors [^;]*/, "frame-ancestors 'none'"))
    reply.header('x-frame-options', 'DENY')
  })
  let redis: import('ioredis').Redis | null = null
  if (app.config.redisUrl) {
    const { Redis } = await import('ioredis')
    redis = new Redis(app.config.redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false })
    redis.on('error', (error) => app.log.warn({ err: error }, 'redis error'))
    app.addHook('onClose', async () => { redis?.disconnect() })
    // Without an offline queue, requests arriving before the connection is up would skip the shared count:
    // wait for it briefly at start-up (a Redis outage later degrades to no limit, never to errors).
    const client = redis
    await new Promise<void>((resolve) => {
      if (client.status === 'ready') return resolve()
      const timer = setTimeout(() => { app.log.warn('redis not ready after 3 s; rate limits are skipped until it is'); resolve() }, 3000)
      client.once('ready', () => { clearTimeout(timer); resolve() })
    })
  }
  app.decorate('redis', redis)
  await app.register(rateLimit, {
    global: true,
    max: Number(process.env.RATE_LIMIT_MAX ?? 600),
    timeWindow: '1 minute',
    // Shared by every instance on the same Redis: the limit is per client address, not per process.
    ...(redis ? { redis, nameSpace: process.env.RATE_LIMIT_NAMESPACE || 'maillage-rl-', skipOnError: true } : {}),
    allowList: (request) => request.url === '/healthz' || request.url === '/readyz',
    errorResponseBuilder: (_request, context) => ({
      statusCode: context.statusCode,
      type: 'about:blank',
      title: 'Trop de requêtes',
      status: context.statusCode,
      detail: `Limite de ${context.max} requêtes par ${context.after} atteinte ; réessayez dans ${Math.ceil(context.ttl / 1000)} s.`,
    }),
  })
}, { name: 'security', dependencies: ['database'] })
