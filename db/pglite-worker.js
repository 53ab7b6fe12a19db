// Worker thread that owns the embedded PGlite database and serves it over the PostgreSQL wire protocol on a
// Unix socket, so a long query runs here and never blocks the HTTP thread. Plain JavaScript on purpose: a
// worker is a fresh module graph, loaded without the TypeScript loader of the parent (vitest, tsx).
import { parentPort, workerData } from 'node:worker_threads'
import { PGlite } from '@electric-sql/pglite'
import { postgis } from '@electric-sql/pglite-postgis'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { unaccent } from '@electric-sql/pglite/contrib/unaccent'
import { PGLiteSocketServer } from '@electric-sql/pglite-socket'

/** @type {{ dataDir: string, loadDataDir: ArrayBuffer | null, socketPath: string }} */
const { dataDir, loadDataDir, socketPath } = workerData
const port = /** @type {import('node:worker_threads').MessagePort} */ (parentPort)

try {
  const db = await PGlite.create({
    dataDir,
    loadDataDir: loadDataDir ? new Blob([loadDataDir]) : undefined,
    extensions: { postgis, pg_trgm, unaccent },
  })
  // The app connects through a pool of one connection (a transaction owns the database until it ends);
  // a few more are allowed so a reconnection never races the close of the previous socket.
  const server = new PGLiteSocketServer({ db, path: socketPath, maxConnections: 4 })
  await server.start()
  port.on('message', async (message) => {
    try {
      if (message.type === 'dump') {
        const blob = await db.dumpDataDir(message.compression)
        const buffer = await blob.arrayBuffer()
        port.postMessage({ type: 'dump', id: message.id, buffer }, [buffer])
      } else if (message.type === 'close') {
        await server.stop()
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
