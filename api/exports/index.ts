// The exports domain's routes are registered here.
import type { FastifyPluginAsync } from 'fastify'

const exports: FastifyPluginAsync = async () => {}
export default exports
