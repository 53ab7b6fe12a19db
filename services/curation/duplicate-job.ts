// Duplicate detection as a background run: the request only starts it (202) and the admin page polls its
// progress. The run goes through the venues in small batches — one short SQL statement each, scored in JS
// under a time slicer — and gives the event loop back between them, so searches keep being served while it
// runs (PGlite executes SQL on the event loop itself). A cancel flag is read at every batch.
import { performance } from 'node:perf_hooks'
import type { Kysely } from 'kysely'
import { appendAudit } from '../../db/audit.ts'
import { scoreBatch } from '../../db/curation/duplicates.ts'
import {
  failStaleJobs,
  findJob,
  findRunningJob,
  finishJob,
  insertJob,
  latestJob,
  reportProgress,
  requestCancel,
  venueIdsInScope,
  type DuplicateJob,
} from '../../db/curation/duplicate-jobs.ts'
import { territoryCondition } from '../../db/curation/submissions.ts'
import { timeSlicer } from '../../db/import/time-slice.ts'
import type { Database } from '../../db/types.ts'
import type { Caller } from '../caller.ts'
import { HttpProblem } from '../problem.ts'

/** Venues per batch: adapted so that each batch's statements take about TARGET_MS (searches wait at most that). */
const BATCH = { start: 25, min: 5, max: 100 }
const TARGET_MS = 40

export interface JobRunner {
  /** Starts a run for the caller, or returns the one already running (only one at a time). */
  start(caller: Caller): Promise<{ job: DuplicateJob; started: boolean }>
  /** Waits for the runs this process started to finish. */
  settle(): Promise<void>
  /** Shutdown: runs stop at their next batch (marked cancelled), then resolves. */
  close(): Promise<void>
}

export function duplicateJobRunner(db: Kysely<Database>): JobRunner {
  const running = new Set<Promise<void>>()
  let closing = false

  async function run(job: DuplicateJob, ids: string[], caller: Caller) {
    const slicer = timeSlicer()
    const seen = new Set<string>()
    let size = BATCH.start
    let queued = 0
    try {
      for (let i = 0; i < ids.length; ) {
        const started = performance.now()
        queued += await scoreBatch(db, ids.slice(i, i + size), seen)
        i += size
        const took = performance.now() - started
        size = Math.max(BATCH.min, Math.min(BATCH.max, size * 2, Math.round((size * TARGET_MS) / Math.max(took, 1))))
        await slicer.pause()
        const cancelled = await reportProgress(db, job.id, Math.min(ids.length, i), queued)
        if (cancelled || closing) {
          await finishJob(db, job.id, 'cancelled')
          await appendAudit(db, {
            actor: caller.label,
            action: 'duplicate.detect.cancel',
            entity: 'duplicate_job',
            entity_id: String(job.id),
          })
          return
        }
        // Even when the slice is not over, let queued requests in between two statements.
        await new Promise<void>((resolve) => setImmediate(resolve))
      }
      await finishJob(db, job.id, 'done')
      await appendAudit(db, {
        actor: caller.label,
        action: 'duplicate.detect',
        entity: 'duplicate_job',
        entity_id: String(job.id),
        detail: { queued },
      })
    } catch (error) {
      await finishJob(db, job.id, 'failed', error instanceof Error ? error.message.slice(0, 300) : String(error)).catch(() => {})
    }
  }

  return {
    async start(caller) {
      await failStaleJobs(db)
      const current = await findRunningJob(db)
      if (current) return { job: current, started: false }
      const territory = caller.role === 'admin' ? null : territoryCondition(caller.territories, 'a')
      const ids = await venueIdsInScope(db, territory)
      const job = await insertJob(db, caller.label, caller.role === 'admin' ? null : caller.territories, ids.length)
      const promise = run(job, ids, caller).finally(() => running.delete(promise))
      running.add(promise)
      return { job, started: true }
    },
    async settle() {
      await Promise.all([...running])
    },
    async close() {
      closing = true
      await Promise.all([...running])
    },
  }
}

export async function jobOrThrow(db: Kysely<Database>, id: number): Promise<DuplicateJob> {
  const job = await findJob(db, id)
  if (!job) throw new HttpProblem(404, `Aucune recherche de doublons n° ${id}.`)
  return job
}

export async function latestJobOrThrow(db: Kysely<Database>): Promise<DuplicateJob> {
  const job = await latestJob(db)
  if (!job) throw new HttpProblem(404, 'Aucune recherche de doublons n’a encore été lancée.')
  return job
}

export async function cancelJob(db: Kysely<Database>, id: number, caller: Caller): Promise<DuplicateJob> {
  const job = await jobOrThrow(db, id)
  if (job.status !== 'running') throw new HttpProblem(409, 'Cette recherche est déjà terminée.')
  const updated = await requestCancel(db, id)
  if (!updated) throw new HttpProblem(409, 'Cette recherche est déjà terminée.')
  await appendAudit(db, {
    actor: caller.label,
    action: 'duplicate.detect.cancel_requested',
    entity: 'duplicate_job',
    entity_id: String(id),
  })
  return updated
}
