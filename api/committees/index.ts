// The committees domain (issue 16, art. 8–9): meetings with validated minutes, and the network criteria.
import type { FastifyPluginAsync } from 'fastify'
import criteria from './criteria-routes.ts'
import routes from './routes.ts'

const committees: FastifyPluginAsync = async (app) => {
  await app.register(routes)
  await app.register(criteria)
}
export default committees
