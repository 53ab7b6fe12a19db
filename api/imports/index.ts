// The imports domain's routes are registered here.
import type { FastifyPluginAsync } from 'fastify'

const imports: FastifyPluginAsync = async () => {}
export default imports
