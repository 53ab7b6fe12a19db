// The pages domain: server-rendered HTML (venue pages) and the public map's configuration.
import type { FastifyPluginAsync } from 'fastify'
import routes from './routes.ts'

const pages: FastifyPluginAsync = async (app) => {
  await app.register(routes)
}
export default pages
