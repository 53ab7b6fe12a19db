// The write gate: the one rule every venue change obeys, whatever the path (REST create/patch/archive/restore/
// revert, merge, label awards, sponsorships, imports over HTTP or by the command with a key, approvals).
// It checks the writer against BOTH the venue as stored and the venue as it would be after the change, checks
// the producer sources a key is bound to, and says whether the change is published or sent to moderation.
// Pure (no SQL): callers load the stored venue and locate the result, then ask here before writing.
import { ROLES } from '../domain/roles.ts'
import { venueInTerritories } from './territory.ts'

/**
 * Roles that may write. DESIGN also names `company`, `cinov` and `state` (not built yet): give each its rule
 * here when it lands — until then an unknown role is refused everything.
 */
export type WriterRole = 'authority' | 'curator' | 'admin'

export interface Writer {
  role: WriterRole | string
  /** `dep:33`, `reg:75`, `fr`; ignored for admins. */
  territories: string[]
  /** Producer names the key is bound to (`maillage apikey create … --source NAME`); empty = not bound. */
  sources?: string[]
}

/** Where a venue lies, and whose data it is. */
export interface VenuePlace {
  departement: string | null
  region: string | null
  source?: string | null
}

/** The kinds of change; `create` and `import` name a producer source, so bound keys are held to theirs. */
export type VenueWriteKind =
  | 'create'
  | 'update'
  | 'archive'
  | 'restore'
  | 'revert'
  | 'merge'
  | 'label'
  | 'sponsorship'
  | 'need'
  | 'import'
  | 'approve'

export interface VenueWrite {
  kind: VenueWriteKind
  /** The venue as stored now; null for a new venue. */
  stored: VenuePlace | null
  /** The venue as it would be after the change (same as `stored` for status, label and sponsorship changes). */
  result: VenuePlace | null
}

export type GateRefusal = 'stored_outside' | 'result_outside' | 'other_source' | 'unbound_key' | 'role'

export type GateDecision =
  | { allowed: true /** false: the change becomes a submission a curator approves */; publish: boolean }
  | { allowed: false; reason: GateRefusal; field: string; message: string }

/** Everyone who can write and is trusted to publish (the moderation queue exists for the others). */
const PUBLISHERS = new Set(['curator', 'admin'])
const WRITERS = new Set<string>(ROLES)

/** The operator at the shell (`maillage import` without a key, the demo seed): unrestricted, published. */
export const OPERATOR: Writer = { role: 'admin', territories: [], sources: [] }

function where(place: VenuePlace): string {
  return place.departement ? `département ${place.departement}` : 'commune inconnue'
}

/**
 * THE write gate. Every venue change asks here first; a refusal must leave the database untouched (the
 * API answers 403, an import rejects the row with its line number and, all-or-nothing, writes nothing).
 */
export function gateVenueWrite(writer: Writer, write: VenueWrite): GateDecision {
  if (!WRITERS.has(writer.role)) {
    return { allowed: false, reason: 'role', field: 'role', message: `le rôle ${writer.role} ne modifie pas les lieux` }
  }
  // Whose data first (a row of another producer is refused as such), then where it lies, stored and after.
  const sources = writer.sources ?? []
  const namesSource =
    write.kind === 'create' ||
    write.kind === 'import' ||
    (write.stored?.source != null && write.result?.source != null && write.result.source !== write.stored.source)
  if (write.kind === 'import' && writer.role === 'authority' && sources.length === 0) {
    // The safe choice: an unbound key could otherwise name any producer's rows (see api/curation/README.md).
    return {
      allowed: false,
      reason: 'unbound_key',
      field: 'source',
      message:
        'cette clé de collectivité n’est liée à aucune source : un administrateur doit créer une clé avec --source NOM pour importer',
    }
  }
  if (sources.length > 0 && namesSource) {
    for (const place of [write.stored, write.result]) {
      if (place?.source != null && !sources.includes(place.source)) {
        return {
          allowed: false,
          reason: 'other_source',
          field: 'source',
          message: `la source « ${place.source} » n’est pas celle de votre clé (${sources.join(', ')})`,
        }
      }
    }
  }
  const territory = writer.territories.join(', ') || 'aucun'
  if (writer.role !== 'admin') {
    if (write.stored && !venueInTerritories(writer.territories, write.stored.departement, write.stored.region)) {
      return {
        allowed: false,
        reason: 'stored_outside',
        field: 'code_insee',
        message: `le lieu enregistré (${where(write.stored)}) est hors de votre territoire (${territory})`,
      }
    }
    if (write.result && !venueInTerritories(writer.territories, write.result.departement, write.result.region)) {
      return {
        allowed: false,
        reason: 'result_outside',
        field: 'code_insee',
        message: `lieu hors de votre territoire (${territory}) : ${where(write.result)}`,
      }
    }
  }
  return { allowed: true, publish: PUBLISHERS.has(writer.role) }
}
