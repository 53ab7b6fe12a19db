// Who is calling, and the access rule every route declares. The auth domain (api/auth) fills
// `request.caller` from an API key or an admin session; routes only declare and check rules here.
import fp from 'fastify-plugin'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { assertTerritory, authorizeVenueWrite, canWriteIn, submitterId, type Caller, type CallerRole } from '../../services/caller.ts'
import { HttpProblem } from './problem.ts'

export { assertTerritory, authorizeVenueWrite, canWriteIn, submitterId, type Caller, type CallerRole }

/**
 * Every route declares `config: { access }`: `'public'` (anyone), or the roles allowed. The authorisation
 * matrix test reads this from the route table, so a route without a rule fails the suite.
 */
export type AccessRule = 'public' | { roles: CallerRole[] }

declare module 'fastify' {
  interface FastifyRequest {
    caller: Caller | null
  }
  interface FastifyContextConfig {
    access?: AccessRule
  }
}

export function callerOf(request: FastifyRequest): Caller {
  if (!request.caller) throw new HttpProblem(401, 'Authentification requise : clé d’API (Authorization: Bearer …) ou session.')
  return request.caller
}

export default fp(
  async (app) => {
    app.decorateRequest('caller', null)
    // Enforces the declared roles before body validation and any handler (401/403 before 400); territory checks
    // need the resource and stay in routes.
    app.addHook('preValidation', async (request: FastifyRequest, _reply: FastifyReply) => {
      const access = request.routeOptions.config?.access
      if (!access || access === 'public') return
      const caller = callerOf(request)
      if (!access.roles.includes(caller.role)) {
        throw new HttpProblem(403, `Action réservée aux rôles : ${access.roles.join(', ')} (vous êtes ${caller.role}).`)
      }
    })
  },
  { name: 'caller-access' },
)
