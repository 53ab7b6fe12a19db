// The OGC API – Features domain (/ogc).
import type { FastifyPluginAsync } from 'fastify'
import routes from './routes.ts'

const ogc: FastifyPluginAsync = async (app) => {
  await app.register(routes)
}
export default ogc
