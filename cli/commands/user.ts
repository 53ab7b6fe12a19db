// `maillage user create --email E --role admin|curator|authority [--territory dep:33,reg:75]`, password on stdin.
import { parseArgs } from 'node:util'
import { createUser, findUserByEmail, MIN_PASSWORD_LENGTH } from '../../db/auth/users.ts'
import { parseTerritoryList } from '../../db/territory.ts'
import { withDatabase, type Command } from '../command.ts'
import { readStdin } from './apikey.ts'
import { TERRITORIAL_USER_ROLES, USER_ROLES, type UserRole } from '../../domain/roles.ts'

const USAGE = 'Usage : echo "mot de passe" | maillage user create --email E --role admin|curator|authority [--territory dep:33,reg:75]'

export const userCommand: Command = {
  summary: 'crée un compte d’administration, de curateur ou d’agent de collectivité (mot de passe lu sur l’entrée standard)',
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
    if (!(USER_ROLES as readonly string[]).includes(values.role)) {
      console.error('--role vaut admin, curator ou authority')
      return 2
    }
    const { territories, invalid } = parseTerritoryList(values.territory ?? '')
    if (invalid.length) {
      console.error(`Territoire(s) invalide(s) : ${invalid.join(', ')} (attendu dep:33, reg:75 ou fr)`)
      return 2
    }
    if (TERRITORIAL_USER_ROLES.includes(values.role) && territories.length === 0) {
      console.error('Un compte de curateur ou de collectivité a au moins un territoire (--territory dep:33)')
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
        role: values.role as UserRole,
        territories,
        createdBy: 'cli',
      })
      console.log(`Compte créé : ${user.email} (${user.role}${territories.length ? `, ${territories.join(', ')}` : ''}) — id ${user.id}`)
      return 0
    })
  },
}
