// `maillage sync FILE --source NAME [--dry-run] [--absent keep|archive] [--key KEY]`: the file becomes the truth for
// that source (db/sync/sync.ts) and the diff is printed. Without --key the operator publishes; with a key the
// same rules as PUT /api/v1/sources/{source}/dataset (a bound key syncs only its sources; an authority submits).
import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import { parseArgs } from 'node:util'
import { verifyApiKey } from '../../db/auth/api-keys.ts'
import { formatSyncReport } from '../../db/sync/format-report.ts'
import { syncFile, type SyncOptions } from '../../db/sync/sync.ts'
import { gateVenueWrite } from '../../db/write-gate.ts'
import { withDatabase, type Command } from '../command.ts'

const USAGE = 'Usage : maillage sync FICHIER --source NOM [--dry-run] [--absent keep|archive] [--key CLÉ] [--verbose] [--json]'

export const syncCommand: Command = {
  summary: 'synchronise tout le fichier d’une source (diff : créés, modifiés, inchangés, absents)',
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        source: { type: 'string' },
        'dry-run': { type: 'boolean' },
        absent: { type: 'string', default: 'keep' },
        key: { type: 'string' },
        verbose: { type: 'boolean' },
        json: { type: 'boolean' },
      },
    })
    const file = positionals[0]
    if (!file || !values.source || (values.absent !== 'keep' && values.absent !== 'archive')) {
      console.error(USAGE)
      return 2
    }
    const bytes = await readFile(file)
    const token = values.key ?? process.env.MAILLAGE_API_KEY
    return withDatabase(async (handle) => {
      let identity: Pick<SyncOptions, 'actor' | 'actorId' | 'writer'> = { actor: 'cli' }
      if (token) {
        const key = await verifyApiKey(handle.db, token)
        if (!key) {
          console.error('Clé d’API invalide ou révoquée.')
          return 2
        }
        if (key.sources.length > 0 && !key.sources.includes(values.source!)) {
          console.error(
            `Synchronisation refusée : la source « ${values.source} » n’est pas celle de votre clé (${key.sources.join(', ')}).`,
          )
          return 1
        }
        const refusal = gateVenueWrite(key, { kind: 'import', stored: null, result: null })
        if (!refusal.allowed) {
          console.error(`Synchronisation refusée : ${refusal.message}.`)
          return 1
        }
        identity = { actor: `clé:${key.name}`, actorId: `apikey:${key.id}`, writer: key }
      }
      const report = await syncFile(handle.db, bytes, {
        source: values.source!,
        fileName: basename(file),
        dryRun: values['dry-run'],
        absent: values.absent as 'keep' | 'archive',
        ...identity,
      })
      process.stdout.write(values.json ? JSON.stringify(report, null, 2) + '\n' : formatSyncReport(report, { verbose: values.verbose }))
      return report.status === 'rejected' ? 1 : 0
    })
  },
}
