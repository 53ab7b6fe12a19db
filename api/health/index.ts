import type { FastifyPluginAsync } from 'fastify'
import routes from './routes.ts'

const health: FastifyPluginAsync = async (app) => {
  await app.register(routes)
}
export default health
