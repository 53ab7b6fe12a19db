// The curation domain's routes are registered here.
import type { FastifyPluginAsync } from 'fastify'

const curation: FastifyPluginAsync = async () => {}
export default curation
