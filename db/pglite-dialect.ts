// Kysely dialect over one embedded PGlite instance.
// kysely-pglite hands every caller the same connection with no lock, so two concurrent transactions would
// interleave their statements; this wrapper serialises connections so a transaction owns the database
// until it commits or rolls back (PGlite is single-session anyway).
import type { PGlite } from '@electric-sql/pglite'
import { KyselyPGlite } from 'kysely-pglite'
import type { DatabaseConnection, Dialect, Driver, TransactionSettings } from 'kysely'

class Mutex {
  private tail: Promise<void> = Promise.resolve()
  acquire(): Promise<() => void> {
    let release!: () => void
    const next = new Promise<void>((resolve) => (release = resolve))
    const ready = this.tail.then(() => release)
    this.tail = this.tail.then(() => next)
    return ready
  }
}

class SerialisedDriver implements Driver {
  private readonly mutex = new Mutex()
  private readonly releases = new WeakMap<DatabaseConnection, () => void>()
  constructor(private readonly inner: Driver) {}
  init(): Promise<void> {
    return this.inner.init()
  }
  async acquireConnection(): Promise<DatabaseConnection> {
    const release = await this.mutex.acquire()
    const connection = await this.inner.acquireConnection()
    // One wrapper object per acquisition, so its release cannot be confused with another's.
    const owned: DatabaseConnection = {
      executeQuery: (query) => connection.executeQuery(query),
      streamQuery: (query, chunkSize) => connection.streamQuery(query, chunkSize),
    }
    this.releases.set(owned, release)
    return owned
  }
  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return this.inner.beginTransaction(connection, settings)
  }
  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.commitTransaction(connection)
  }
  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.rollbackTransaction(connection)
  }
  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    this.releases.get(connection)?.()
    this.releases.delete(connection)
  }
  destroy(): Promise<void> {
    return this.inner.destroy()
  }
}

export function pgliteDialect(client: PGlite): Dialect {
  const base = new KyselyPGlite(client).dialect
  return {
    createAdapter: () => base.createAdapter(),
    createDriver: () => new SerialisedDriver(base.createDriver()),
    createIntrospector: (db) => base.createIntrospector(db),
    createQueryCompiler: () => base.createQueryCompiler(),
  }
}
