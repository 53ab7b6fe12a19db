// `maillage user create --email E --role admin|curator|authority|company|cinov|state [--territory dep:33,reg:75]
// [--company ID]`, password on stdin.
import { parseArgs } from 'node:util'
import { createUser, findUserByEmail, MIN_PASSWORD_LENGTH } from '../../db/auth/users.ts'
import { parseTerritoryList } from '../../db/territory.ts'
import { findCompany } from '../../db/sponsors/repository.ts'
import { isUuid } from '../../domain/ids.ts'
import { withDatabase, type Command } from '../command.ts'
import { readStdin } from './apikey.ts'
import { TERRITORIAL_USER_ROLES, USER_ROLES, type UserRole } from '../../domain/roles.ts'

const USAGE =
  'Usage : echo "mot de passe" | maillage user create --email E --role ' +
  'admin|curator|authority|company|cinov|state [--territory dep:33,reg:75] [--company ID]'

export const userCommand: Command = {
  summary: 'crée un compte d’administration, de curateur ou d’agent de collectivité (mot de passe lu sur l’entrée standard)',
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { email: { type: 'string' }, role: { type: 'string' }, territory: { type: 'string' }, company: { type: 'string' } },
    })
    if (positionals[0] !== 'create' || !values.email || !values.role) {
      console.error(USAGE)
      return 2
    }
    if (!(USER_ROLES as readonly string[]).includes(values.role)) {
      console.error(`--role vaut ${USER_ROLES.join(', ')}`)
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
    // A company representative speaks for one member company, and only they do (users.company_id).
    if ((values.role === 'company') !== (values.company !== undefined)) {
      console.error(
        values.role === 'company'
          ? 'Un compte d’entreprise est rattaché à son entreprise : --company ID (voir GET /api/v1/companies).'
          : '--company ne vaut que pour un compte d’entreprise (--role company).',
      )
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
      if (values.company !== undefined && !(isUuid(values.company) && (await findCompany(handle.db, values.company)))) {
        console.error(`Entreprise introuvable : ${values.company}.`)
        return 1
      }
      const user = await createUser(handle.db, {
        email: values.email!,
        password,
        role: values.role as UserRole,
        territories,
        companyId: values.company ?? null,
        createdBy: 'cli',
      })
      console.log(`Compte créé : ${user.email} (${user.role}${territories.length ? `, ${territories.join(', ')}` : ''}) — id ${user.id}`)
      return 0
    })
  },
}
