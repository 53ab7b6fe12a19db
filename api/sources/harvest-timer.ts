// The harvesting timer of the server process: every HARVEST_INTERVAL_MS (off by default outside production), run
// the sources that are due. Several instances may tick; the lease (db/sync/harvest-store.ts) lets one run at a time.
import fp from 'fastify-plugin'
import { harvestDue } from '../../db/sync/harvest.ts'

export default fp(
  async (app) => {
    const every = app.config.harvestIntervalMs
    if (!every) return
    let running: Promise<unknown> | null = null
    const tick = () => {
      if (running) return
      running = harvestDue(app.db)
        .then((runs) => {
          for (const run of runs ?? [])
            app.log.info({ source: run.source, outcome: run.outcome, totals: run.totals, error: run.error }, 'moissonnage')
        })
        .catch((error: unknown) => app.log.error({ err: error }, 'moissonnage : échec'))
        .finally(() => {
          running = null
        })
    }
    let timer: NodeJS.Timeout | null = null
    app.addHook('onReady', async () => {
      timer = setInterval(tick, every)
      timer.unref()
    })
    app.addHook('onClose', async () => {
      if (timer) clearInterval(timer)
      await running
    })
  },
  { name: 'harvest-timer' },
)
