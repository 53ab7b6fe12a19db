// The labels domain: catalogue and award lifecycle.
import type { FastifyPluginAsync } from 'fastify'
import routes from './routes.ts'

const labels: FastifyPluginAsync = async (app) => {
  await app.register(routes)
}
export default labels
