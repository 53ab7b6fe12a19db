// Fills `request.caller` for every request: from `Authorization: Bearer <api key>`, else from the admin
// session cookie (which then needs the CSRF token on every write). Global (fastify-plugin), runs onRequest.
// Sessions live server-side (db/auth/sessions.ts): the cookie is a random token, so ending a session is real.
import { randomBytes } from 'node:crypto'
import fp from 'fastify-plugin'
import cookie from '@fastify/cookie'
import csrfProtection from '@fastify/csrf-protection'
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify'
import { verifyApiKey } from '../../db/auth/api-keys.ts'
import { postgresSessionStore, type SessionStore } from '../../db/auth/sessions.ts'
import { redisSessionStore } from '../../db/auth/sessions-redis.ts'
import { findUserById } from '../../db/auth/users.ts'
import { sanitizeActor } from '../../db/audit.ts'
import type { Caller } from '../plugins/caller.ts'
import { HttpProblem } from '../plugins/problem.ts'

export const SESSION_COOKIE = 'maillage_session'
/** A session lasts a working day at most. */
export const SESSION_SECONDS = 8 * 3600
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

export interface RouteEntry {
  method: string
  url: string
  access: import('../plugins/caller.ts').AccessRule | undefined
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route registered after auth (all domains), with its declared access rule: read by the authorisation matrix test. */
    routeTable: RouteEntry[]
    sessions: SessionStore
  }
  interface FastifyContextConfig {
    /** Set on routes that must work without a CSRF token even with a session (login itself). */
    skipCsrf?: boolean
  }
  interface FastifyRequest {
    /** The CSRF secret of the session, in the shape @fastify/csrf-protection reads ('@fastify/session' mode). */
    session: { _csrf?: string }
    /** The session token of the request's cookie, when it names a live session. */
    sessionToken: string | null
  }
  interface FastifyReply {
    /** Starts a session for this user: a new token in a fresh cookie, and the CSRF secret bound to it. */
    startSession(userId: string): Promise<void>
    /** Clears the session cookie (the server-side sessions are ended by the caller). */
    clearSession(): void
  }
}

/** `Secure` whenever the request came over HTTPS (directly, or per X-Forwarded-Proto of a trusted proxy). */
function cookieOptions(request: FastifyRequest, production: boolean) {
  return { path: '/', httpOnly: true, sameSite: 'strict' as const, secure: production || request.protocol === 'https' }
}

export default fp(
  async (app) => {
    const routeTable: RouteEntry[] = []
    app.decorate('routeTable', routeTable)
    app.addHook('onRoute', (route) => {
      for (const method of [route.method].flat())
        routeTable.push({
          method: String(method),
          url: route.url ?? route.path,
          access: (route.config as { access?: RouteEntry['access'] } | undefined)?.access,
        })
    })
    const store = app.redis ? redisSessionStore(app.redis) : postgresSessionStore(app.db)
    app.decorate('sessions', store)
    await app.register(cookie)
    await app.register(csrfProtection, { sessionPlugin: '@fastify/session' })
    app.decorateRequest('session', null as never)
    app.decorateRequest('sessionToken', null)

    app.decorateReply('startSession', async function (this: FastifyReply, userId: string) {
      const request = this.request
      const csrfSecret = randomBytes(18).toString('base64url')
      const token = await store.create({
        userId,
        csrfSecret,
        ttlSeconds: SESSION_SECONDS,
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
      })
      request.session = { _csrf: csrfSecret }
      request.sessionToken = token
      this.setCookie(SESSION_COOKIE, token, { ...cookieOptions(request, app.config.production), maxAge: SESSION_SECONDS })
    })
    app.decorateReply('clearSession', function (this: FastifyReply) {
      this.request.session = {}
      this.request.sessionToken = null
      this.clearCookie(SESSION_COOKIE, cookieOptions(this.request, app.config.production))
    })

    app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
      request.session = {}
      const authorization = request.headers.authorization
      if (authorization !== undefined) {
        const match = /^Bearer\s+(\S+)$/i.exec(authorization)
        const key = match ? await verifyApiKey(app.db, match[1]) : null
        // A wrong key is an error, not an anonymous call: the client must learn its key no longer works.
        if (!key) throw new HttpProblem(401, 'Clé d’API invalide ou révoquée.')
        request.caller = {
          id: key.id,
          kind: 'apikey',
          role: key.role,
          territories: key.territories,
          label: sanitizeActor(`clé:${key.name}`),
          sources: key.sources,
        }
        return
      }
      const token = request.cookies[SESSION_COOKIE]
      if (!token) return
      const session = await store.find(token)
      const user = session ? await findUserById(app.db, session.userId) : undefined
      if (!session || !user || user.disabled_at) {
        if (session) await store.destroyAllOf(session.userId)
        reply.clearSession()
        return
      }
      request.session = { _csrf: session.csrfSecret }
      request.sessionToken = token
      request.caller = {
        id: user.id,
        kind: 'session',
        role: user.role,
        territories: user.territories,
        label: sanitizeActor(`utilisateur:${user.email}`),
        sources: [],
        companyId: user.company_id,
      } satisfies Caller
    })

    // Session-authenticated writes carry the CSRF token (header x-csrf-token); API keys are not ambient, so they do not.
    app.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
      if (request.caller?.kind !== 'session' || SAFE_METHODS.has(request.method) || request.routeOptions.config?.skipCsrf) return done()
      if (!request.headers['x-csrf-token']) {
        return done(
          new HttpProblem(403, 'Jeton CSRF manquant : joignez l’en-tête x-csrf-token (donné par la connexion ou GET /api/v1/auth/csrf).'),
        )
      }
      app.csrfProtection(request, reply, done)
    })
  },
  { name: 'auth', dependencies: ['database', 'problem', 'security'] },
)
