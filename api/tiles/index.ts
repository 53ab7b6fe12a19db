// The tiles domain: vector tiles of the venues for the public map.
import type { FastifyPluginAsync } from 'fastify'
import routes from './routes.ts'

const tiles: FastifyPluginAsync = async (app) => {
  await app.register(routes)
}
export default tiles
