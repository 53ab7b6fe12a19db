// The venues domain: every venue route, public reads and authenticated writes (create, patch, archive, restore, history, revert).
import type { FastifyPluginAsync } from 'fastify'
import routes from './routes.ts'
import writeRoutes from './write-routes.ts'

const venues: FastifyPluginAsync = async (app) => {
  await app.register(routes)
  await app.register(writeRoutes)
}
export default venues
