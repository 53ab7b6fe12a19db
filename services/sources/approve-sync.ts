// Approving a `sync` submission: the store's refusals become 403/400 problems naming the field.
import type { Kysely } from 'kysely'
import type { SubmissionRow } from '../../db/curation/submissions.ts'
import { applySyncSubmission, SyncRefusedError, type SyncApproval } from '../../db/sync/apply.ts'
import type { Database } from '../../db/types.ts'
import type { Caller } from '../caller.ts'
import { HttpProblem } from '../problem.ts'

export async function approveSync(
  db: Kysely<Database>,
  s: SubmissionRow,
  rows: string[] | undefined,
  caller: Caller,
): Promise<SyncApproval> {
  try {
    return await applySyncSubmission(db, s, rows, caller)
  } catch (error) {
    if (error instanceof SyncRefusedError) {
      const status = error.field === 'rows' ? 400 : 403
      throw new HttpProblem(
        status,
        `${status === 403 ? 'Écriture refusée' : 'Sélection invalide'} : ${error.message}. Rien n’a été appliqué.`,
        { errors: [{ field: error.field, message: error.message }] },
      )
    }
    throw error
  }
}
