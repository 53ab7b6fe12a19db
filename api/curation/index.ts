// The curation domain: moderation of submissions, duplicates, audit log (venue writes live in api/venues).
import type { FastifyPluginAsync } from 'fastify'
import auditRoutes from './audit-routes.ts'
import duplicateRoutes from './duplicate-routes.ts'
import submissionRoutes from './submission-routes.ts'

const curation: FastifyPluginAsync = async (app) => {
  await app.register(submissionRoutes)
  await app.register(duplicateRoutes)
  await app.register(auditRoutes)
}
export default curation
