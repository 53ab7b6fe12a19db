// `maillage apikey create --name N --role authority|curator|admin [--territory …]`: prints the key once.
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

const USAGE = 'Usage : maillage apikey create --name NOM --role authority|curator|admin [--territory dep:33,reg:75]'

export const apikeyCommand: Command = {
  summary: 'crée une clé d’API (affichée une seule fois)',
  async run(args) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { name: { type: 'string' }, role: { type: 'string' }, territory: { type: 'string' } } })
    if (positionals[0] !== 'create' || !values.name || !values.role) { console.error(USAGE); return 2 }
    if (!['authority', 'curator', 'admin'].includes(values.role)) { console.error('--role vaut authority, curator ou admin'); return 2 }
    const { territories, invalid } = parseTerritoryList(values.territory ?? '')
    if (invalid.length) { console.error(`Territoire(s) invalide(s) : ${invalid.join(', ')} (attendu dep:33, reg:75 ou fr)`); return 2 }
    if (values.role !== 'admin' && territories.length === 0) { console.error('Une clé de collectivité ou de curateur a au moins un territoire (--territory dep:33)'); return 2 }
    return withDatabase(async (handle) => {
      const created = await createApiKey(handle.db, { name: values.name!, role: values.role as 'authority' | 'curator' | 'admin', territories, createdBy: 'cli' })
      console.error(`Clé « ${created.name} » (${created.role}${territories.length ? `, ${territories.join(', ')}` : ''}) créée. Conservez-la : elle ne sera plus affichée.`)
      console.log(created.key)
      return 0
    })
  },
}
