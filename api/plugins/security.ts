// Strict headers, CORS for public reads, and rate limits (shared through Redis when REDIS_URL is set).
import fp from 'fastify-plugin'
import helmet from '@fastify/helmet'
import cors from '@fastify/cors'
import rateLimit from '@fastify/rate-limit'

export default fp(
  async (app) => {
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
          exposedHeaders,
          maxAge: 600,
        })
      },
    })
    // /admin and the officers' /territoire are never framed (clickjacking of moderation and edit buttons); /embed
    // and the public pages stay framable.
    app.addHook('onSend', async (request, reply) => {
      if (!/^\/(admin|territoire)(\/|\?|$)/.test(request.url)) return
      const csp = reply.getHeader('content-security-policy')
      if (typeof csp === 'string') reply.header('content-security-policy', csp.replace(/frame-ancestors [^;]*/, "frame-ancestors 'none'"))
      reply.header('x-frame-options', 'DENY')
    })
    const redis = app.redis
    await app.register(rateLimit, {
      global: true,
      max: app.config.rateLimitMax,
      timeWindow: '1 minute',
      // Shared by every instance on the same Redis: the limit is per client address, not per process.
      ...(redis ? { redis, nameSpace: app.config.rateLimitNamespace, skipOnError: true } : {}),
      allowList: (request) => request.url === '/healthz' || request.url === '/readyz',
      errorResponseBuilder: (_request, context) => ({
        statusCode: context.statusCode,
        type: 'about:blank',
        title: 'Trop de requêtes',
        status: context.statusCode,
        detail: `Limite de ${context.max} requêtes par ${context.after} atteinte ; réessayez dans ${Math.ceil(context.ttl / 1000)} s.`,
      }),
    })
  },
  { name: 'security', dependencies: ['database', 'redis'] },
)
