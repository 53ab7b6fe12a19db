// `maillage source add NAME --url URL --every 24h [--absent keep|archive]` and `maillage source list`: the sources
// harvested on schedule (db/sync/harvest.ts), with their last run and last failure.
import { parseArgs } from 'node:util'
import { listHarvestSources, upsertHarvestSource } from '../../db/sync/harvest-store.ts'
import { parseEvery } from '../../db/sync/harvest.ts'
import { withDatabase, type Command } from '../command.ts'

const USAGE = 'Usage : maillage source add NOM --url URL [--every 24h] [--absent keep|archive]\n        maillage source list'

export const sourceCommand: Command = {
  summary: 'sources moissonnées : add NOM --url URL --every 24h, list',
  async run(args) {
    const [action, ...rest] = args
    if (action === 'list') {
      return withDatabase(async (handle) => {
        for (const s of await listHarvestSources(handle.db)) {
          const last = s.last_run ? `${s.last_run.outcome} le ${new Date(s.last_run.started_at).toISOString()}` : 'jamais moissonnée'
          console.log(
            `${s.name}\t${s.url}\ttoutes les ${s.every_seconds} s\tabsents : ${s.absent}\t${last}` +
              `${s.last_failure?.error ? `\tdernier échec : ${s.last_failure.error}` : ''}`,
          )
        }
        return 0
      })
    }
    if (action !== 'add') {
      console.error(USAGE)
      return 2
    }
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: { url: { type: 'string' }, every: { type: 'string', default: '24h' }, absent: { type: 'string', default: 'keep' } },
    })
    const name = positionals[0]
    const everySeconds = parseEvery(values.every!)
    if (
      !name ||
      !values.url ||
      !/^https?:\/\//i.test(values.url) ||
      !URL.canParse(values.url) ||
      everySeconds === null ||
      (values.absent !== 'keep' && values.absent !== 'archive')
    ) {
      console.error(USAGE)
      return 2
    }
    return withDatabase(async (handle) => {
      await upsertHarvestSource(handle.db, {
        name,
        url: values.url!,
        everySeconds,
        absent: values.absent as 'keep' | 'archive',
        createdBy: 'cli',
      })
      console.log(
        `Source « ${name} » moissonnée toutes les ${values.every} depuis ${values.url} (premier passage au prochain ` +
          `tour, ou : maillage harvest ${name}).`,
      )
      return 0
    })
  },
}
