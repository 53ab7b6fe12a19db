// Who is calling, and the access rule every route declares. The auth domain (api/auth) fills
// `request.caller` from an API key or an admin session; routes only declare and check rules here.
import type { Role } from '../../domain/roles.ts'
import fp from 'fastify-plugin'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { venueInTerritories } from '../../db/territory.ts'
import { gateVenueWrite, type VenueWrite } from '../../db/write-gate.ts'
import { HttpProblem } from './problem.ts'

export type CallerRole = Role

export interface Caller {
  /** api key id or user id */
  id: string
  kind: 'apikey' | 'session'
  role: CallerRole
  /** `dep:33`, `reg:75`, `fr`; admins are unrestricted whatever this holds. */
  territories: string[]
  /** Shown in history and audit: `clé:Gironde numérique`, `utilisateur:alice@example.fr`. */
  label: string
  /** Producer sources an API key is bound to (empty: not bound; accounts are never bound). */
  sources: string[]
}

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

export function canWriteIn(caller: Caller, departement: string | null, region: string | null): boolean {
  return caller.role === 'admin' || venueInTerritories(caller.territories, departement, region)
}

/** Throws the right problem (401/403) unless the caller may write in that territory. */
export function assertTerritory(caller: Caller, departement: string | null, region: string | null): void {
  if (!canWriteIn(caller, departement, region)) {
    throw new HttpProblem(403, `Ce lieu (département ${departement ?? 'inconnu'}) est hors de votre territoire (${caller.territories.join(', ') || 'aucun'}).`)
  }
}

/**
 * The API's door to the write gate (db/write-gate.ts): every route that changes a venue calls this with the
 * stored venue and the result. A refusal is a 403 naming the field; otherwise it says whether to publish.
 */
export function authorizeVenueWrite(caller: Caller, write: VenueWrite): { publish: boolean } {
  const decision = gateVenueWrite(caller, write)
  if (!decision.allowed) {
    throw new HttpProblem(403, `Écriture refusée : ${decision.message}.`, { errors: [{ field: decision.field, message: decision.message }] })
  }
  return { publish: decision.publish }
}

export function callerOf(request: FastifyRequest): Caller {
  if (!request.caller) throw new HttpProblem(401, 'Authentification requise : clé d’API (Authorization: Bearer …) ou session.')
  return request.caller
}

export default fp(async (app) => {
  app.decorateRequest('caller', null)
  // Enforces the declared roles before body validation and any handler (401/403 before 400); territory checks need the resource and stay in routes.
  app.addHook('preValidation', async (request: FastifyRequest, _reply: FastifyReply) => {
    const access = request.routeOptions.config?.access
    if (!access || access === 'public') return
    const caller = callerOf(request)
    if (!access.roles.includes(caller.role)) {
      throw new HttpProblem(403, `Action réservée aux rôles : ${access.roles.join(', ')} (vous êtes ${caller.role}).`)
    }
  })
}, { name: 'caller-access' })
