// The labels domain's routes are registered here.
import type { FastifyPluginAsync } from 'fastify'

const labels: FastifyPluginAsync = async () => {}
export default labels
