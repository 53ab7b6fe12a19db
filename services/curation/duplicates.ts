// Likely duplicates as curators handle them (detection runs: duplicate-job.ts): merge (both venues through the write gate, in one
// transaction), dismiss — each checked against the caller's territory and audited.
import type { Kysely } from 'kysely'
import { appendAudit } from '../../db/audit.ts'
import { dismissDuplicate, findDuplicate, mergedContent, mergeVenues } from '../../db/curation/duplicates.ts'
import { communeTerritory, findVenue } from '../../db/curation/history.ts'
import type { Database } from '../../db/types.ts'
import { assertTerritory, authorizeVenueWrite, type Caller } from '../caller.ts'
import { HttpProblem } from '../problem.ts'
import { withStoreErrors } from '../store-errors.ts'

/** A pair and both its venues, once the caller is known to reach both. */
export async function loadPair(db: Kysely<Database>, id: number, caller: Caller) {
  const d = await findDuplicate(db, id)
  if (!d) throw new HttpProblem(404, `Aucun doublon n° ${id}.`)
  const [a, b] = await Promise.all([findVenue(db, d.venue_a), findVenue(db, d.venue_b)])
  if (!a || !b) throw new HttpProblem(404, 'Un des deux lieux n’existe plus.')
  assertTerritory(caller, a.departement, a.region)
  assertTerritory(caller, b.departement, b.region)
  return { d, a, b }
}

/** Merges a pending pair into the survivor chosen; returns the pair as resolved and the survivor as written. */
export async function mergePair(db: Kysely<Database>, id: number, survivorId: string, caller: Caller) {
  const { d, a, b } = await loadPair(db, id, caller)
  if (d.status !== 'pending') throw new HttpProblem(409, `Ce doublon est déjà ${d.status === 'merged' ? 'fusionné' : 'écarté'}.`)
  if (survivorId !== a.id && survivorId !== b.id) {
    throw new HttpProblem(400, 'Le survivant doit être l’un des deux lieux de la paire.', {
      errors: [{ field: 'survivor', message: 'ni venue_a ni venue_b' }],
    })
  }
  const [survivor, other] = survivorId === a.id ? [a, b] : [b, a]
  if (other.status === 'archived' || survivor.status === 'archived')
    throw new HttpProblem(409, 'Un des deux lieux est archivé : rétablissez-le ou écartez ce doublon.')
  // Both venues change (the survivor's content, the other's status): each through the write gate.
  const filled = mergedContent(survivor, other)
  const result = 'code_insee' in filled ? await communeTerritory(db, filled.code_insee ?? null) : survivor
  authorizeVenueWrite(caller, { kind: 'merge', stored: survivor, result: { ...result, source: survivor.source } })
  authorizeVenueWrite(caller, { kind: 'merge', stored: other, result: other })
  const merged = await withStoreErrors(() => db.transaction().execute((trx) => mergeVenues(trx, d.id, survivor, other, caller.label)))
  return { duplicate: (await findDuplicate(db, d.id))!, survivor: merged }
}

/** Marks a pending pair as no duplicate; it is not proposed again. */
export async function dismissPair(db: Kysely<Database>, id: number, caller: Caller, reason: string | null) {
  const { d } = await loadPair(db, id, caller)
  if (d.status !== 'pending') throw new HttpProblem(409, 'Ce doublon est déjà traité.')
  const row = await dismissDuplicate(db, d.id, caller.label)
  if (!row) throw new HttpProblem(409, 'Ce doublon est déjà traité.')
  await appendAudit(db, {
    actor: caller.label,
    action: 'duplicate.dismiss',
    entity: 'duplicate',
    entity_id: String(d.id),
    detail: { reason },
  })
  return row
}
