// `maillage harvest [NAME]`: runs now the sources that are due (or the one named, due or not), under the same
// lease as the server's timer, and prints each run's report. Exit 1 when a run failed.
import { harvestDue } from '../../db/sync/harvest.ts'
import { withDatabase, type Command } from '../command.ts'

export const harvestCommand: Command = {
  summary: 'moissonne maintenant les sources dues (ou celle nommée)',
  async run(args) {
    const name = args[0]
    return withDatabase(async (handle) => {
      const runs = await harvestDue(handle.db, name)
      if (runs === null) {
        console.error('Un autre processus moissonne en ce moment ; réessayez plus tard.')
        return 1
      }
      if (name && runs.length === 0) {
        console.error(`Aucune source moissonnée ne s’appelle « ${name} » (maillage source list).`)
        return 2
      }
      for (const run of runs) {
        const totals = Object.entries(run.totals as Record<string, number>)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')
        console.log(
          `${run.source} : ${run.outcome} (HTTP ${run.http_status ?? '—'}, ${run.bytes} octets` +
            `${totals ? `, ${totals}` : ''})${run.error ? ` — ${run.error}` : ''}`,
        )
        for (const r of run.rejected as { row: number | null; id: string | null; errors: { field: string; message: string }[] }[]) {
          for (const e of r.errors) console.log(`  ligne ${r.row ?? '—'} (id ${r.id ?? '—'}) ✗ ${e.field} : ${e.message}`)
        }
      }
      return runs.some((r) => r.outcome === 'failed') ? 1 : 0
    })
  },
}
