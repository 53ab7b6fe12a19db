// The tiles domain's routes are registered here.
import type { FastifyPluginAsync } from 'fastify'

const tiles: FastifyPluginAsync = async () => {}
export default tiles
