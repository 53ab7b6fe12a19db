// Approving a `sync` submission (an authority's whole-file sync): the curator applies the whole diff, or only the
// rows they select by the producer's id. Each row passes the write gate again with the reviewer; one refusal and
// nothing is written. Rows changed meanwhile by someone else get only the fields the file changes.
import type { Kysely } from 'kysely'
import type { SubmissionRow } from '../curation/submissions.ts'
import type { Database } from '../types.ts'
import { gateVenueWrite, type Writer } from '../write-gate.ts'
import { writeSync, type SyncPayload } from './sync.ts'

export interface SyncApproval {
  applied: { created: number; updated: number; archived: number }
  /** Producer ids left out by the curator (not applied). */
  skipped: string[]
}

export class SyncRefusedError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message)
  }
}

/** The diff of a sync submission, one line per field, as the moderation queue shows diffs (field, current, proposed). */
export function syncDiffEntries(payload: SyncPayload): { field: string; current: unknown; proposed: unknown }[] {
  return [
    ...payload.created.map((c) => ({ field: `${c.id} (ligne ${c.row}) : création`, current: null, proposed: c.nom })),
    ...payload.updated.flatMap((u) =>
      u.changes.map((ch) => ({ field: `${u.id} (ligne ${u.row}) : ${ch.field}`, current: ch.from, proposed: ch.to })),
    ),
    ...payload.archive.map((a) => ({ field: `${a.id} : absent du fichier`, current: 'published', proposed: 'archived' })),
  ]
}

export async function applySyncSubmission(
  db: Kysely<Database>,
  s: SubmissionRow,
  rows: string[] | undefined,
  reviewer: Writer & { label: string },
): Promise<SyncApproval> {
  const payload = s.payload as unknown as SyncPayload
  const keep = (id: string) => !rows || rows.includes(id)
  const unknown = (rows ?? []).filter((id) => ![...payload.created, ...payload.updated, ...payload.archive].some((r) => r.id === id))
  if (unknown.length > 0) throw new SyncRefusedError('rows', `identifiant(s) absent(s) de cette synchronisation : ${unknown.join(', ')}`)
  const selected = {
    created: payload.created.filter((c) => keep(c.id)),
    updated: payload.updated.filter((u) => keep(u.id)),
    archive: payload.archive.filter((a) => keep(a.id)),
  }
  const skipped = [...payload.created, ...payload.updated, ...payload.archive].map((r) => r.id).filter((id) => !keep(id))
  await db.transaction().execute(async (trx) => {
    const ids = [...selected.updated.map((u) => u.venue_id), ...selected.archive.map((a) => a.venue_id)]
    const stored =
      ids.length === 0
        ? []
        : await trx.selectFrom('venues').select(['id', 'source', 'departement', 'region']).where('id', 'in', ids).execute()
    const byId = new Map(stored.map((v) => [v.id, v]))
    const check = (
      kind: 'approve',
      storedPlace: { departement: string | null; region: string | null; source: string } | null,
      result: { departement: string | null; region: string | null; source: string } | null,
      id: string,
    ) => {
      const decision = gateVenueWrite(reviewer, { kind, stored: storedPlace, result })
      if (!decision.allowed) throw new SyncRefusedError(decision.field, `${id} : ${decision.message}`)
    }
    for (const c of selected.created) check('approve', null, { departement: c.departement, region: c.region, source: c.data.source }, c.id)
    for (const r of [...selected.updated, ...selected.archive]) {
      const venue = byId.get(r.venue_id)
      if (!venue) throw new SyncRefusedError('rows', `${r.id} : le lieu n’existe plus`)
      check('approve', venue, venue, r.id)
    }
    await writeSync(trx, selected, {
      actor: `${reviewer.label} (proposé par ${s.submitted_by})`,
      reason: `synchronisation ${payload.source} approuvée (proposition ${s.id})`,
    })
  })
  return { applied: { created: selected.created.length, updated: selected.updated.length, archived: selected.archive.length }, skipped }
}
