// Admins manage accounts and API keys. Keys are shown once, at creation; afterwards only their prefix.
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { createApiKey, listApiKeys, revokeApiKey } from '../../db/auth/api-keys.ts'
import { disableTotp } from '../../db/auth/totp.ts'
import { findCompany } from '../../db/sponsors/repository.ts'
import { createUser, findUserByEmail, listUsers, setUserDisabled, setUserPassword, setUserRole } from '../../db/auth/users.ts'
import { callerOf } from '../plugins/caller.ts'
import { ProblemSchema } from '../plugins/problem-schema.ts'
import { HttpProblem } from '../plugins/problem.ts'
import { ApiKeySchema, CreatedApiKeySchema, IdParams, NewApiKeyBody, NewUserBody, UserPatchBody, UserSchema } from './schemas.ts'
import type { ApiKeyRole, UserRole } from '../../db/types.ts'
import { TERRITORIAL_USER_ROLES } from '../../domain/roles.ts'

const admin = { access: { roles: ['admin' as const] } }
const security: Record<string, string[]>[] = [{ apiKey: [] }, { session: [] }]

/** Dates as ISO strings, the way the response schemas describe them. */
function iso<T extends Record<string, unknown>>(
  row: T,
): { [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K] } {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v])) as never
}
const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema }

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/v1/admin/users',
    {
      config: admin,
      schema: {
        tags: ['contribution'],
        summary: 'Lister les comptes',
        description:
          'Comptes d’administration et de curateur, avec leurs territoires, échecs de connexion et verrouillage. Jamais le mot de passe.',
        security: [{ apiKey: [] }, { session: [] }],
        response: { 200: Type.Object({ items: Type.Array(UserSchema) }), ...errors },
      },
    },
    async () => ({ items: (await listUsers(app.db)).map(iso) }),
  )

  app.post(
    '/api/v1/admin/users',
    {
      config: admin,
      schema: {
        tags: ['contribution'],
        summary: 'Créer un compte (administrateur, curateur ou agent de collectivité)',
        description:
          'Le mot de passe est haché en argon2id. Un curateur n’agit que dans ses territoires ; un agent de collectivité ' +
          '(`authority`) aussi, et ses modifications deviennent des propositions soumises à modération.',
        security,
        body: NewUserBody,
        response: { 201: UserSchema, 409: ProblemSchema, ...errors },
      },
    },
    async (request, reply) => {
      const body = request.body
      if (await findUserByEmail(app.db, body.email)) throw new HttpProblem(409, `Un compte existe déjà pour ${body.email}.`)
      if (TERRITORIAL_USER_ROLES.includes(body.role) && !(body.territories ?? []).length) {
        throw new HttpProblem(400, 'Un compte de curateur ou de collectivité a au moins un territoire.', {
          errors: [{ field: 'territories', message: 'au moins un territoire' }],
        })
      }
      // A company representative speaks for exactly one company; no other role speaks for any (users_company_role_check).
      if ((body.role === 'company') !== (body.company_id !== undefined)) {
        throw new HttpProblem(400, 'Un compte entreprise représente une entreprise, et seul lui.', {
          errors: [
            { field: 'company_id', message: body.role === 'company' ? 'obligatoire pour le rôle company' : 'réservé au rôle company' },
          ],
        })
      }
      if (body.company_id && !(await findCompany(app.db, body.company_id))) {
        throw new HttpProblem(400, 'Entreprise inconnue.', { errors: [{ field: 'company_id', message: 'entreprise inconnue' }] })
      }
      const user = await createUser(app.db, {
        companyId: body.company_id ?? null,
        email: body.email,
        password: body.password,
        role: body.role as UserRole,
        territories: body.territories ?? [],
        createdBy: callerOf(request).label,
      })
      return reply.code(201).send(iso(user))
    },
  )

  app.patch(
    '/api/v1/admin/users/:id',
    {
      config: admin,
      schema: {
        tags: ['contribution'],
        summary: 'Désactiver, réactiver un compte, changer son mot de passe, son rôle ou ses territoires',
        description:
          'Un compte désactivé ne peut plus se connecter. Désactivation, nouveau mot de passe, nouveau rôle ou ' +
          'territoires, retrait de la vérification en deux étapes : toutes les sessions du compte cessent aussitôt. ' +
          'Réactiver ou changer le mot de passe lève la suspension de connexion.',
        security,
        params: IdParams,
        body: UserPatchBody,
        response: { 200: UserSchema, ...errors },
      },
    },
    async (request) => {
      const actor = callerOf(request).label
      const { id } = request.params
      const { disabled, password, role, territories, totp } = request.body
      const existing = (await listUsers(app.db)).find((u) => u.id === id)
      if (!existing) throw new HttpProblem(404, 'Compte introuvable.')
      if (TERRITORIAL_USER_ROLES.includes(role ?? existing.role) && (territories ?? existing.territories).length === 0) {
        throw new HttpProblem(400, 'Un compte de curateur ou de collectivité a au moins un territoire.', {
          errors: [{ field: 'territories', message: 'au moins un territoire' }],
        })
      }
      if (role !== undefined && role !== existing.role && (role === 'company' || existing.role === 'company')) {
        throw new HttpProblem(400, 'Un compte entreprise ne change pas de rôle : créez un autre compte.', {
          errors: [{ field: 'role', message: 'passage vers ou depuis le rôle company impossible' }],
        })
      }
      if (password !== undefined) await setUserPassword(app.db, id, password, actor)
      if (role !== undefined || territories !== undefined)
        await setUserRole(app.db, id, { role: role as UserRole | undefined, territories }, actor)
      if (totp === false) await disableTotp(app.db, id, actor)
      const user =
        disabled === undefined ? (await listUsers(app.db)).find((u) => u.id === id) : await setUserDisabled(app.db, id, disabled, actor)
      // New password, rights, factor or a disabled account: every open session of that user ends now.
      if (password !== undefined || role !== undefined || territories !== undefined || totp === false || disabled === true)
        await app.sessions.destroyAllOf(id)
      return iso(user!)
    },
  )

  app.get(
    '/api/v1/admin/api-keys',
    {
      config: admin,
      schema: {
        tags: ['contribution'],
        summary: 'Lister les clés d’API',
        description: 'Sans le secret : seul le préfixe est conservé en clair.',
        security,
        response: { 200: Type.Object({ items: Type.Array(ApiKeySchema) }), ...errors },
      },
    },
    async () => ({ items: (await listApiKeys(app.db)).map(iso) }),
  )

  app.post(
    '/api/v1/admin/api-keys',
    {
      config: admin,
      schema: {
        tags: ['contribution'],
        summary: 'Créer une clé d’API',
        description: 'La clé complète (`mlg_<préfixe>_<secret>`) n’est renvoyée qu’ici ; seule son empreinte SHA-256 est stockée.',
        security,
        body: NewApiKeyBody,
        response: { 201: CreatedApiKeySchema, ...errors },
      },
    },
    async (request, reply) => {
      const { name, role, territories = [], sources = [] } = request.body
      if (role !== 'admin' && territories.length === 0) {
        throw new HttpProblem(400, 'Une clé de collectivité ou de curateur a au moins un territoire.', {
          errors: [{ field: 'territories', message: 'au moins un territoire' }],
        })
      }
      const created = await createApiKey(app.db, {
        name,
        role: role as ApiKeyRole,
        territories,
        sources: [...new Set(sources.map((s) => s.trim()).filter(Boolean))],
        createdBy: callerOf(request).label,
      })
      reply.header('Cache-Control', 'no-store')
      return reply.code(201).send(iso(created))
    },
  )

  app.delete(
    '/api/v1/admin/api-keys/:id',
    {
      config: admin,
      schema: {
        tags: ['contribution'],
        summary: 'Révoquer une clé d’API',
        description: 'La clé cesse de fonctionner aussitôt ; sa trace reste.',
        security,
        params: IdParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      if (!(await revokeApiKey(app.db, request.params.id, callerOf(request).label)))
        throw new HttpProblem(404, 'Clé introuvable ou déjà révoquée.')
      return reply.code(204).send(null)
    },
  )
}
export default routes
