// The ogc domain's routes are registered here.
import type { FastifyPluginAsync } from 'fastify'

const ogc: FastifyPluginAsync = async () => {}
export default ogc
