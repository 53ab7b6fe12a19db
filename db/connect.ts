// Chooses the driver: PostgreSQL through a pg Pool when a URL is given, embedded PGlite otherwise.
import { Kysely, PostgresDialect, type PostgresPool } from 'kysely'
import pg from 'pg'
import type { Database } from './types.ts'
import { lockDataDir } from './pglite-lock.ts'
import { startPgliteServer } from './pglite-server.ts'

export type DatabaseKind = 'postgres' | 'pglite'

export interface DatabaseHandle {
  db: Kysely<Database>
  /** Read-only queries may go here (replicas when DATABASE_READ_URLS is set, else the primary). */
  readDb: Kysely<Database>
  kind: DatabaseKind
  /** The raw pool on PostgreSQL, for benchmarks comparing HTTP against straight SQL. */
  pool: pg.Pool | null
  /** The embedded database (data-dir dumps for tests), null on PostgreSQL. */
  pglite: { dumpDataDir(compression?: 'none' | 'gzip' | 'auto'): Promise<Blob> } | null
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

// PGlite runs in a worker thread behind a private Unix socket (db/pglite-server.ts, db/pglite-worker.js), reached
// through pg like PostgreSQL: one driver, one set of type parsers, and the HTTP thread stays free during a long
// query. One connection in the pool: PGlite has a single session, so a transaction owns it until it ends (the
// single writer), and waiting callers queue for it without a time limit (a national figure may take seconds).
async function connectPglite(dir: string, loadDataDir?: Blob): Promise<DatabaseHandle> {
  const inMemory = dir.startsWith('memory://')
  const unlock = inMemory ? () => {} : lockDataDir(dir)
  try {
    const server = await startPgliteServer(dir, loadDataDir)
    const pool = new pg.Pool({
      host: server.socketDir,
      port: 5432,
      user: 'postgres',
      database: 'postgres',
      max: 1,
      connectionTimeoutMillis: 0,
      idleTimeoutMillis: 0,
      allowExitOnIdle: true,
    })
    pool.on('error', () => {})
    pool.on('connect', (client) => {
      client.on('error', () => {})
    })
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
    return {
      db,
      readDb: db,
      kind: 'pglite',
      pool: null,
      pglite: server,
      async close() {
        try {
          await db.destroy()
          await server.stop()
        } finally {
          unlock()
        }
      },
    }
  } catch (error) {
    unlock()
    throw error
  }
}
