// Who writes, and the territory and write-gate checks every service applies before changing a venue
// (the API fills the caller from a key or a session in api/plugins/caller.ts).
import { venueInTerritories } from '../db/territory.ts'
import { gateVenueWrite, type VenueWrite } from '../db/write-gate.ts'
import { HttpProblem } from './problem.ts'
import type { Role, UserRole } from '../domain/roles.ts'

/** API keys carry a Role; accounts a UserRole (which adds the committees' representatives). */
export type CallerRole = Role | UserRole

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
  /** The company a `company` representative speaks for (accounts only; null otherwise). */
  companyId?: string | null
}

export function canWriteIn(caller: Caller, departement: string | null, region: string | null): boolean {
  return caller.role === 'admin' || venueInTerritories(caller.territories, departement, region)
}

/** Throws the right problem (401/403) unless the caller may write in that territory. */
export function assertTerritory(caller: Caller, departement: string | null, region: string | null): void {
  if (!canWriteIn(caller, departement, region)) {
    throw new HttpProblem(
      403,
      `Ce lieu (département ${departement ?? 'inconnu'}) est hors de votre territoire (${caller.territories.join(', ') || 'aucun'}).`,
    )
  }
}

/**
 * The API's door to the write gate (db/write-gate.ts): every route that changes a venue calls this with the
 * stored venue and the result. A refusal is a 403 naming the field; otherwise it says whether to publish.
 */
export function authorizeVenueWrite(caller: Caller, write: VenueWrite): { publish: boolean } {
  const decision = gateVenueWrite(caller, write)
  if (!decision.allowed) {
    throw new HttpProblem(403, `Écriture refusée : ${decision.message}.`, {
      errors: [{ field: decision.field, message: decision.message }],
    })
  }
  return { publish: decision.publish }
}

/** Who proposed a submission, as stored: an authority reads back only its own. */
export function submitterId(caller: Caller): string {
  return `${caller.kind}:${caller.id}`
}
