// The sponsors domain's routes are registered here.
import type { FastifyPluginAsync } from 'fastify'

const sponsors: FastifyPluginAsync = async () => {}
export default sponsors
