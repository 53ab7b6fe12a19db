// The producers' domain: their own ids (/api/v1/sources/{source}/venues/{id}), the whole-file sync, harvesting.
import type { FastifyPluginAsync } from 'fastify'
import datasetRoute from './dataset-route.ts'

const sources: FastifyPluginAsync = async (app) => {
  await app.register(datasetRoute)
}
export default sources
