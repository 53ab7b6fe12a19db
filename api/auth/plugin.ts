// Fills `request.caller` for every request: from `Authorization: Bearer <api key>`, else from the admin
// session cookie (which then needs the CSRF token on every write). Global (fastify-plugin), runs onRequest.
import { hkdfSync } from 'node:crypto'
import fp from 'fastify-plugin'
import secureSession from '@fastify/secure-session'
import csrfProtection from '@fastify/csrf-protection'
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify'
import { verifyApiKey } from '../../db/auth/api-keys.ts'
import { findUserById } from '../../db/auth/users.ts'
import { sanitizeActor } from '../../db/audit.ts'
import type { Caller } from '../plugins/caller.ts'
import { HttpProblem } from '../plugins/problem.ts'

export const SESSION_COOKIE = 'maillage_session'
/** A session lasts a working day at most. */
export const SESSION_SECONDS = 8 * 3600
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

declare module '@fastify/secure-session' {
  interface SessionData { user_id: string }
}

export interface RouteEntry { method: string; url: string; access: import('../plugins/caller.ts').AccessRule | undefined }

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route registered after auth (all domains), with its declared access rule: read by the authorisation matrix test. */
    routeTable: RouteEntry[]
  }
  interface FastifyContextConfig {
    /** Set on routes that must work without a CSRF token even with a session (login itself). */
    skipCsrf?: boolean
  }
}

export default fp(async (app) => {
  const routeTable: RouteEntry[] = []
  app.decorate('routeTable', routeTable)
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routeTable.push({ method: String(method), url: route.url ?? route.path, access: (route.config as { access?: RouteEntry['access'] } | undefined)?.access })
  })
  // The session key is derived from SESSION_SECRET, so every instance sharing the secret reads the cookie.
  const key = Buffer.from(hkdfSync('sha256', app.config.sessionSecret, 'maillage', 'maillage-session-v1', 32))
  await app.register(secureSession, {
    key, cookieName: SESSION_COOKIE, expiry: SESSION_SECONDS,
    cookie: { path: '/', httpOnly: true, sameSite: 'strict', secure: app.config.production, maxAge: SESSION_SECONDS },
  })
  await app.register(csrfProtection, { sessionPlugin: '@fastify/secure-session' })

  app.addHook('onRequest', async (request: FastifyRequest) => {
    const authorization = request.headers.authorization
    if (authorization !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization)
      const key = match ? await verifyApiKey(app.db, match[1]) : null
      // A wrong key is an error, not an anonymous call: the client must learn its key no longer works.
      if (!key) throw new HttpProblem(401, 'Clé d’API invalide ou révoquée.')
      request.caller = { id: key.id, kind: 'apikey', role: key.role, territories: key.territories, label: sanitizeActor(`clé:${key.name}`) }
      return
    }
    const userId = request.session?.get('user_id') as string | undefined
    if (!userId) return
    const user = await findUserById(app.db, userId)
    if (!user || user.disabled_at) { request.session.delete(); return }
    request.caller = { id: user.id, kind: 'session', role: user.role, territories: user.territories, label: sanitizeActor(`utilisateur:${user.email}`) } satisfies Caller
  })

  // Session-authenticated writes carry the CSRF token (header x-csrf-token); API keys are not ambient, so they do not.
  app.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
    if (request.caller?.kind !== 'session' || SAFE_METHODS.has(request.method) || request.routeOptions.config?.skipCsrf) return done()
    if (!request.headers['x-csrf-token']) {
      return done(new HttpProblem(403, 'Jeton CSRF manquant : joignez l’en-tête x-csrf-token (donné par la connexion ou GET /api/v1/auth/csrf).'))
    }
    app.csrfProtection(request, reply, done)
  })
}, { name: 'auth', dependencies: ['database', 'problem'] })
