// The exports domain: streamed files of the standard and data·inclusion, with the search filters.
import type { FastifyPluginAsync } from 'fastify'
import routes from './routes.ts'

const exportsDomain: FastifyPluginAsync = async (app) => {
  await app.register(routes)
}
export default exportsDomain
