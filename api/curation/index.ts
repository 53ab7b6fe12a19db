// The curation domain: venue writes, moderation, history, duplicates, audit log.
import type { FastifyPluginAsync } from 'fastify'
import auditRoutes from './audit-routes.ts'
import duplicateRoutes from './duplicate-routes.ts'
import submissionRoutes from './submission-routes.ts'
import venueRoutes from './venue-routes.ts'

const curation: FastifyPluginAsync = async (app) => {
  await app.register(venueRoutes)
  await app.register(submissionRoutes)
  await app.register(duplicateRoutes)
  await app.register(auditRoutes)
}
export default curation
