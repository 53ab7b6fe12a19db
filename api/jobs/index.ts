// The job offers domain (issue 16, art. 6): member companies' offers, as a public feed.
import type { FastifyPluginAsync } from 'fastify'
import routes from './routes.ts'

const jobs: FastifyPluginAsync = async (app) => {
  await app.register(routes)
}
export default jobs
