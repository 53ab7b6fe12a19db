import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/helpers/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    fileParallelism: true,
    reporters: ['default'],
    // CI machines are busy: load shedding would turn answers into random 503s. (PGlite no longer runs queries on
    // the event loop, db/pglite-worker.js, but a starved machine and main-thread work such as the coverage
    // recompute still delay it.) tests/faults/event-loop.test.ts and long-query.test.ts turn it on for themselves.
    env: { MAX_EVENT_LOOP_DELAY_MS: '0' },
  },
})
