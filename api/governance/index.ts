// The governance domain's routes are registered here.
import type { FastifyPluginAsync } from 'fastify'

const governance: FastifyPluginAsync = async () => {}
export default governance
