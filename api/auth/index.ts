// The auth domain's routes are registered here.
import type { FastifyPluginAsync } from 'fastify'

const auth: FastifyPluginAsync = async () => {}
export default auth
