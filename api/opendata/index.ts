// The open data domain: /data/ files and their catalog, rebuilt after changes.
import type { FastifyPluginAsync } from 'fastify'
import routes from './routes.ts'
import service from './service.ts'

const opendata: FastifyPluginAsync = async (app) => {
  await app.register(service)
  await app.register(routes)
}
export default opendata
