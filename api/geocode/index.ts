// The geocode domain: communes, postcodes (gazetteer) and optional addresses.
import type { FastifyPluginAsync } from 'fastify'
import routes from './routes.ts'

const geocode: FastifyPluginAsync = async (app) => {
  await app.register(routes)
}
export default geocode
