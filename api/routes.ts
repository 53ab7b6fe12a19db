// Every domain of the API, in one list: a domain registers its own routes in its index.ts.
import auth from './auth/index.ts'
import changes from './changes/index.ts'
import committees from './committees/index.ts'
import curation from './curation/index.ts'
import exports from './exports/index.ts'
import geocode from './geocode/index.ts'
import governance from './governance/index.ts'
import health from './health/index.ts'
import imports from './imports/index.ts'
import jobs from './jobs/index.ts'
import labels from './labels/index.ts'
import ogc from './ogc/index.ts'
import opendata from './opendata/index.ts'
import pages from './pages/index.ts'
import sponsors from './sponsors/index.ts'
import sources, { captureVenueRoutes } from './sources/index.ts'
import tiles from './tiles/index.ts'
import venues from './venues/index.ts'
import webhooks from './webhooks/index.ts'

// auth first: it decorates the request with the caller that the write routes of other domains check.
// captureVenueRoutes before the venue domains, sources after them (its aliases reuse their GET and PATCH routes).
export const DOMAINS = [
  auth,
  captureVenueRoutes,
  health,
  venues,
  geocode,
  exports,
  tiles,
  ogc,
  imports,
  curation,
  sources,
  labels,
  sponsors,
  governance,
  committees,
  jobs,
  changes,
  opendata,
  webhooks,
  pages,
]
