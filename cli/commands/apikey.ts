// `maillage apikey create --name N --role authority|curator|admin [--territory …] [--source NAME]`: prints the key once.
import { ROLES } from '../../domain/roles.ts'
import { parseArgs } from 'node:util'
import { createApiKey } from '../../db/auth/api-keys.ts'
import { parseTerritoryList } from '../../db/territory.ts'
import { withDatabase, type Command } from '../command.ts'

export async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('Mot de passe (puis Entrée, Ctrl-D) : ')
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

const USAGE = 'Usage : maillage apikey create --name NOM --role authority|curator|admin [--territory dep:33,reg:75] [--source NOM[,NOM…]]'

export const apikeyCommand: Command = {
  summary: 'crée une clé d’API (affichée une seule fois)',
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        name: { type: 'string' },
        role: { type: 'string' },
        territory: { type: 'string' },
        source: { type: 'string', multiple: true },
      },
    })
    if (positionals[0] !== 'create' || !values.name || !values.role) {
      console.error(USAGE)
      return 2
    }
    if (!(ROLES as readonly string[]).includes(values.role)) {
      console.error('--role vaut authority, curator ou admin')
      return 2
    }
    const { territories, invalid } = parseTerritoryList(values.territory ?? '')
    if (invalid.length) {
      console.error(`Territoire(s) invalide(s) : ${invalid.join(', ')} (attendu dep:33, reg:75 ou fr)`)
      return 2
    }
    if (values.role !== 'admin' && territories.length === 0) {
      console.error('Une clé de collectivité ou de curateur a au moins un territoire (--territory dep:33)')
      return 2
    }
    // --source may be repeated or hold a comma list: the producers whose rows the key may import.
    const sources = [
      ...new Set(
        (values.source ?? [])
          .flatMap((s) => s.split(','))
          .map((s) => s.trim())
          .filter(Boolean),
      ),
    ]
    if (values.role === 'authority' && sources.length === 0) {
      console.error('Attention : sans --source, cette clé de collectivité pourra proposer des modifications mais pas importer de fichier.')
    }
    return withDatabase(async (handle) => {
      const created = await createApiKey(handle.db, {
        name: values.name!,
        role: values.role as 'authority' | 'curator' | 'admin',
        territories,
        sources,
        createdBy: 'cli',
      })
      const scope = [...territories, ...sources.map((s) => `source ${s}`)]
      console.error(
        `Clé « ${created.name} » (${created.role}${scope.length ? `, ${scope.join(', ')}` : ''}) créée. Conservez-la : ` +
          `elle ne sera plus affichée.`,
      )
      console.log(created.key)
      return 0
    })
  },
}
