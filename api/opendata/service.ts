// Keeps the /data/ files current: rebuilt when the changes feed has moved, at most once per interval (the
// debounce: a burst of writes gives one rebuild), one build at a time in this process. Each instance builds its
// own copy from the shared database; ETags are content hashes, so instances agree on them.
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { latestCursor } from '../../db/changes/feed.ts'
import { buildOpenData, removeBuild, type OpenDataBuild } from '../../db/opendata/files.ts'

export interface OpenData {
  /** The current build, building it first if there is none yet. */
  current(): Promise<OpenDataBuild>
  /** Rebuilds now if the feed moved since the current build (or none exists); resolves when done. */
  refresh(): Promise<OpenDataBuild>
  /** Starts the periodic check (server process only). */
  start(intervalMs: number): void
}

declare module 'fastify' {
  interface FastifyInstance {
    openData: OpenData
  }
}

export function openDataDir(configured: string | null): string {
  return configured ?? join(tmpdir(), `maillage-data-${process.pid}`)
}

function createOpenData(app: FastifyInstance, root: string): OpenData {
  let build: OpenDataBuild | null = null
  let running: Promise<OpenDataBuild> | null = null
  let timer: NodeJS.Timeout | null = null

  const refresh = (): Promise<OpenDataBuild> => {
    // Callers during a build wait for it; the next check catches what it may have missed.
    running ??= (async () => {
      try {
        const cursor = await latestCursor(app.db)
        if (build && build.cursor === cursor) return build
        const next = await buildOpenData(app.db, root)
        const previous = build
        build = next
        await removeBuild(previous)
        return next
      } finally {
        running = null
      }
    })()
    return running
  }
  app.addHook('onClose', async () => {
    if (timer) clearInterval(timer)
    await running?.catch(() => undefined)
    await removeBuild(build)
  })
  return {
    current: async () => build ?? refresh(),
    refresh,
    start(intervalMs) {
      if (timer || intervalMs <= 0) return
      timer = setInterval(() => {
        refresh().catch((err) => app.log.warn({ err }, 'open data rebuild failed'))
      }, intervalMs)
      timer.unref()
    },
  }
}

export default fp(
  async (app) => {
    app.decorate('openData', createOpenData(app, openDataDir(app.config.openDataDir)))
  },
  { name: 'open-data' },
)
