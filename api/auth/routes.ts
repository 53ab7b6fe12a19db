// Login, logout and "who am I" for the admin session (API keys need none of this).
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import formbody from '@fastify/formbody'
import { ACCOUNT_LIMIT, COOL_DOWN_MINUTES } from '../../db/auth/login-throttle.ts'
import { appendAudit } from '../../db/audit.ts'
import { prepareDummyHash } from '../../db/auth/users.ts'
import { ProblemSchema } from '../plugins/problem-schema.ts'
import { HttpProblem } from '../plugins/problem.ts'
import { logIn } from './login.ts'
import { LoginBody, SessionSchema } from './schemas.ts'

export { failureDelayMs } from './login.ts'

const routes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(formbody)
  app.addHook('onReady', async () => {
    await prepareDummyHash()
  })

  app.post(
    '/api/v1/auth/login',
    {
      config: { access: 'public', skipCsrf: true, rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags: ['contribution'],
        summary: 'Ouvrir une session d’administration',
        description:
          `Vérifie l’adresse et le mot de passe (argon2id) et, s’il est activé, le code TOTP (\`otp\`) ; ouvre une ` +
          `session côté serveur (cookie \`maillage_session\`, httpOnly, SameSite=Strict, Secure en HTTPS) et renvoie le ` +
          `jeton CSRF à joindre aux écritures. Une adresse inconnue reçoit la même réponse, dans le même temps, qu’un ` +
          `mauvais mot de passe. Les échecs sont ralentis dès le troisième ; après ${ACCOUNT_LIMIT} échecs le compte est ` +
          `suspendu ${COOL_DOWN_MINUTES} minutes pour les navigateurs qui ne s’y sont jamais connectés (le bon mot de ` +
          `passe depuis un navigateur connu, ou avec le code TOTP, passe toujours).`,
        body: LoginBody,
        response: { 200: SessionSchema, 400: ProblemSchema, 401: ProblemSchema, 429: ProblemSchema },
      },
    },
    async (request, reply) => {
      const user = await logIn(app, request, reply, request.body)
      return {
        caller: {
          id: user.id,
          kind: 'session',
          role: user.role,
          territories: user.territories,
          label: `utilisateur:${user.email}`,
          company_id: user.company_id,
        },
        csrf_token: reply.generateCsrf(),
      }
    },
  )

  app.post(
    '/api/v1/auth/logout',
    {
      config: { access: 'public' },
      schema: {
        tags: ['contribution'],
        summary: 'Fermer la session',
        description:
          'Met fin, côté serveur, à toutes les sessions de ce compte (tous navigateurs) et efface le cookie. Jeton CSRF ' +
          'requis avec une session. Sans session, ne fait rien.',
        response: { 204: Type.Null(), 403: ProblemSchema },
      },
    },
    async (request, reply) => {
      if (request.caller?.kind === 'session') {
        await app.sessions.destroyAllOf(request.caller.id)
        await appendAudit(app.db, { actor: request.caller.label, action: 'auth.logout', entity: 'user', entity_id: request.caller.id })
      }
      reply.clearSession()
      return reply.code(204).send(null)
    },
  )

  app.get(
    '/api/v1/auth/me',
    {
      config: { access: 'public' },
      schema: {
        tags: ['contribution'],
        summary: 'Qui suis-je ?',
        description: 'L’appelant (clé d’API ou session) et, pour une session, un jeton CSRF. 401 sans authentification.',
        response: { 200: SessionSchema, 401: ProblemSchema },
      },
    },
    async (request, reply) => {
      if (!request.caller) throw new HttpProblem(401, 'Aucune session ni clé d’API.')
      reply.header('Cache-Control', 'no-store')
      return {
        caller: { ...request.caller, company_id: request.caller.companyId ?? null },
        csrf_token: request.caller.kind === 'session' ? reply.generateCsrf() : '',
      }
    },
  )

  app.get(
    '/api/v1/auth/csrf',
    {
      config: { access: 'public' },
      schema: {
        tags: ['contribution'],
        summary: 'Jeton CSRF de la session',
        description:
          'Un jeton à renvoyer dans l’en-tête `x-csrf-token` de chaque écriture faite avec la session (inutile avec une clé d’API).',
        response: { 200: Type.Object({ token: Type.String() }) },
      },
    },
    async (_request, reply) => {
      reply.header('Cache-Control', 'no-store')
      return { token: reply.generateCsrf() }
    },
  )
}
export default routes
