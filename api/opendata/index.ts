// The open data domain: /data/ files and their catalog, rebuilt after changes.
import type { FastifyPluginAsync } from 'fastify'
import fp from 'fastify-plugin'
import routes from './routes.ts'
import service from './service.ts'

const opendata: FastifyPluginAsync = async (app) => {
  await app.register(service)
  await app.register(routes)
}
// fastify-plugin: `app.openData` (its refresh loop, started by `maillage serve`) is visible outside this domain.
export default fp(opendata, { name: 'opendata-domain' })
