// Chooses the driver: PostgreSQL through a pg Pool when a URL is given, embedded PGlite otherwise.
import { Kysely, PostgresDialect, type PostgresPool } from 'kysely'
import pg from 'pg'
import type { Database } from './types.ts'
import { pgliteDialect } from './pglite-dialect.ts'
import { lockDataDir } from './pglite-lock.ts'

export type DatabaseKind = 'postgres' | 'pglite'

export interface DatabaseHandle {
  db: Kysely<Database>
  /** Read-only queries may go here (replicas when DATABASE_READ_URLS is set, else the primary). */
  readDb: Kysely<Database>
  kind: DatabaseKind
  /** The raw pool on PostgreSQL, for benchmarks comparing HTTP against straight SQL. */
  pool: pg.Pool | null
  /** The embedded client (data-dir dumps for tests and backups), null on PostgreSQL. */
  pglite: import('@electric-sql/pglite').PGlite | null
  close(): Promise<void>
}

export interface ConnectOptions {
  databaseUrl: string | null
  databaseReadUrls?: string[]
  pgliteDir?: string
  /** A PGlite data dir tarball to start from (tests clone a migrated template this way). */
  pgliteLoadDataDir?: Blob
  poolSize?: number
}

// Same JS types from both drivers: bigint counts as numbers, dates as 'YYYY-MM-DD', numeric as numbers.
const INT8 = 20
const NUMERIC = 1700
const DATE = 1082
pg.types.setTypeParser(INT8, (value) => Number(value))
pg.types.setTypeParser(NUMERIC, (value) => Number(value))
pg.types.setTypeParser(DATE, (value) => value)

export async function connectDatabase(options: ConnectOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) return connectPostgres(options.databaseUrl, options.databaseReadUrls ?? [], options.poolSize)
  return connectPglite(options.pgliteDir ?? '.pglite', options.pgliteLoadDataDir)
}

function newPool(url: string, max: number): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 2000, idleTimeoutMillis: 30_000 })
  // An idle client losing its server must not crash the process; the next query reports the error.
  pool.on('error', () => {})
  // Same for a checked-out client whose server goes away mid-query (PostgreSQL stopped, failover): pg emits
  // 'error' on the client, which would crash the process without a listener. The query itself rejects,
  // the error handler answers 503, and pg-pool discards the dead client on release.
  pool.on('connect', (client) => {
    client.on('error', () => {})
  })
  return pool
}

async function connectPostgres(url: string, readUrls: string[], poolSize = 20): Promise<DatabaseHandle> {
  const pool = newPool(url, poolSize)
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  const readPools = readUrls.map((readUrl) => newPool(readUrl, poolSize))
  const readDb = readPools.length === 0 ? db : new Kysely<Database>({ dialect: new PostgresDialect({ pool: roundRobin(readPools) }) })
  return {
    db,
    readDb,
    kind: 'postgres',
    pool,
    pglite: null,
    async close() {
      if (readDb !== db) await readDb.destroy()
      await db.destroy()
    },
  }
}

/** A pool-shaped object spreading connections over several replicas. */
function roundRobin(pools: pg.Pool[]): PostgresPool {
  let next = 0
  return {
    connect: () => pools[next++ % pools.length].connect(),
    end: async () => {
      await Promise.all(pools.map((p) => p.end()))
    },
  }
}

async function connectPglite(dir: string, loadDataDir?: Blob): Promise<DatabaseHandle> {
  const { PGlite } = await import('@electric-sql/pglite')
  const { postgis } = await import('@electric-sql/pglite-postgis')
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm')
  const { unaccent } = await import('@electric-sql/pglite/contrib/unaccent')
  const inMemory = dir.startsWith('memory://')
  const unlock = inMemory ? () => {} : lockDataDir(dir)
  try {
    const client = await PGlite.create({
      dataDir: dir,
      loadDataDir,
      extensions: { postgis, pg_trgm, unaccent },
      parsers: { [DATE]: (value: string) => value, [NUMERIC]: (value: string) => Number(value) },
    })
    const db = new Kysely<Database>({ dialect: pgliteDialect(client) })
    return {
      db,
      readDb: db,
      kind: 'pglite',
      pool: null,
      pglite: client,
      async close() {
        await db.destroy()
        unlock()
      },
    }
  } catch (error) {
    unlock()
    throw error
  }
}
