// The webhooks domain: subscribers' administration and the delivery worker (started by `maillage serve` only).
import type { FastifyPluginAsync } from 'fastify'
import fp from 'fastify-plugin'
import { secretKey } from '../../db/webhooks/secret-box.ts'
import routes from './routes.ts'
import { WebhookWorker } from './worker.ts'

declare module 'fastify' {
  interface FastifyInstance {
    webhooks: { key: Buffer; worker: WebhookWorker }
  }
}

const decorate = fp(
  async (app) => {
    const key = secretKey(app.config.webhookSecretKey ?? app.config.sessionSecret)
    const worker = new WebhookWorker(app.db, { key, retryBaseMs: app.config.webhookRetryBaseMs, log: app.log })
    app.decorate('webhooks', { key, worker })
    app.addHook('onClose', async () => {
      await worker.stop()
    })
  },
  { name: 'webhooks' },
)

const webhooks: FastifyPluginAsync = async (app) => {
  await app.register(decorate)
  await app.register(routes)
}
// fastify-plugin: `app.webhooks` (the worker `maillage serve` starts) is visible outside this domain.
export default fp(webhooks, { name: 'webhooks-domain' })
