// `maillage migrate`: brings the configured database to the latest schema and loads the gazetteer.
import { withDatabase, type Command } from '../command.ts'

export const migrate: Command = {
  summary: 'applique les migrations de la base',
  async run() {
    await withDatabase(async () => {})
    console.log('Base à jour.')
  },
}
