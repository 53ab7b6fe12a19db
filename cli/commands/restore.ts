// `maillage restore FILE`: loads a `maillage export --full` backup into an empty database (all or nothing),
// then prints each table's row count and content hash so it can be compared with the source's.
import { createReadStream, existsSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { RestoreError, restoreFull } from '../../db/backup/restore.ts'
import { tableHashes } from '../../db/backup/hash.ts'
import { withDatabase, type Command } from '../command.ts'

export const restoreCommand: Command = {
  summary: 'restaure une sauvegarde complète (maillage export --full) dans une base vide',
  async run(args) {
    const { positionals } = parseArgs({ args, allowPositionals: true, options: {} })
    const file = positionals[0]
    if (!file || positionals.length > 1) {
      console.error(
        'Usage : maillage restore FICHIER   (le fichier de `maillage export --full --out FICHIER`, « - » pour l’entrée standard)',
      )
      return 2
    }
    if (file !== '-' && !existsSync(file)) {
      console.error(`Fichier introuvable : ${file}`)
      return 2
    }
    try {
      await withDatabase(async (handle) => {
        const result = await restoreFull(handle.db, file === '-' ? process.stdin : createReadStream(file))
        const hashes = await tableHashes(handle.db)
        for (const [table, digest] of Object.entries(hashes)) {
          console.log(`${table.padEnd(24)} ${String(result.counts[table] ?? 0).padStart(8)} ligne(s)  sha256:${digest.sha256.slice(0, 16)}`)
        }
        console.log('Restauration terminée.')
      })
    } catch (error) {
      if (error instanceof RestoreError) {
        console.error(`Restauration refusée : ${error.message}`)
        return 1
      }
      throw error
    }
  },
}
