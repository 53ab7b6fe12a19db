// `maillage import FILE [--source NAME] [--dry-run] [--partial] [--key KEY]`: all-or-nothing unless --partial.
// Without --key the operator at the shell imports anywhere, published; with --key (or MAILLAGE_API_KEY) the
// file goes through the write gate as that key, exactly as POST /api/v1/imports would take it.
import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import { parseArgs } from 'node:util'
import { verifyApiKey } from '../../db/auth/api-keys.ts'
import { formatImportReport } from '../../db/import/format-report.ts'
import { importFile } from '../../db/import/importer.ts'
import { gateVenueWrite } from '../../db/write-gate.ts'
import { withDatabase, type Command } from '../command.ts'

export const importCommand: Command = {
  summary: 'importe un fichier au standard (CSV ou JSON, v1.0.2 ou v0.1)',
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        source: { type: 'string' },
        'dry-run': { type: 'boolean' },
        partial: { type: 'boolean' },
        verbose: { type: 'boolean' },
        json: { type: 'boolean' },
        key: { type: 'string' },
      },
    })
    const file = positionals[0]
    if (!file) {
      console.error('Usage : maillage import FICHIER [--source NOM] [--dry-run] [--partial] [--key CLÉ] [--verbose] [--json]')
      return 2
    }
    const bytes = await readFile(file)
    const token = values.key ?? process.env.MAILLAGE_API_KEY
    return withDatabase(async (handle) => {
      let identity: { actor: string; actorId?: string; writer?: Parameters<typeof gateVenueWrite>[0] } = { actor: 'cli' }
      if (token) {
        const key = await verifyApiKey(handle.db, token)
        if (!key) {
          console.error('Clé d’API invalide ou révoquée.')
          return 2
        }
        const refusal = gateVenueWrite(key, { kind: 'import', stored: null, result: null })
        if (!refusal.allowed) {
          console.error(`Import refusé : ${refusal.message}.`)
          return 1
        }
        identity = { actor: `clé:${key.name}`, actorId: `apikey:${key.id}`, writer: key }
      }
      const report = await importFile(handle.db, bytes, {
        fileName: basename(file),
        source: values.source,
        dryRun: values['dry-run'],
        partial: values.partial,
        ...identity,
      })
      process.stdout.write(values.json ? JSON.stringify(report, null, 2) + '\n' : formatImportReport(report, { verbose: values.verbose }))
      return report.file_error || report.totals.rejected > 0 ? 1 : 0
    })
  },
}
