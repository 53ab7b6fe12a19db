// The geocode domain's routes are registered here.
import type { FastifyPluginAsync } from 'fastify'

const geocode: FastifyPluginAsync = async () => {}
export default geocode
