// `maillage serve`: what `npm start` runs. Opens, migrates and seeds the database, then listens.
import { buildApp } from '../../api/app.ts'
import { readConfig } from '../../api/config.ts'
import { openDatabase } from '../../db/bootstrap.ts'
import type { Command } from '../command.ts'

export const serve: Command = {
  summary: 'démarre le service (API, carte, administration)',
  async run() {
    const started = Date.now()
    const config = readConfig()
    console.log(config.databaseUrl ? 'Base PostgreSQL : DATABASE_URL' : `Base embarquée (PGlite) : ${config.pgliteDir}`)
    const database = await openDatabase({
      databaseUrl: config.databaseUrl,
      databaseReadUrls: config.databaseReadUrls,
      pgliteDir: config.pgliteDir,
      seed: config.seed,
      log: (m) => console.log(m),
    })
    const app = await buildApp({ config, database, logger: { level: config.logLevel } })
    let closing = false
    const shutdown = async (signal: string) => {
      if (closing) return
      closing = true
      console.log(`${signal} reçu : arrêt après les requêtes en cours…`)
      const force = setTimeout(() => process.exit(1), config.shutdownDrainMs + 9000)
      force.unref()
      try {
        // Drain: /readyz and every new request answer 503 + Connection: close for SHUTDOWN_DRAIN_MS (the
        // balancer notices and stops sending), accepted requests finish; only then does the listener close.
        app.startDraining()
        if (config.shutdownDrainMs > 0) await new Promise((resolve) => setTimeout(resolve, config.shutdownDrainMs))
        await app.close()
        await database.close()
        process.exit(0)
      } catch (error) {
        console.error(error)
        process.exit(1)
      }
    }
    process.on('SIGTERM', () => void shutdown('SIGTERM'))
    process.on('SIGINT', () => void shutdown('SIGINT'))
    await app.listen({ port: config.port, host: config.host })
    // /data/ files: rebuilt when the changes feed moved, checked every OPEN_DATA_REFRESH_MS (the debounce; 0: only on demand).
    app.openData.start(app.config.openDataRefreshMs)
    // Webhook deliveries: a loop in this process; the database lease keeps it to one instance at a time.
    app.webhooks.worker.start(app.config.webhookIntervalMs)
    // PORT=0 asks the system for a free port: print the one actually bound.
    const address = app.server.address()
    const port = typeof address === 'object' && address ? address.port : config.port
    const shown = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host
    console.log(`Maillage est prêt en ${((Date.now() - started) / 1000).toFixed(1)} s : http://${shown}:${port}/`)
  },
}
