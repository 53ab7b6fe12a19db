// The changes domain: the feed of published venue changes, for mirrors.
import type { FastifyPluginAsync } from 'fastify'
import routes from './routes.ts'

const changes: FastifyPluginAsync = async (app) => {
  await app.register(routes)
}
export default changes
