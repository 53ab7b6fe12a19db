// Every suite that touches the database runs on both: `describeEachDatabase` gives each kind a fresh,
// migrated database with the gazetteer loaded (cloned from the templates of global-setup.ts).
import { readFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { afterAll, afterEach, beforeAll, describe, inject } from 'vitest'
import type { FastifyInstance } from 'fastify'
import { testConfig, type TestConfigOverrides } from './config.ts'
import { connectDatabase, type DatabaseHandle, type DatabaseKind } from '../../db/connect.ts'
import { migrateToLatest } from '../../db/migrator.ts'
import { adminUrl, databaseUrl } from './postgres-url.ts'
import { checkResponsesAgainstSchemas, type ResponseChecker } from './response-schemas.ts'

export const DATABASE_KINDS: DatabaseKind[] = ['pglite', 'postgres']

export interface TestDatabase extends DatabaseHandle {
  /** The URL of the PostgreSQL database (null for PGlite): for tests that start a second process. */
  url: string | null
  drop(): Promise<void>
}

export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const template = new Blob([readFileSync(inject('pgliteTemplate'))])
    const handle = await connectDatabase({ databaseUrl: null, pgliteDir: 'memory://', pgliteLoadDataDir: template })
    await migrateToLatest(handle.db)
    return { ...handle, url: null, drop: () => handle.close() }
  }
  // The template name carries the run's pid; test databases reuse it so a crashed run's leftovers are found.
  const runPid = inject('postgresTemplate').replace(/^maillage_tpl_/, '')
  const name = `maillage_t_${runPid}_${randomBytes(5).toString('hex')}`
  const admin = new pg.Client({ connectionString: adminUrl() })
  await admin.connect()
  try {
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${inject('postgresTemplate')}"`)
  } finally {
    await admin.end()
  }
  const url = databaseUrl(name)
  const handle = await connectDatabase({ databaseUrl: url, poolSize: 10 })
  await migrateToLatest(handle.db)
  return {
    ...handle,
    url,
    async drop() {
      await handle.close()
      const a = new pg.Client({ connectionString: adminUrl() })
      await a.connect()
      try {
        await a.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
      } finally {
        await a.end()
      }
    },
  }
}

export { testConfig } from './config.ts'

export interface DatabaseContext {
  kind: DatabaseKind
  readonly database: TestDatabase
}

/** Runs `body` once per database kind, each with its own fresh database. */
export function describeEachDatabase(name: string, body: (context: DatabaseContext) => void): void {
  for (const kind of DATABASE_KINDS) {
    describe(`${name} [${kind}]`, () => {
      let database: TestDatabase | undefined
      const context: DatabaseContext = {
        kind,
        get database() {
          if (!database) throw new Error('database not ready (use it inside tests or hooks)')
          return database
        },
      }
      beforeAll(async () => {
        database = await createTestDatabase(kind)
      })
      afterAll(async () => {
        await database?.drop()
      })
      body(context)
    })
  }
}

export interface AppContext extends DatabaseContext {
  readonly app: FastifyInstance
}

/**
 * Like describeEachDatabase, with the Fastify app built on that database (use `app.inject` or supertest). Every
 * JSON answer is checked against the response schema /openapi.json documents for its route and status: a
 * mismatch fails the test that received it (tests/helpers/response-schemas.ts).
 */
export function describeEachApp(name: string, body: (context: AppContext) => void, configOverrides: TestConfigOverrides = {}): void {
  describeEachDatabase(name, (dbContext) => {
    let app: FastifyInstance | undefined
    let checker: ResponseChecker | undefined
    const context: AppContext = {
      get kind() {
        return dbContext.kind
      },
      get database() {
        return dbContext.database
      },
      get app() {
        if (!app) throw new Error('app not ready')
        return app
      },
    }
    beforeAll(async () => {
      // Imported here so database-only suites do not load (or depend on) the whole API.
      const { buildApp } = await import('../../api/app.ts')
      app = await buildApp({ config: testConfig(configOverrides), database: dbContext.database })
      checker = checkResponsesAgainstSchemas(app)
      await app.ready()
    })
    afterEach(() => {
      const mismatches = checker?.takeMismatches() ?? []
      if (mismatches.length > 0) {
        throw new Error(`answer(s) not matching the documented response schema:\n${mismatches.join('\n')}`)
      }
    })
    afterAll(async () => {
      await app?.close()
    })
    body(context)
  })
}
