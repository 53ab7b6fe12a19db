// The typed Config (api/config.ts): defaults, French errors for bad values, and the environments that
// docker-compose.yml gives the app services (no unknown variable, none missing in production).
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'
import { CONFIG_VARIABLES, REQUIRED_IN_PRODUCTION, readConfig } from '../../api/config.ts'

const read = (env: Record<string, string>) => readConfig(env as NodeJS.ProcessEnv)

const DESIGN_CONTRACT = [
  'DATABASE_URL',
  'DATABASE_READ_URLS',
  'PGLITE_DIR',
  'PORT',
  'HOST',
  'SEED',
  'REDIS_URL',
  'BASEMAP_STYLE_URL',
  'SESSION_SECRET',
  'TRUST_PROXY',
  'CORS_ORIGINS',
  'SHUTDOWN_DRAIN_MS',
]

describe('readConfig', () => {
  it('gives the documented defaults', () => {
    const config = read({})
    expect(config).toMatchObject({
      databaseUrl: null,
      pgliteDir: '.pglite',
      port: 3000,
      host: '127.0.0.1',
      seed: 'demo',
      redisUrl: null,
      rateLimitMax: 600,
      rateLimitNamespace: 'maillage-rl-',
      cacheNamespace: 'maillage',
      logLevel: 'warn',
      shutdownDrainMs: 5000,
      pressure: {
        maxEventLoopDelay: 1000,
        maxEventLoopUtilization: 0,
        maxHeapUsedBytes: 0,
        maxRssBytes: 0,
        retryAfter: 5,
        sampleInterval: 500,
      },
    })
    expect(read({ DATABASE_URL: 'postgres://x/y' }).seed).toBe('none')
  })

  it('reads typed values', () => {
    expect(
      read({ PORT: '0', RATE_LIMIT_MAX: '8', LOG_LEVEL: 'info', MAX_RSS_BYTES: '1e9', MAX_EVENT_LOOP_UTILIZATION: '0.98' }),
    ).toMatchObject({
      port: 0,
      rateLimitMax: 8,
      logLevel: 'info',
      pressure: { maxRssBytes: 1e9, maxEventLoopUtilization: 0.98 },
    })
  })

  it.each([
    [{ PORT: 'http' }, /^PORT doit être un numéro de port/],
    [{ PORT: '70000' }, /^PORT doit être un numéro de port/],
    [{ SEED: 'all' }, /^SEED doit valoir "demo" ou "none"/],
    [{ RATE_LIMIT_MAX: '0' }, /^RATE_LIMIT_MAX doit être un nombre entier d’au moins 1/],
    [{ RATE_LIMIT_MAX: '10/min' }, /^RATE_LIMIT_MAX doit être un nombre entier/],
    [{ LOG_LEVEL: 'verbose' }, /^LOG_LEVEL doit valoir fatal, error, warn/],
    [{ MAX_EVENT_LOOP_DELAY_MS: '-1' }, /^MAX_EVENT_LOOP_DELAY_MS doit être un nombre entier positif ou nul/],
    [{ MAX_EVENT_LOOP_UTILIZATION: '1.5' }, /^MAX_EVENT_LOOP_UTILIZATION doit être une fraction entre 0 et 1/],
    [{ SHUTDOWN_DRAIN_MS: 'soon' }, /^SHUTDOWN_DRAIN_MS doit être un nombre entier/],
    [{ NODE_ENV: 'production' }, /^SESSION_SECRET est obligatoire/],
    [{ SESSION_SECRET: 'short' }, /^SESSION_SECRET doit compter au moins 32 caractères/],
  ])('refuses %j in French', (env, message) => {
    expect(() => read(env)).toThrow(message)
  })

  it('knows every variable of the configuration contract (DESIGN.md names are stable)', () => {
    // The "Configuration contract" table of the shared DESIGN.md (outside this repository, so not read here).
    for (const name of DESIGN_CONTRACT) expect(CONFIG_VARIABLES, name).toContain(name)
  })

  it('knows every variable the README documents', () => {
    const readme = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8')
    const section = readme.slice(readme.indexOf('## Configuration'))
    const names = [...section.matchAll(/^\| `([A-Z_]+)`(?:, `([A-Z_]+)`)?/gm)].flatMap((m) => m.slice(1).filter(Boolean))
    expect(names.length).toBeGreaterThan(8)
    for (const name of names) expect(CONFIG_VARIABLES, name).toContain(name)
  })
})

describe('docker-compose.yml', () => {
  const compose = parse(readFileSync(fileURLToPath(new URL('../../docker-compose.yml', import.meta.url)), 'utf8'), { merge: true }) as {
    services: Record<string, { build?: unknown; image?: string; environment?: Record<string, string | number> }>
  }
  const apps = Object.entries(compose.services).filter(([, service]) => service.build !== undefined || service.image === 'maillage:local')

  it('builds the app image from the Dockerfile for every app service, never a bind-mounted checkout', () => {
    expect(apps.map(([name]) => name).sort()).toEqual(['app', 'app-1', 'app-2'])
    for (const [name, service] of apps) expect(service.image, name).toBe('maillage:local')
  })

  it.each(['app', 'app-1', 'app-2'])('gives %s only known variables, the required ones, and values readConfig accepts', (name) => {
    const environment = compose.services[name].environment ?? {}
    const unknown = Object.keys(environment).filter((key) => !(CONFIG_VARIABLES as readonly string[]).includes(key))
    expect(unknown).toEqual([])
    if (environment.NODE_ENV === 'production')
      for (const key of REQUIRED_IN_PRODUCTION) expect(Object.keys(environment), key).toContain(key)
    // `${SESSION_SECRET:?…}` is filled by the operator's shell: stand in a valid secret.
    const env = Object.fromEntries(
      Object.entries(environment).map(([key, value]) => [key, String(value).startsWith('${') ? 's'.repeat(40) : String(value)]),
    )
    expect(() => readConfig(env as NodeJS.ProcessEnv)).not.toThrow()
  })
})
