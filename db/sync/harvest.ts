// Harvesting: fetch a source's published file with a conditional GET (If-None-Match / If-Modified-Since), run the
// whole-file sync with the source's policy, keep the run's report. A 304 does nothing; a file that is refused
// (unreadable, or any bad row) changes nothing, is reported with its rejected rows, and keeps the old validators
// so the next run fetches it again. One instance harvests at a time (the lease of db/sync/harvest-store.ts).
import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import { MAX_IMPORT_BYTES } from '../import/read-file.ts'
import type { Database } from '../types.ts'
import { OPERATOR } from '../write-gate.ts'
import {
  dueHarvestSources,
  recordHarvestRun,
  releaseHarvestLease,
  scheduleNext,
  takeHarvestLease,
  type HarvestRun,
  type HarvestSource,
} from './harvest-store.ts'
import { syncFile } from './sync.ts'

/** How long the lease lasts before another instance may take over (renewed before each source). */
const LEASE_SECONDS = 15 * 60
const FETCH_TIMEOUT_MS = 60_000
/** Rejected rows kept in a run's report (the first ones: enough to fix the file). */
const KEPT_REJECTIONS = 100

export const INSTANCE_ID = `${process.pid}-${randomUUID().slice(0, 8)}`

export async function harvestOne(db: Kysely<Database>, source: HarvestSource): Promise<HarvestRun> {
  const startedAt = new Date()
  const base = {
    source: source.name,
    startedAt,
    http_status: null as number | null,
    bytes: 0,
    totals: {},
    rejected: [] as unknown[],
    error: null as string | null,
  }
  const failed = async (error: string, extra: Partial<typeof base> = {}) => {
    await scheduleNext(db, source.name, source.every_seconds, null)
    return recordHarvestRun(db, { ...base, ...extra, outcome: 'failed', error })
  }
  let response: Response
  try {
    const headers: Record<string, string> = {
      'user-agent': 'Maillage (moissonnage)',
      accept: 'text/csv, application/json;q=0.9, */*;q=0.5',
    }
    if (source.etag) headers['if-none-match'] = source.etag
    if (source.last_modified) headers['if-modified-since'] = source.last_modified
    response = await fetchOnceMore(source.url, { headers, redirect: 'follow', signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) })
  } catch (error) {
    return failed(`Téléchargement impossible : ${(error as Error).message}`)
  }
  if (response.status === 304) {
    await scheduleNext(db, source.name, source.every_seconds, null)
    return recordHarvestRun(db, { ...base, http_status: 304, outcome: 'not_modified' })
  }
  if (!response.ok) return failed(`Le serveur a répondu ${response.status}.`, { http_status: response.status })
  const declared = Number(response.headers.get('content-length') ?? 0)
  if (declared > MAX_IMPORT_BYTES)
    return failed(`Fichier de ${declared} octets : plus que les ${MAX_IMPORT_BYTES} acceptés.`, {
      http_status: response.status,
      bytes: declared,
    })
  const bytes = new Uint8Array(await response.arrayBuffer())
  const fileName = new URL(source.url).pathname.split('/').pop() || `${source.name}.csv`
  const report = await syncFile(db, bytes, {
    source: source.name,
    fileName,
    absent: source.absent,
    actor: `moissonnage:${source.name}`,
    writer: OPERATOR,
  })
  const fetched = { http_status: response.status, bytes: bytes.length, totals: report.totals }
  if (report.status === 'rejected') {
    const rejected = report.rejected
      .slice(0, KEPT_REJECTIONS)
      .map((r) => ({ row: r.row, id: r.id, errors: r.errors.map((e) => ({ field: e.field, message: e.message })) }))
    return failed(report.file_error ?? `${report.rejected.length} ligne(s) en erreur : rien n’a été écrit.`, { ...fetched, rejected })
  }
  await scheduleNext(db, source.name, source.every_seconds, {
    etag: response.headers.get('etag'),
    lastModified: response.headers.get('last-modified'),
  })
  return recordHarvestRun(db, { ...base, ...fetched, outcome: report.status === 'submitted' ? 'submitted' : 'applied' })
}

/**
 * Runs every due source (or the one named, due or not), one at a time, under the lease. Returns null when
 * another instance is harvesting (nothing run here).
 */
export async function harvestDue(db: Kysely<Database>, only?: string, holder = INSTANCE_ID): Promise<HarvestRun[] | null> {
  if (!(await takeHarvestLease(db, holder, LEASE_SECONDS))) return null
  try {
    const runs: HarvestRun[] = []
    for (const source of await dueHarvestSources(db, only)) {
      if (!(await takeHarvestLease(db, holder, LEASE_SECONDS))) break
      runs.push(await harvestOne(db, source))
    }
    return runs
  } finally {
    await releaseHarvestLease(db, holder)
  }
}

/** Parses `24h`, `30m`, `7d`, `3600s` into seconds (at least a minute); null when unreadable. */
export function parseEvery(text: string): number | null {
  const match = /^(\d+)\s*([smhd])$/.exec(text.trim())
  if (!match) return null
  const seconds = Number(match[1]) * { s: 1, m: 60, h: 3600, d: 86400 }[match[2] as 's' | 'm' | 'h' | 'd']
  return seconds >= 60 && seconds <= 365 * 86400 ? seconds : null
}

/**
 * A pooled keep-alive connection that the producer's server closed while idle fails the next request at once
 * ("other side closed"): that one attempt is made again on a fresh connection. Timeouts are not retried.
 */
async function fetchOnceMore(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init)
  } catch (error) {
    if ((error as Error).name === 'TimeoutError' || (error as Error).name === 'AbortError') throw error
    return fetch(url, init)
  }
}
