// Starts the embedded PGlite in a worker thread (db/pglite-worker.js) listening on a private Unix socket, so
// the app reaches it through `pg` like PostgreSQL and a long embedded query never blocks the HTTP thread.
// Chosen over a message-channel worker (SQL posted in, parsed rows cloned back): rows cross the thread as wire
// bytes, parsed once by pg, instead of parsed objects cloned (bench/pglite-transport.ts prints the ratios).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'

export interface PgliteServer {
  /** Directory of the socket (`.s.PGSQL.5432`): pg's `host` for a Unix socket. */
  socketDir: string
  /** A tarball of the data directory (tests clone a migrated template from it). */
  dumpDataDir(compression?: 'none' | 'gzip' | 'auto'): Promise<Blob>
  /** Stops the server, closes PGlite and ends the worker. */
  stop(): Promise<void>
}

type Reply =
  | { type: 'ready' }
  | { type: 'closed' }
  | { type: 'dump'; id: number; buffer: ArrayBuffer }
  | { type: 'error'; id: number | 'start'; message: string }

export async function startPgliteServer(dataDir: string, loadDataDir?: Blob): Promise<PgliteServer> {
  // A 0700 temporary directory: only this user can reach the socket, and PGlite asks for no password.
  const socketDir = mkdtempSync(join(tmpdir(), 'maillage-pglite-'))
  const load = loadDataDir ? await loadDataDir.arrayBuffer() : null
  const worker = new Worker(new URL('./pglite-worker.js', import.meta.url), {
    workerData: { dataDir, loadDataDir: load, socketPath: join(socketDir, '.s.PGSQL.5432') },
    transferList: load ? [load] : [],
  })
  const pending = new Map<number, { resolve: (blob: Blob) => void; reject: (error: Error) => void }>()
  let nextId = 1
  let stopping = false
  let onClosed: () => void = () => {}
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()))
  const failAll = (error: Error) => {
    for (const { reject } of pending.values()) reject(error)
    pending.clear()
  }

  try {
    await new Promise<void>((resolve, reject) => {
      worker.on('message', (reply: Reply) => {
        if (reply.type === 'ready') resolve()
        else if (reply.type === 'closed') onClosed()
        else if (reply.type === 'dump') {
          pending.get(reply.id)?.resolve(new Blob([reply.buffer]))
          pending.delete(reply.id)
        } else if (reply.id === 'start') reject(new Error(`La base embarquée ${dataDir} n'a pas démarré : ${reply.message}`))
        else {
          pending.get(reply.id)?.reject(new Error(reply.message))
          pending.delete(reply.id)
        }
      })
      worker.on('error', (error) => {
        // A crash of the database thread: queries fail from now on (503), say why once.
        console.error(`La base embarquée s'est arrêtée : ${error.message}`)
        failAll(error)
        reject(error)
      })
      worker.on('exit', (code) => {
        failAll(new Error('La base embarquée est arrêtée.'))
        reject(new Error(`La base embarquée ${dataDir} s'est arrêtée au démarrage (code ${code}).`))
        if (!stopping) rmSync(socketDir, { recursive: true, force: true })
      })
    })
  } catch (error) {
    await worker.terminate()
    rmSync(socketDir, { recursive: true, force: true })
    throw error
  }
  // Like PGlite in the main thread, an open database alone does not keep the process alive (a forgotten
  // close must not hang a command); stop() holds it again until the data directory is flushed.
  worker.unref()

  return {
    socketDir,
    dumpDataDir(compression = 'none') {
      // The answer arrives by message: hold the process open until it does.
      worker.ref()
      return new Promise<Blob>((resolve, reject) => {
        const id = nextId++
        pending.set(id, { resolve, reject })
        worker.postMessage({ type: 'dump', id, compression })
      }).finally(() => {
        if (pending.size === 0 && !stopping) worker.unref()
      })
    },
    async stop() {
      if (stopping) return exited
      stopping = true
      worker.ref()
      const closed = new Promise<void>((resolve) => {
        onClosed = resolve
      })
      worker.postMessage({ type: 'close' })
      // PGlite flushes its data directory on close; a worker that does not answer is ended anyway.
      await Promise.race([closed, exited, new Promise((r) => setTimeout(r, 10_000).unref())])
      await worker.terminate()
      rmSync(socketDir, { recursive: true, force: true })
    },
  }
}
