// Worker thread that owns the embedded PGlite database and serves it over the PostgreSQL wire protocol on a
// private Unix socket, so a long query runs here and never blocks the HTTP thread. Plain JavaScript on purpose:
// a worker is a fresh module graph, loaded without the TypeScript loader of the parent (vitest, tsx).
//
// Why our own server rather than @electric-sql/pglite-socket: that one hands PGlite each protocol message on its
// own (Parse, then Bind, then Execute, then Sync, each in its own call). After a failed Execute inside a migrated
// database, PGlite then answered ReadyForQuery twice (once after the error, once after Sync), so `pg` took the
// extra one as the end of the NEXT statement and every later answer was shifted by one (the 409-then-401 of the
// last session). Here a connection's messages are buffered up to the end of their group (Sync, Flush, a simple
// Query) and the group goes to PGlite in one call, exactly as PGlite's own query() does.
import { createServer } from 'node:net'
import { parentPort, workerData } from 'node:worker_threads'
import { PGlite } from '@electric-sql/pglite'
import { postgis } from '@electric-sql/pglite-postgis'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { unaccent } from '@electric-sql/pglite/contrib/unaccent'

/** @type {{ dataDir: string, loadDataDir: ArrayBuffer | null, socketPath: string }} */
const { dataDir, loadDataDir, socketPath } = workerData
const port = /** @type {import('node:worker_threads').MessagePort} */ (parentPort)

const SSL_REQUEST = 80877103
const GSSENC_REQUEST = 80877104
const CANCEL_REQUEST = 80877102
// Messages that end a group: Sync, Flush (a cursor's partial fetch), simple Query, Terminate.
const GROUP_END = new Set(['S', 'H', 'Q', 'X'].map((c) => c.charCodeAt(0)))
const FLUSH = 'H'.charCodeAt(0)
const TERMINATE = 'X'.charCodeAt(0)
const SYNC = [0x53, 0, 0, 0, 4]
const READY_FOR_QUERY = 'Z'.charCodeAt(0)

/**
 * One session at a time: PGlite has a single backend. A group runs only when no other connection owns the
 * session; a connection owns it while a transaction or a flushed (unsynced) group of its own is open, so a
 * transaction's statements never interleave with another connection's.
 */
class Session {
  /** @type {object | null} */ owner = null
  /** @type {Array<{ conn: object, run: () => Promise<void> }>} */ queue = []
  running = false

  /** @param {object} conn @param {() => Promise<void>} run */
  submit(conn, run) {
    return new Promise((resolve, reject) => {
      this.queue.push({ conn, run: () => run().then(resolve, reject) })
      void this.pump()
    })
  }

  async pump() {
    if (this.running) return
    this.running = true
    try {
      for (;;) {
        const i = this.queue.findIndex((job) => this.owner === null || job.conn === this.owner)
        if (i === -1) break
        const [job] = this.queue.splice(i, 1)
        await job.run()
      }
    } finally {
      this.running = false
    }
  }

  /** A connection went away: its queued groups are dropped, and an open transaction of its rolled back. */
  async forget(conn, db) {
    this.queue = this.queue.filter((job) => job.conn !== conn)
    if (this.owner !== conn) return
    await this.submitAsOwner(conn, async () => {
      // A Sync first ends a group left open by a Flush (and any error state of it), then the rollback.
      await db.execProtocolRawStream(new Uint8Array([...SYNC, ...simpleQuery('ROLLBACK')]), { onRawData: () => {} })
    })
    this.owner = null
    void this.pump()
  }

  submitAsOwner(conn, run) {
    return new Promise((resolve, reject) => {
      this.queue.unshift({ conn, run: () => run().then(resolve, reject) })
      void this.pump()
    })
  }
}

/** @param {string} text */
function simpleQuery(text) {
  const body = Buffer.from(`${text}\0`)
  const message = Buffer.alloc(5 + body.length)
  message.write('Q', 0)
  message.writeInt32BE(4 + body.length, 1)
  body.copy(message, 5)
  return new Uint8Array(message)
}

/**
 * @param {import('node:net').Socket} socket
 * @param {PGlite} db
 * @param {Session} session
 */
function serve(socket, db, session) {
  const conn = {}
  let buffer = Buffer.alloc(0)
  let started = false
  let closed = false
  // Groups of one connection run in order: each waits for the previous one's answer to be written.
  let chain = Promise.resolve()

  const fail = (error) => {
    if (closed) return
    closed = true
    socket.destroy(error instanceof Error ? error : undefined)
  }

  /** @param {Uint8Array} group @param {boolean} startup */
  const run = (group, startup) => {
    chain = chain
      .then(() =>
        closed
          ? undefined
          : session.submit(conn, async () => {
              if (closed) return
              /** @type {Buffer[]} */
              const chunks = []
              await db.execProtocolRawStream(group, {
                onRawData: (data) => {
                  chunks.push(Buffer.from(data))
                },
              })
              if (closed) return
              const answer = Buffer.concat(chunks)
              if (startup) {
                socket.write(answer)
                return
              }
              const flushed = group[lastMessageStart(group)] === FLUSH
              socket.write(oneReadyForQuery(answer, flushed ? 0 : 1))
              session.owner = db.isInTransaction() || flushed ? conn : null
            }),
      )
      .catch(fail)
  }

  socket.on('data', (data) => {
    buffer = buffer.length === 0 ? data : Buffer.concat([buffer, data])
    let groupStart = 0
    let offset = 0
    while (true) {
      if (!started) {
        if (buffer.length - offset < 8) break
        const length = buffer.readInt32BE(offset)
        if (buffer.length - offset < length) break
        const code = buffer.readInt32BE(offset + 4)
        if (code === SSL_REQUEST || code === GSSENC_REQUEST) socket.write('N')
        else if (code === CANCEL_REQUEST) {
          fail()
          return
        } // nothing to cancel: PGlite runs one query at a time
        else {
          started = true
          run(new Uint8Array(buffer.subarray(offset, offset + length)), true)
        }
        offset += length
        groupStart = offset
        continue
      }
      if (buffer.length - offset < 5) break
      const length = 1 + buffer.readInt32BE(offset + 1)
      if (buffer.length - offset < length) break
      const type = buffer[offset]
      offset += length
      if (type === TERMINATE) {
        socket.end()
        return
      }
      if (GROUP_END.has(type)) {
        run(new Uint8Array(buffer.subarray(groupStart, offset)), false)
        groupStart = offset
      }
    }
    buffer = buffer.subarray(groupStart)
  })
  const end = () => {
    if (closed) return
    closed = true
    void session.forget(conn, db).catch(() => {})
  }
  socket.on('close', end)
  socket.on('error', end)
}

/**
 * The answer to a group with the ReadyForQuery messages the client expects: one at the end after a Sync or a
 * simple Query, none after a Flush. PGlite sends a second one when a statement fails inside a migrated database
 * (one from its error recovery, one for the Sync); pg would take it as the end of the next statement.
 * The last one is kept: it carries the transaction status after the whole group.
 * @param {Buffer} answer @param {0 | 1} expected
 */
function oneReadyForQuery(answer, expected) {
  /** @type {Array<[number, number]>} */
  const ready = []
  let offset = 0
  while (offset + 5 <= answer.length) {
    const end = offset + 1 + answer.readInt32BE(offset + 1)
    if (answer[offset] === READY_FOR_QUERY) ready.push([offset, end])
    offset = end
  }
  const drop = ready.slice(0, Math.max(0, ready.length - expected))
  if (drop.length === 0) return answer
  const parts = []
  let from = 0
  for (const [start, end] of drop) {
    parts.push(answer.subarray(from, start))
    from = end
  }
  parts.push(answer.subarray(from))
  return Buffer.concat(parts)
}

/** Offset of the last message of a group of complete messages. */
function lastMessageStart(group) {
  const view = Buffer.from(group.buffer, group.byteOffset, group.byteLength)
  let offset = 0
  let last = 0
  while (offset < view.length) {
    last = offset
    offset += 1 + view.readInt32BE(offset + 1)
  }
  return last
}

try {
  const db = await PGlite.create({
    dataDir,
    loadDataDir: loadDataDir ? new Blob([loadDataDir]) : undefined,
    extensions: { postgis, pg_trgm, unaccent },
  })
  const session = new Session()
  const server = createServer((socket) => serve(socket, db, session))
  await new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(socketPath, () => resolve(undefined))
  })
  port.on('message', async (message) => {
    try {
      if (message.type === 'dump') {
        // Between two groups, never in the middle of one.
        const blob = await session.submit({}, () => db.dumpDataDir(message.compression))
        const buffer = await blob.arrayBuffer()
        port.postMessage({ type: 'dump', id: message.id, buffer }, [buffer])
      } else if (message.type === 'close') {
        await new Promise((resolve) => server.close(() => resolve(undefined)))
        await db.close()
        port.postMessage({ type: 'closed' })
      }
    } catch (error) {
      port.postMessage({ type: 'error', id: message.id, message: String(error?.message ?? error) })
    }
  })
  port.postMessage({ type: 'ready' })
} catch (error) {
  port.postMessage({ type: 'error', id: 'start', message: String(error?.message ?? error) })
}
