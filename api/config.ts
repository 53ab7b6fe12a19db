// Reads the environment once (DESIGN.md "Configuration contract"); everything else receives a Config.
import { randomBytes } from 'node:crypto'
import { isIP } from 'node:net'

export interface Config {
  databaseUrl: string | null
  databaseReadUrls: string[]
  pgliteDir: string
  port: number
  host: string
  seed: 'demo' | 'none'
  redisUrl: string | null
  basemapStyleUrl: string | null
  sessionSecret: string
  production: boolean
  addressGeocoderUrl: string | null
  publicBaseUrl: string | null
  /** Fastify `trustProxy`: false (default), a hop count, or the proxies' addresses/CIDR ranges. */
  trustProxy: false | number | string[]
  /** Browser origins allowed to call write routes (CORS); empty → none. */
  corsOrigins: string[]
  /** After SIGTERM, how long the listener keeps answering (503) while accepted requests finish. */
  shutdownDrainMs: number
  /** Requests per minute and per client address on the public API. */
  rateLimitMax: number
  /** Key prefix of the rate-limit counters in Redis (instances sharing one prefix share the counts). */
  rateLimitNamespace: string
  /** Key prefix of the shared caches in Redis (tiles: `<prefix>-tiles:`). */
  cacheNamespace: string
  logLevel: LogLevel
  /** Load-shedding thresholds (api/plugins/pressure.ts); 0 disables a check. */
  pressure: PressureConfig
  /** How often the server looks for sources due for harvesting (db/sync/harvest.ts); 0 = never. */
  harvestIntervalMs: number
  /** Key that encrypts webhook secrets at rest (WEBHOOK_SECRET_KEY); null: derived from the session secret. */
  webhookSecretKey: string | null
  /** First retry delay of a failed webhook delivery, doubled each attempt (WEBHOOK_RETRY_BASE_MS). */
  webhookRetryBaseMs: number
  /** How often `serve` delivers pending webhooks (WEBHOOK_INTERVAL_MS). */
  webhookIntervalMs: number
  /** Where /data/ files are built (OPEN_DATA_DIR); null: a temporary folder per process. */
  openDataDir: string | null
  /** How often `serve` checks the changes feed to rebuild /data/ (OPEN_DATA_REFRESH_MS; 0: only on demand). */
  openDataRefreshMs: number
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const
export type LogLevel = (typeof LOG_LEVELS)[number]

export interface PressureConfig {
  maxEventLoopDelay: number
  maxEventLoopUtilization: number
  maxHeapUsedBytes: number
  maxRssBytes: number
  retryAfter: number
  sampleInterval: number
}

/**
 * Every variable the service reads (DESIGN.md "Configuration contract" plus the operational knobs of the
 * README). docker-compose.yml is checked against this list (tests/unit/config-compose.test.ts).
 */
export const CONFIG_VARIABLES = [
  'NODE_ENV',
  'DATABASE_URL',
  'DATABASE_READ_URLS',
  'PGLITE_DIR',
  'PORT',
  'HOST',
  'SEED',
  'REDIS_URL',
  'BASEMAP_STYLE_URL',
  'SESSION_SECRET',
  'ADDRESS_GEOCODER_URL',
  'PUBLIC_BASE_URL',
  'TRUST_PROXY',
  'CORS_ORIGINS',
  'SHUTDOWN_DRAIN_MS',
  'RATE_LIMIT_MAX',
  'RATE_LIMIT_NAMESPACE',
  'CACHE_NAMESPACE',
  'LOG_LEVEL',
  'MAX_EVENT_LOOP_DELAY_MS',
  'MAX_EVENT_LOOP_UTILIZATION',
  'MAX_HEAP_USED_BYTES',
  'MAX_RSS_BYTES',
  'PRESSURE_RETRY_AFTER_S',
  'PRESSURE_SAMPLE_INTERVAL_MS',
  'WEBHOOK_SECRET_KEY',
  'WEBHOOK_INTERVAL_MS',
  'WEBHOOK_RETRY_BASE_MS',
  'OPEN_DATA_DIR',
  'OPEN_DATA_REFRESH_MS',
  'HARVEST_INTERVAL_MS',
] as const

/** Variables without which the service refuses to start in production (NODE_ENV=production). */
export const REQUIRED_IN_PRODUCTION = ['SESSION_SECRET'] as const

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === 'production'
  const databaseUrl = nonEmpty(env.DATABASE_URL)
  const seed = nonEmpty(env.SEED) ?? (databaseUrl ? 'none' : 'demo')
  if (seed !== 'demo' && seed !== 'none') throw new Error(`SEED doit valoir "demo" ou "none" (reçu "${seed}")`)
  const sessionSecret = nonEmpty(env.SESSION_SECRET)
  if (production && !sessionSecret) throw new Error('SESSION_SECRET est obligatoire quand NODE_ENV=production')
  if (sessionSecret && sessionSecret.length < 32) throw new Error('SESSION_SECRET doit compter au moins 32 caractères')
  return {
    databaseUrl,
    databaseReadUrls: (env.DATABASE_READ_URLS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    pgliteDir: nonEmpty(env.PGLITE_DIR) ?? '.pglite',
    port: readPort(nonEmpty(env.PORT)),
    host: nonEmpty(env.HOST) ?? '127.0.0.1',
    seed,
    redisUrl: nonEmpty(env.REDIS_URL),
    basemapStyleUrl: nonEmpty(env.BASEMAP_STYLE_URL),
    // A random key per boot in development: sessions simply do not survive a restart.
    sessionSecret: sessionSecret ?? randomBytes(32).toString('hex'),
    production,
    addressGeocoderUrl: nonEmpty(env.ADDRESS_GEOCODER_URL),
    publicBaseUrl: nonEmpty(env.PUBLIC_BASE_URL),
    trustProxy: readTrustProxy(nonEmpty(env.TRUST_PROXY)),
    corsOrigins: readOrigins(nonEmpty(env.CORS_ORIGINS)),
    shutdownDrainMs: readDrainMs(env.SHUTDOWN_DRAIN_MS),
    rateLimitMax: readInteger(env, 'RATE_LIMIT_MAX', 600, { min: 1, unit: 'requêtes par minute' }),
    rateLimitNamespace: nonEmpty(env.RATE_LIMIT_NAMESPACE) ?? 'maillage-rl-',
    cacheNamespace: nonEmpty(env.CACHE_NAMESPACE) ?? 'maillage',
    logLevel: readLogLevel(nonEmpty(env.LOG_LEVEL)),
    pressure: readPressure(env),
    harvestIntervalMs: readHarvestMs(env.HARVEST_INTERVAL_MS, production),
    webhookSecretKey: nonEmpty(env.WEBHOOK_SECRET_KEY),
    webhookRetryBaseMs: readInteger(env, 'WEBHOOK_RETRY_BASE_MS', 30_000, { min: 1, unit: 'millisecondes' }),
    webhookIntervalMs: readInteger(env, 'WEBHOOK_INTERVAL_MS', 5000, { unit: 'millisecondes (0 : arrêté)' }),
    openDataDir: nonEmpty(env.OPEN_DATA_DIR),
    openDataRefreshMs: readInteger(env, 'OPEN_DATA_REFRESH_MS', 60_000, { unit: 'millisecondes (0 : à la demande)' }),
  }
}

function readPort(value: string | null): number {
  if (value === null) return 3000
  const port = Number(value)
  if (!/^\d+$/.test(value) || port > 65535) throw new Error(`PORT doit être un numéro de port entre 0 et 65535 (reçu "${value}")`)
  return port
}

function readLogLevel(value: string | null): LogLevel {
  if (value === null) return 'warn'
  if (!(LOG_LEVELS as readonly string[]).includes(value))
    throw new Error(`LOG_LEVEL doit valoir ${LOG_LEVELS.join(', ')} (reçu "${value}")`)
  return value as LogLevel
}

function readPressure(env: NodeJS.ProcessEnv): PressureConfig {
  return {
    // A mean delay of a second means every request already waits that long before its handler runs.
    maxEventLoopDelay: readInteger(env, 'MAX_EVENT_LOOP_DELAY_MS', 1000, { unit: 'millisecondes (0 : désactivé)' }),
    // Off by default: a busy but healthy instance legitimately runs near 100 % utilisation.
    maxEventLoopUtilization: readFraction(env, 'MAX_EVENT_LOOP_UTILIZATION'),
    maxHeapUsedBytes: readInteger(env, 'MAX_HEAP_USED_BYTES', 0, { unit: 'octets (0 : désactivé)' }),
    maxRssBytes: readInteger(env, 'MAX_RSS_BYTES', 0, { unit: 'octets (0 : désactivé)' }),
    retryAfter: readInteger(env, 'PRESSURE_RETRY_AFTER_S', 5, { min: 1, unit: 'secondes' }),
    sampleInterval: readInteger(env, 'PRESSURE_SAMPLE_INTERVAL_MS', 500, { min: 1, unit: 'millisecondes' }),
  }
}

/** A non-negative whole number; `1e9` is accepted (byte sizes are written that way), `abc` or `-1` are refused. */
function readInteger(env: NodeJS.ProcessEnv, name: string, fallback: number, { min = 0, unit }: { min?: number; unit: string }): number {
  const text = nonEmpty(env[name])
  if (text === null) return fallback
  const value = Number(text)
  if (!/^\d+(e\d+)?$/i.test(text) || !Number.isSafeInteger(value) || value < min) {
    throw new Error(`${name} doit être un nombre entier ${min > 0 ? `d’au moins ${min}` : 'positif ou nul'}, en ${unit} (reçu "${text}")`)
  }
  return value
}

function readFraction(env: NodeJS.ProcessEnv, name: string): number {
  const text = nonEmpty(env[name])
  if (text === null) return 0
  const value = Number(text)
  if (!/^\d+(\.\d+)?$/.test(text) || value > 1) throw new Error(`${name} doit être une fraction entre 0 et 1 (reçu "${text}")`)
  return value
}

// `true` (trust every hop) is refused: whoever reaches the port could then choose their own address.
function readTrustProxy(value: string | null): Config['trustProxy'] {
  if (value === null) return false
  if (/^\d+$/.test(value)) return Number(value) === 0 ? false : Number(value)
  const list = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  const valid = (a: string) =>
    ['loopback', 'linklocal', 'uniquelocal'].includes(a) ||
    (([ip, bits]) => isIP(ip) !== 0 && (bits === undefined || /^\d{1,3}$/.test(bits)))(a.split('/'))
  const bad = list.find((a) => !valid(a))
  if (bad !== undefined || list.length === 0) {
    throw new Error(
      `TRUST_PROXY doit être un nombre de relais (ex. 1) ou une liste d’adresses ou de plages (ex. 10.0.0.0/8,::1) ; ` +
        `« ${bad ?? value} » n’en est pas une`,
    )
  }
  return list
}

function readOrigins(value: string | null): string[] {
  const list = (value ?? '')
    .split(',')
    .map((s) => s.trim().replace(/\/$/, ''))
    .filter(Boolean)
  const bad = list.find((o) => !/^https?:\/\/[^/\s]+$/.test(o))
  if (bad !== undefined) throw new Error(`CORS_ORIGINS : « ${bad} » n’est pas une origine (ex. https://carte.gironde.fr)`)
  return list
}

function readDrainMs(value: string | undefined): number {
  const text = nonEmpty(value)
  if (text === null) return 5000
  const ms = Number(text)
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(ms) || ms > 600_000) {
    throw new Error(`SHUTDOWN_DRAIN_MS doit être un nombre entier de millisecondes entre 0 et 600000 (reçu "${text}")`)
  }
  return ms
}

/** Off unless asked, except in production (every minute): tests and development never fetch on their own. */
function readHarvestMs(value: string | undefined, production: boolean): number {
  const text = nonEmpty(value)
  if (text === null) return production ? 60_000 : 0
  const ms = Number(text)
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(ms) || (ms !== 0 && ms < 1000)) {
    throw new Error(`HARVEST_INTERVAL_MS doit valoir 0 (désactivé) ou un nombre entier de millisecondes d’au moins 1000 (reçu "${text}")`)
  }
  return ms
}

function nonEmpty(value: string | undefined): string | null {
  return value && value.trim() !== '' ? value.trim() : null
}
