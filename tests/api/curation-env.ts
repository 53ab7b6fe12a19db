// Imported first by the curation suites: PGlite runs queries on the event loop, so under the load of a
// shared test machine the load-shedding plugin (api/plugins/pressure.ts) would answer 503 at random.
process.env.MAX_EVENT_LOOP_DELAY_MS = '0'
