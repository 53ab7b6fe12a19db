// `maillage import FILE [--source NAME] [--dry-run] [--partial]`: all-or-nothing unless --partial.
import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import { parseArgs } from 'node:util'
import { formatImportReport } from '../../db/import/format-report.ts'
import { importFile } from '../../db/import/importer.ts'
import { withDatabase, type Command } from '../command.ts'

export const importCommand: Command = {
  summary: 'importe un fichier au standard (CSV ou JSON, v1.0.2 ou v0.1)',
  async run(args) {
    const { values, positionals } = parseArgs({
      args, allowPositionals: true,
      options: { source: { type: 'string' }, 'dry-run': { type: 'boolean' }, partial: { type: 'boolean' }, verbose: { type: 'boolean' }, json: { type: 'boolean' } },
    })
    const file = positionals[0]
    if (!file) {
      console.error('Usage : maillage import FICHIER [--source NOM] [--dry-run] [--partial] [--verbose] [--json]')
      return 2
    }
    const bytes = await readFile(file)
    const report = await withDatabase((handle) => importFile(handle.db, bytes, {
      fileName: basename(file), source: values.source, dryRun: values['dry-run'], partial: values.partial, actor: 'cli',
    }))
    process.stdout.write(values.json ? JSON.stringify(report, null, 2) + '\n' : formatImportReport(report, { verbose: values.verbose }))
    return report.file_error || report.totals.rejected > 0 ? 1 : 0
  },
}
