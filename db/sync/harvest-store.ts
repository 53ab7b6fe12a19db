// All SQL of harvesting: the sources with a URL, each run's report, and the lease that lets one instance run at a time.
// The lease is a single row taken by an atomic UPDATE … WHERE expired (works the same on PostgreSQL and PGlite,
// survives a crashed holder by expiring, needs no session-bound advisory lock on a pooled connection).
import { sql, type ColumnType, type Generated, type Kysely, type Selectable } from 'kysely'
import type { Database } from '../types.ts'

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
type Json<T> = ColumnType<T, string, string>

export interface HarvestSourcesTable {
  name: string
  url: string
  every_seconds: number
  absent: 'keep' | 'archive'
  etag: string | null
  last_modified: string | null
  next_run_at: Timestamp
  created_by: string
  created_at: Timestamp
}

export interface HarvestRunsTable {
  id: Generated<string>
  source: string
  started_at: Timestamp
  finished_at: Timestamp | null
  outcome: 'applied' | 'not_modified' | 'failed' | 'submitted'
  http_status: number | null
  bytes: number
  totals: Json<Record<string, number>>
  error: string | null
  rejected: Json<unknown[]>
}

export interface HarvestLeaseTable {
  id: number
  holder: string | null
  until: Timestamp
}

declare module '../types.ts' {
  interface Database {
    harvest_sources: HarvestSourcesTable
    harvest_runs: HarvestRunsTable
    harvest_lease: HarvestLeaseTable
  }
}

export type HarvestSource = Selectable<HarvestSourcesTable>
export type HarvestRun = Selectable<HarvestRunsTable>
type Db = Kysely<Database>

export async function upsertHarvestSource(
  db: Db,
  s: { name: string; url: string; everySeconds: number; absent: 'keep' | 'archive'; createdBy: string },
): Promise<HarvestSource> {
  return db
    .insertInto('harvest_sources')
    .values({ name: s.name, url: s.url, every_seconds: s.everySeconds, absent: s.absent, created_by: s.createdBy })
    .onConflict((oc) =>
      oc.column('name').doUpdateSet({
        url: s.url,
        every_seconds: s.everySeconds,
        absent: s.absent,
        etag: null,
        last_modified: null,
        next_run_at: sql`now()`,
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow()
}

export async function listHarvestSources(
  db: Db,
): Promise<(HarvestSource & { last_run: HarvestRun | null; last_failure: HarvestRun | null })[]> {
  const sources = await db.selectFrom('harvest_sources').selectAll().orderBy('name').execute()
  const result = []
  for (const s of sources) {
    const runs = await listHarvestRuns(db, s.name, 20)
    result.push({ ...s, last_run: runs[0] ?? null, last_failure: runs.find((r) => r.outcome === 'failed') ?? null })
  }
  return result
}

export async function findHarvestSource(db: Db, name: string): Promise<HarvestSource | undefined> {
  return db.selectFrom('harvest_sources').selectAll().where('name', '=', name).executeTakeFirst()
}

export async function deleteHarvestSource(db: Db, name: string): Promise<boolean> {
  return (await db.deleteFrom('harvest_sources').where('name', '=', name).executeTakeFirst()).numDeletedRows > 0n
}

/** Sources whose next run is due (or the one named, due or not). */
export async function dueHarvestSources(db: Db, only?: string): Promise<HarvestSource[]> {
  let q = db.selectFrom('harvest_sources').selectAll()
  q = only ? q.where('name', '=', only) : q.where('next_run_at', '<=', sql<Date>`now()`)
  return q.orderBy('next_run_at').execute()
}

export async function listHarvestRuns(db: Db, source: string, limit: number): Promise<HarvestRun[]> {
  return db.selectFrom('harvest_runs').selectAll().where('source', '=', source).orderBy('started_at', 'desc').limit(limit).execute()
}

export async function recordHarvestRun(
  db: Db,
  run: Omit<HarvestRun, 'id' | 'started_at' | 'finished_at' | 'totals' | 'rejected'> & {
    startedAt: Date
    totals: Record<string, number>
    rejected: unknown[]
  },
): Promise<HarvestRun> {
  return db
    .insertInto('harvest_runs')
    .values({
      source: run.source,
      started_at: run.startedAt,
      finished_at: sql`now()`,
      outcome: run.outcome,
      http_status: run.http_status,
      bytes: run.bytes,
      totals: JSON.stringify(run.totals),
      error: run.error,
      rejected: JSON.stringify(run.rejected),
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

/** After a run: the next one, and the validators of the file last applied (kept as they were when the file was refused). */
export async function scheduleNext(
  db: Db,
  name: string,
  everySeconds: number,
  validators: { etag: string | null; lastModified: string | null } | null,
): Promise<void> {
  await db
    .updateTable('harvest_sources')
    .set({
      next_run_at: sql`now() + make_interval(secs => ${everySeconds})`,
      ...(validators ? { etag: validators.etag, last_modified: validators.lastModified } : {}),
    })
    .where('name', '=', name)
    .execute()
}

/** Takes (or renews) the lease for `seconds`; false when another instance holds it. */
export async function takeHarvestLease(db: Db, holder: string, seconds: number): Promise<boolean> {
  const row = await db
    .updateTable('harvest_lease')
    .set({ holder, until: sql`now() + make_interval(secs => ${seconds})` })
    .where('id', '=', 1)
    .where((eb) => eb.or([eb('until', '<', sql<Date>`now()`), eb('holder', '=', holder)]))
    .returning('id')
    .executeTakeFirst()
  return !!row
}

export async function releaseHarvestLease(db: Db, holder: string): Promise<void> {
  await db
    .updateTable('harvest_lease')
    .set({ holder: null, until: sql`'-infinity'::timestamptz` })
    .where('id', '=', 1)
    .where('holder', '=', holder)
    .execute()
}
