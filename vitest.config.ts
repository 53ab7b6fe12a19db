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
    // PGlite runs queries on the event loop and CI machines are busy: load shedding would turn answers into
    // random 503s. tests/faults/event-loop.test.ts turns it on for itself to test it.
    env: { MAX_EVENT_LOOP_DELAY_MS: '0' },
  },
})
