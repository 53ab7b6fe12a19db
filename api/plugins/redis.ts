// The shared Redis connection (REDIS_URL): rate limits, tile cache and sessions use it when set; null otherwise.
import fp from 'fastify-plugin'
import type { Redis } from 'ioredis'

declare module 'fastify' {
  interface FastifyInstance {
    redis: Redis | null
  }
}

export default fp(
  async (app) => {
    let redis: Redis | null = null
    if (app.config.redisUrl) {
      const { Redis } = await import('ioredis')
      redis = new Redis(app.config.redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false })
      redis.on('error', (error) => app.log.warn({ err: error }, 'redis error'))
      app.addHook('onClose', async () => {
        redis?.disconnect()
      })
      // Without an offline queue, requests arriving before the connection is up would skip the shared count:
      // wait for it briefly at start-up (a Redis outage later degrades to no limit, never to errors).
      const client = redis
      await new Promise<void>((resolve) => {
        if (client.status === 'ready') return resolve()
        const timer = setTimeout(() => {
          app.log.warn('redis not ready after 3 s; shared limits and caches are skipped until it is')
          resolve()
        }, 3000)
        client.once('ready', () => {
          clearTimeout(timer)
          resolve()
        })
      })
    }
    app.decorate('redis', redis)
  },
  { name: 'redis', dependencies: ['database'] },
)
