// Login, logout and "who am I" for the admin session (API keys need none of this).
import { setTimeout as sleep } from 'node:timers/promises'
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import formbody from '@fastify/formbody'
import {
  findUserByEmail, MAX_FAILED_LOGINS, recordLoginFailure, recordLoginSuccess, verifyAgainstDummy,
} from '../../db/auth/users.ts'
import { appendAudit } from '../../db/audit.ts'
import argon2 from 'argon2'
import { ProblemSchema } from '../plugins/problem-schema.ts'
import { HttpProblem } from '../plugins/problem.ts'
import { LoginBody, SessionSchema } from './schemas.ts'

/** Slowdown before the lockout: each failure from the third on waits longer (capped). */
export function failureDelayMs(failures: number): number {
  return failures < 3 ? 0 : Math.min(250 * 2 ** (failures - 3), 2000)
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(formbody)

  app.post('/api/v1/auth/login', {
    config: { access: 'public', skipCsrf: true, rateLimit: { max: 30, timeWindow: '1 minute' } },
    schema: {
      tags: ['contribution'], summary: 'Ouvrir une session d’administration',
      description: `Vérifie l’adresse et le mot de passe (argon2id), ouvre une session (cookie \`maillage_session\`, httpOnly, SameSite=Strict) et renvoie le jeton CSRF à joindre aux écritures. Après ${MAX_FAILED_LOGINS} échecs consécutifs le compte est verrouillé 15 minutes ; les échecs sont ralentis dès le troisième.`,
      body: LoginBody,
      response: { 200: SessionSchema, 400: ProblemSchema, 401: ProblemSchema, 429: ProblemSchema },
    },
  }, async (request, reply) => {
    const { email, password } = request.body
    const user = await findUserByEmail(app.db, email)
    const refused = () => new HttpProblem(401, 'Adresse ou mot de passe incorrect.')
    if (!user) { await verifyAgainstDummy(password); throw refused() }
    if (user.locked_until && new Date(user.locked_until).getTime() > Date.now()) {
      const seconds = Math.ceil((new Date(user.locked_until).getTime() - Date.now()) / 1000)
      reply.header('Retry-After', String(seconds))
      throw new HttpProblem(429, `Compte verrouillé après ${MAX_FAILED_LOGINS} échecs ; réessayez dans ${Math.ceil(seconds / 60)} minute(s).`, { title: 'Compte verrouillé' })
    }
    const ok = await argon2.verify(user.password_hash, password)
    if (!ok || user.disabled_at) {
      const failures = await recordLoginFailure(app.db, user.id)
      await appendAudit(app.db, { actor: `ip:${request.ip}`, action: 'auth.login_failed', entity: 'user', entity_id: user.id, detail: { failures } })
      await sleep(failureDelayMs(failures))
      throw refused()
    }
    await recordLoginSuccess(app.db, user.id)
    // A fresh session at login: whatever cookie the browser held before cannot be fixed onto this account.
    request.session.regenerate()
    request.session.set('user_id', user.id)
    await appendAudit(app.db, { actor: `utilisateur:${user.email}`, action: 'auth.login', entity: 'user', entity_id: user.id, detail: { ip: request.ip } })
    return {
      caller: { id: user.id, kind: 'session', role: user.role, territories: user.territories, label: `utilisateur:${user.email}` },
      csrf_token: reply.generateCsrf(),
    }
  })

  app.post('/api/v1/auth/logout', {
    config: { access: 'public', skipCsrf: true },
    schema: {
      tags: ['contribution'], summary: 'Fermer la session', description: 'Efface le cookie de session. Sans session, ne fait rien.',
      response: { 204: Type.Null() },
    },
  }, async (request, reply) => {
    if (request.caller?.kind === 'session') {
      await appendAudit(app.db, { actor: request.caller.label, action: 'auth.logout', entity: 'user', entity_id: request.caller.id })
    }
    request.session.delete()
    return reply.code(204).send(null)
  })

  app.get('/api/v1/auth/me', {
    config: { access: 'public' },
    schema: {
      tags: ['contribution'], summary: 'Qui suis-je ?',
      description: 'L’appelant (clé d’API ou session) et, pour une session, un jeton CSRF. 401 sans authentification.',
      response: { 200: SessionSchema, 401: ProblemSchema },
    },
  }, async (request, reply) => {
    if (!request.caller) throw new HttpProblem(401, 'Aucune session ni clé d’API.')
    reply.header('Cache-Control', 'no-store')
    return { caller: request.caller, csrf_token: request.caller.kind === 'session' ? reply.generateCsrf() : '' }
  })

  app.get('/api/v1/auth/csrf', {
    config: { access: 'public' },
    schema: {
      tags: ['contribution'], summary: 'Jeton CSRF de la session', description: 'Un jeton à renvoyer dans l’en-tête `x-csrf-token` de chaque écriture faite avec la session (inutile avec une clé d’API).',
      response: { 200: Type.Object({ token: Type.String() }) },
    },
  }, async (_request, reply) => {
    reply.header('Cache-Control', 'no-store')
    return { token: reply.generateCsrf() }
  })
}
export default routes
