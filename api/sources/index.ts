// The producers' domain (registered after the venue domains, whose GET/PATCH the aliases reuse): their own ids
// (/api/v1/sources/{source}/venues/{id}), the whole-file sync, harvesting.
import type { FastifyPluginAsync } from 'fastify'
import adminRoutes from './admin-routes.ts'
import datasetRoute from './dataset-route.ts'
import harvestTimer from './harvest-timer.ts'
import { registerVenueAliases } from './venue-aliases.ts'

export { captureVenueRoutes } from './venue-aliases.ts'

const sources: FastifyPluginAsync = async (app) => {
  await app.register(datasetRoute)
  await app.register(adminRoutes)
  await app.register(harvestTimer)
  await app.register(async (scope) => registerVenueAliases(scope))
}
export default sources
