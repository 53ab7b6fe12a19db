// `maillage user create --email E --role admin|curator [--territory dep:33,reg:75]`, password on stdin.
import { parseArgs } from 'node:util'
import { createUser, findUserByEmail, MIN_PASSWORD_LENGTH } from '../../db/auth/users.ts'
import { parseTerritoryList } from '../../db/territory.ts'
import { withDatabase, type Command } from '../command.ts'
import { readStdin } from './apikey.ts'

const USAGE = 'Usage : echo "mot de passe" | maillage user create --email E --role admin|curator [--territory dep:33,reg:75]'

export const userCommand: Command = {
  summary: 'crée un compte d’administration ou de curateur (mot de passe lu sur l’entrée standard)',
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { email: { type: 'string' }, role: { type: 'string' }, territory: { type: 'string' } },
    })
    if (positionals[0] !== 'create' || !values.email || !values.role) {
      console.error(USAGE)
      return 2
    }
    if (values.role !== 'admin' && values.role !== 'curator') {
      console.error('--role vaut admin ou curator')
      return 2
    }
    const { territories, invalid } = parseTerritoryList(values.territory ?? '')
    if (invalid.length) {
      console.error(`Territoire(s) invalide(s) : ${invalid.join(', ')} (attendu dep:33, reg:75 ou fr)`)
      return 2
    }
    if (values.role === 'curator' && territories.length === 0) {
      console.error('Un curateur a au moins un territoire (--territory dep:33)')
      return 2
    }
    const password = (await readStdin()).replace(/\r?\n$/, '')
    if (password.length < MIN_PASSWORD_LENGTH) {
      console.error(`Mot de passe trop court : au moins ${MIN_PASSWORD_LENGTH} caractères, sur l’entrée standard.`)
      return 2
    }
    return withDatabase(async (handle) => {
      if (await findUserByEmail(handle.db, values.email!)) {
        console.error(`Un compte existe déjà pour ${values.email}.`)
        return 1
      }
      const user = await createUser(handle.db, {
        email: values.email!,
        password,
        role: values.role as 'admin' | 'curator',
        territories,
        createdBy: 'cli',
      })
      console.log(`Compte créé : ${user.email} (${user.role}${territories.length ? `, ${territories.join(', ')}` : ''}) — id ${user.id}`)
      return 0
    })
  },
}
