// The pages domain's routes are registered here.
import type { FastifyPluginAsync } from 'fastify'

const pages: FastifyPluginAsync = async () => {}
export default pages
