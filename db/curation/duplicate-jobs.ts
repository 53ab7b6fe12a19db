// Duplicate detection runs: one row per run with its progress and a cancel flag any instance may set.
// A run whose heartbeat stopped (its process died) no longer blocks a new one.
import { sql, type ColumnType, type Generated, type Kysely, type RawBuilder, type Selectable } from 'kysely'
import type { DuplicateReason } from '../../domain/duplicate-score.ts'
import type { Database } from '../types.ts'

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
type Json<T> = ColumnType<T, string, string>

export interface DuplicateJobsTable {
  id: Generated<number>
  status: Generated<'running' | 'done' | 'cancelled' | 'failed'>
  started_by: string
  scope: Json<string[] | null>
  total: Generated<number>
  processed: Generated<number>
  queued: Generated<number>
  cancel_requested: Generated<boolean>
  error: string | null
  started_at: Timestamp
  heartbeat_at: Timestamp
  finished_at: Timestamp | null
}

declare module '../types.ts' {
  interface Database {
    duplicate_jobs: DuplicateJobsTable
  }
  interface DuplicatesTable {
    reasons: ColumnType<DuplicateReason[], string | undefined, string>
  }
}

export type DuplicateJob = Selectable<DuplicateJobsTable>
type Db = Kysely<Database>

/** A heartbeat older than this means the run's process is gone. */
export const JOB_STALE_SECONDS = 120

export async function findRunningJob(db: Db): Promise<DuplicateJob | undefined> {
  return db
    .selectFrom('duplicate_jobs')
    .selectAll()
    .where('status', '=', 'running')
    .where(sql<boolean>`heartbeat_at > now() - make_interval(secs => ${JOB_STALE_SECONDS})`)
    .orderBy('id', 'desc')
    .executeTakeFirst()
}

/** Marks runs left behind by a dead process as failed, so the list of runs tells the truth. */
export async function failStaleJobs(db: Db): Promise<void> {
  await db
    .updateTable('duplicate_jobs')
    .set({ status: 'failed', error: 'interrompue (le service a redémarré)', finished_at: sql`now()` })
    .where('status', '=', 'running')
    .where(sql<boolean>`heartbeat_at <= now() - make_interval(secs => ${JOB_STALE_SECONDS})`)
    .execute()
}

export async function insertJob(db: Db, startedBy: string, scope: string[] | null, total: number): Promise<DuplicateJob> {
  return db
    .insertInto('duplicate_jobs')
    .values({ started_by: startedBy, scope: JSON.stringify(scope), total })
    .returningAll()
    .executeTakeFirstOrThrow()
}

export async function findJob(db: Db, id: number): Promise<DuplicateJob | undefined> {
  return db.selectFrom('duplicate_jobs').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function latestJob(db: Db): Promise<DuplicateJob | undefined> {
  return db.selectFrom('duplicate_jobs').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirst()
}

/** Records progress; returns whether a cancel was asked meanwhile. */
export async function reportProgress(db: Db, id: number, processed: number, queued: number): Promise<boolean> {
  const row = await db
    .updateTable('duplicate_jobs')
    .set({ processed, queued, heartbeat_at: sql`now()` })
    .where('id', '=', id)
    .returning('cancel_requested')
    .executeTakeFirst()
  return row?.cancel_requested ?? true
}

export async function requestCancel(db: Db, id: number): Promise<DuplicateJob | undefined> {
  return db
    .updateTable('duplicate_jobs')
    .set({ cancel_requested: true })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .returningAll()
    .executeTakeFirst()
}

export async function finishJob(db: Db, id: number, status: 'done' | 'cancelled' | 'failed', error: string | null = null): Promise<void> {
  await db
    .updateTable('duplicate_jobs')
    .set({ status, error, finished_at: sql`now()`, heartbeat_at: sql`now()` })
    .where('id', '=', id)
    .execute()
}

/** Ids of the live venues a run goes through (the territory's for a curator), in a stable order. */
export async function venueIdsInScope(db: Db, territory: RawBuilder<boolean> | null): Promise<string[]> {
  const rows = await db
    .selectFrom('venues as a')
    .select('a.id')
    .where('a.status', 'in', ['published', 'pending'])
    .where('a.merged_into', 'is', null)
    .$if(territory !== null, (q) => q.where(territory!))
    .orderBy('a.id')
    .execute()
  return rows.map((r) => r.id)
}
