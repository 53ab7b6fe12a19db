// Starts the whole application for end-to-end tests and scripts: a fresh seeded database, the Fastify app
// listening on a random port of 127.0.0.1, and Debian's Chromium driven by playwright-core.
//   const e2e = await startE2E({ seed: 'demo-subset' })   // { baseUrl, browser, database, app, close }
// Shared by tests/, bench/ and scripts/ (none imports another's files). Inside Vitest, tests/e2e/helpers/start.ts
// passes `openDatabase` (a clone of the run's migrated templates); elsewhere a fresh embedded PGlite (or the
// empty DATABASE_URL) is migrated and loaded with the gazetteer.
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser } from 'playwright-core'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../api/app.ts'
import { readConfig, type Config } from '../api/config.ts'
import { connectDatabase, type DatabaseHandle, type DatabaseKind } from '../db/connect.ts'
import { loadCommunesIfEmpty } from '../db/communes/load.ts'
import { migrateToLatest } from '../db/migrator.ts'
import { seedDatabase, type E2ESeed } from './seed.ts'

export interface E2EOptions {
  seed?: E2ESeed
  kind?: DatabaseKind
  config?: Partial<Config>
  /** Runs after seeding, before the app starts (add labels, sponsors, users…). */
  prepare?(database: DatabaseHandle): Promise<void>
  /** false: no browser (API-only scripts). */
  browser?: boolean
  /** How to get a fresh database of `kind` (default: migrate a new one, see openFreshDatabase). */
  openDatabase?(kind: DatabaseKind): Promise<DatabaseHandle & { drop(): Promise<void> }>
}

export interface E2E {
  baseUrl: string
  browser: Browser
  database: DatabaseHandle
  app: FastifyInstance
  close(): Promise<void>
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  // WebGL (MapLibre) through the software rasteriser, without a GPU.
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
]

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS })
}

const E2E_ENV = {
  SEED: 'none',
  SESSION_SECRET: 'e'.repeat(40),
  // A page load makes dozens of API and tile requests from one address: lift the per-IP limit for the run.
  RATE_LIMIT_MAX: '100000',
  // Embedded PGlite runs queries on the event loop; on a shared CI machine that trips load shedding (503).
  MAX_EVENT_LOOP_DELAY_MS: '0',
}

const WEB_DIST_INDEX = fileURLToPath(new URL('../web/dist/index.html', import.meta.url))

async function openFreshDatabase(kind: DatabaseKind): Promise<DatabaseHandle & { drop(): Promise<void> }> {
  if (kind === 'postgres') {
    const url = process.env.DATABASE_URL
    if (!url) throw new Error('startE2E({ kind: "postgres" }) hors de Vitest demande DATABASE_URL (base vide dédiée)')
    const handle = await connectDatabase({ databaseUrl: url })
    await migrateToLatest(handle.db)
    await loadCommunesIfEmpty(handle.db)
    return { ...handle, drop: () => handle.close() }
  }
  const handle = await connectDatabase({ databaseUrl: null, pgliteDir: 'memory://' })
  await migrateToLatest(handle.db)
  await loadCommunesIfEmpty(handle.db)
  return { ...handle, drop: () => handle.close() }
}

export async function startE2E(options: E2EOptions = {}): Promise<E2E> {
  if (!existsSync(WEB_DIST_INDEX)) throw new Error('web/dist manque : lancez `npm run build:web` avant les tests de bout en bout')
  const database = await (options.openDatabase ?? openFreshDatabase)(options.kind ?? 'pglite')
  let app: FastifyInstance | null = null
  let browser: Browser | null = null
  try {
    await seedDatabase(database.db, options.seed ?? 'demo-subset')
    await options.prepare?.(database)
    const config = { ...readConfig(E2E_ENV as NodeJS.ProcessEnv), ...options.config }
    app = await buildApp({ config, database })
    const address = await app.listen({ port: 0, host: '127.0.0.1' })
    if (options.browser !== false) browser = await launchChromium()
    const started = { app, browser }
    return {
      baseUrl: address,
      browser: browser as Browser,
      database,
      app,
      async close() {
        await started.browser?.close()
        await started.app.close()
        await database.drop()
      },
    }
  } catch (error) {
    await browser?.close()
    await app?.close()
    await database.drop()
    throw error
  }
}
