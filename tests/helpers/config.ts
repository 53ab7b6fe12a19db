// The Config a test app runs with: built by the real readConfig from a fixed test environment, then overridden
// field by field — tests configure the app through this, not by setting process.env.
import { readConfig, type Config, type PressureConfig } from '../../api/config.ts'

export type TestConfigOverrides = Partial<Omit<Config, 'pressure'>> & { pressure?: Partial<PressureConfig> }

const TEST_ENV = {
  SEED: 'none',
  SESSION_SECRET: 'x'.repeat(40),
  // A loaded test machine must not shed our requests; tests/faults/event-loop.test.ts turns shedding on itself.
  MAX_EVENT_LOOP_DELAY_MS: '0',
}

export function testConfig(overrides: TestConfigOverrides = {}): Config {
  const base = readConfig({ ...TEST_ENV } as NodeJS.ProcessEnv)
  return { ...base, ...overrides, pressure: { ...base.pressure, ...overrides.pressure } }
}
