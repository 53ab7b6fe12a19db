// Batch moderation: each submission of a selection is approved or rejected exactly as the single route would
// (each item all-or-nothing, in its own write), and the batch reports every item's outcome. One item refused
// does not undo the others; the caller reads the per-item results.
import type { Kysely } from 'kysely'
import type { Database } from '../../db/types.ts'
import type { Caller } from '../caller.ts'
import { HttpProblem } from '../problem.ts'
import { withStoreErrors } from '../store-errors.ts'
import { approveSubmission, rejectSubmission } from './moderation.ts'

export type BatchAction = 'approve' | 'reject'

export interface BatchItemResult {
  id: string
  ok: boolean
  /** The HTTP status the single route would have answered for this item. */
  status: number
  submission_status: string | null
  detail: string | null
}

export interface BatchResult {
  items: BatchItemResult[]
  succeeded: number
  failed: number
}

export async function moderateBatch(
  db: Kysely<Database>,
  caller: Caller,
  action: BatchAction,
  ids: string[],
  reason: string | null,
): Promise<BatchResult> {
  if (action === 'reject' && !reason)
    throw new HttpProblem(400, 'Indiquez le motif du refus : il est transmis aux auteurs.', {
      errors: [{ field: 'reason', message: 'obligatoire pour refuser' }],
    })
  const items: BatchItemResult[] = []
  // One after the other: approvals of proposals on the same venue must see each other's versions.
  for (const id of ids) {
    try {
      const closed = await withStoreErrors(() =>
        action === 'approve' ? approveSubmission(db, id, caller, undefined, reason) : rejectSubmission(db, id, caller, reason!),
      )
      items.push({ id, ok: true, status: 200, submission_status: closed.status, detail: null })
    } catch (error) {
      if (!(error instanceof HttpProblem)) throw error
      items.push({ id, ok: false, status: error.status, submission_status: null, detail: error.message })
    }
  }
  const succeeded = items.filter((i) => i.ok).length
  return { items, succeeded, failed: items.length - succeeded }
}
