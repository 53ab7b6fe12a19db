// The venues domain: public reads.
import type { FastifyPluginAsync } from 'fastify'
import routes from './routes.ts'

const venues: FastifyPluginAsync = async (app) => {
  await app.register(routes)
}
export default venues
