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
  /** How often the server looks for sources due for harvesting (db/sync/harvest.ts); 0 = never. */
  harvestIntervalMs: number
}

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
    databaseReadUrls: (env.DATABASE_READ_URLS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    pgliteDir: nonEmpty(env.PGLITE_DIR) ?? '.pglite',
    port: Number(env.PORT ?? 3000),
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
    harvestIntervalMs: readHarvestMs(env.HARVEST_INTERVAL_MS, production),
  }
}

// `true` (trust every hop) is refused: whoever reaches the port could then choose their own address.
function readTrustProxy(value: string | null): Config['trustProxy'] {
  if (value === null) return false
  if (/^\d+$/.test(value)) return Number(value) === 0 ? false : Number(value)
  const list = value.split(',').map((s) => s.trim()).filter(Boolean)
  const valid = (a: string) => ['loopback', 'linklocal', 'uniquelocal'].includes(a) || (([ip, bits]) => isIP(ip) !== 0 && (bits === undefined || /^\d{1,3}$/.test(bits)))(a.split('/'))
  const bad = list.find((a) => !valid(a))
  if (bad !== undefined || list.length === 0) {
    throw new Error(`TRUST_PROXY doit être un nombre de relais (ex. 1) ou une liste d’adresses ou de plages (ex. 10.0.0.0/8,::1) ; « ${bad ?? value} » n’en est pas une`)
  }
  return list
}

function readOrigins(value: string | null): string[] {
  const list = (value ?? '').split(',').map((s) => s.trim().replace(/\/$/, '')).filter(Boolean)
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
