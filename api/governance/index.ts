// The governance domain: indicators for the committee, per-département figures, the yearly report.
import type { FastifyPluginAsync } from 'fastify'
import routes from './routes.ts'

const governance: FastifyPluginAsync = async (app) => {
  await app.register(routes)
}
export default governance
