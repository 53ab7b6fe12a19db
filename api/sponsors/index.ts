// The sponsors domain: CINOV-IT member companies, their sponsorships, and the server-rendered company page.
import type { FastifyPluginAsync } from 'fastify'
import companies from './companies-routes.ts'
import emploisAvenir from './emplois-avenir-routes.ts'
import companyImport from './import.ts'
import pages from './pages.ts'
import sponsorships from './sponsorships-routes.ts'
import needs from './needs-routes.ts'
import review from './review-routes.ts'

const sponsors: FastifyPluginAsync = async (app) => {
  await app.register(companies)
  await app.register(companyImport)
  await app.register(sponsorships)
  await app.register(emploisAvenir)
  await app.register(needs)
  await app.register(review)
  await app.register(pages)
}
export default sponsors
