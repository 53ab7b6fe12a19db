// The tiles domain: vector tiles of the venues for the public map.
import type { FastifyPluginAsync } from 'fastify'
import routes from './routes.ts'
import communesRoutes from './communes-route.ts'

const tiles: FastifyPluginAsync = async (app) => {
  await app.register(routes)
  await app.register(communesRoutes)
}
export default tiles
