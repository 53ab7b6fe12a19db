// Whole-file sync: a producer's file becomes the truth for its source. Rows are validated and located by the
// importer (db/import/importer.ts), compared with every stored venue of that source, and the answer is a diff:
// created, updated (field by field), unchanged, absent from the file. Absent venues are archived only when
// asked (`absent: 'archive'`). All-or-nothing: one refused row and nothing is written. A writer who does not
// publish (an authority) gets ONE submission of kind `sync` carrying the whole diff (db/sync/apply.ts applies it).
import type { Kysely } from 'kysely'
import { appendAudit } from '../audit.ts'
import { insertSubmission } from '../curation/submissions.ts'
import { gateImportRow, prepareRows } from '../import/importer.ts'
import { timeSlicer } from '../import/time-slice.ts'
import type { FieldIssue } from '../standard/index.ts'
import { analyzeAfterBulkWrite } from '../statistics.ts'
import type { Database, VenueRow } from '../types.ts'
import { changedColumns, sameVenueData, VENUE_DATA_COLUMNS, type VenueData } from '../venue-record.ts'
import { insertVenueIds, updateVenue } from '../venue-store.ts'
import { gateVenueWrite, OPERATOR, type Writer } from '../write-gate.ts'
import { knownRowHashes, storeRowHashes } from './row-hashes.ts'

/** What every stored venue of the source is loaded with: its place and lifecycle, and the hash of its file row. */
type VenueStub = Pick<VenueRow, 'id' | 'source' | 'source_id' | 'code_insee' | 'version' | 'status' | 'departement' | 'region'> & {
  hash: string | null
}
/** A venue whose content is compared with its row (the rows not known by their hash, and the absent ones). */
type StoredVenue = VenueData & Pick<VenueRow, 'id' | 'version' | 'status' | 'departement' | 'region'>

export type AbsentPolicy = 'keep' | 'archive'

export interface SyncOptions {
  source: string
  fileName?: string
  dryRun?: boolean
  absent?: AbsentPolicy
  actor: string
  actorId?: string
  writer?: Writer
  /** Validate and compare every row, even those whose stored hash says they did not change. */
  fullCompare?: boolean
}

export interface FieldChange {
  field: string
  from: unknown
  to: unknown
}
export interface CreatedRow {
  row: number
  id: string
  nom: string
  venue_id?: string
}
export interface UpdatedRow {
  row: number
  id: string
  nom: string
  venue_id: string
  changes: FieldChange[]
}
export interface AbsentVenue {
  id: string
  nom: string
  venue_id: string
  archived: boolean
}
export interface RejectedRow {
  row: number | null
  id: string | null
  errors: FieldIssue[]
}

export interface SyncReport {
  /** `submitted`: the diff waits in the moderation queue as one submission (`submission_id`). */
  status: 'applied' | 'dry_run' | 'rejected' | 'submitted'
  source: string
  format: 'v1' | 'v0' | null
  absent_policy: AbsentPolicy
  file_error: string | null
  totals: { rows: number; created: number; updated: number; unchanged: number; absent: number; archived: number; rejected: number }
  created: CreatedRow[]
  updated: UpdatedRow[]
  absent: AbsentVenue[]
  rejected: RejectedRow[]
  submission_id?: string
}

/** What a `sync` submission carries: enough to apply each row later, and the diff shown to the curator. */
export interface SyncPayload {
  source: string
  absent_policy: AbsentPolicy
  created: (CreatedRow & { data: VenueData; departement: string | null; region: string | null })[]
  updated: (UpdatedRow & { base_version: number; values: Partial<VenueData> })[]
  archive: (AbsentVenue & { base_version: number })[]
}

const ACTIVE = new Set(['published', 'pending'])

export async function syncFile(db: Kysely<Database>, bytes: Uint8Array, options: SyncOptions): Promise<SyncReport> {
  const writer = options.writer ?? OPERATOR
  const absentPolicy = options.absent ?? 'keep'
  const report: SyncReport = {
    status: 'rejected',
    source: options.source,
    format: null,
    absent_policy: absentPolicy,
    file_error: null,
    totals: { rows: 0, created: 0, updated: 0, unchanged: 0, absent: 0, archived: 0, rejected: 0 },
    created: [],
    updated: [],
    absent: [],
    rejected: [],
  }
  // Rows already stored as they are in the file are known by their hash: no validation, location or comparison
  // (the write gate still sees each of them). Read again in the transaction: if one changed meanwhile, start over.
  const known = options.fullCompare ? undefined : await knownRowHashes(db, options.source)
  const prepared = await prepareRows(db, bytes, { source: options.source, fileName: options.fileName, writer, known })
  if (typeof prepared === 'string') {
    report.file_error = prepared
    return report
  }
  report.format = prepared.format
  report.totals.rows = prepared.reports.length
  const payload: SyncPayload = { source: options.source, absent_policy: absentPolicy, created: [], updated: [], archive: [] }
  const slicer = timeSlicer()
  let publish = true
  let stale = false

  const run = async (trx: Kysely<Database>) => {
    const stubs = await loadStubs(trx, options.source)
    const seen = new Set<string>()
    // The rows of the updates and creations, by venue id once known: their hashes are kept once written.
    const written = new Map<string, { data: VenueData; hash: string }>()
    const createdHashes: string[] = []
    for (const row of prepared.known) {
      const stub = stubs.get(row.sourceId)
      if (stub?.hash !== row.hash) {
        stale = true
        return
      }
      seen.add(row.sourceId)
      const decision = gateVenueWrite(writer, { kind: 'import', stored: stub, result: stub })
      if (!decision.allowed) {
        const value = decision.field === 'source' ? stub.source : stub.code_insee
        row.report.errors.push({ field: decision.field, message: decision.message, value })
        continue
      }
      publish &&= decision.publish
      report.totals.unchanged++
    }
    const stored = await loadCompared(trx, options.source, stubs, seen)
    // Rows found equal field by field whose hash is not stored yet (first sync, or after another write).
    const equal: { venueId: string; hash: string }[] = []
    for (const item of prepared.located) {
      await slicer.pause()
      const current = stored.get(item.data.source_id)
      seen.add(item.data.source_id)
      const decision = gateImportRow(writer, item, current)
      if (!decision) continue
      publish &&= decision.publish
      const id = item.data.source_id
      if (!current) {
        createdHashes.push(item.hash)
        report.created.push({ row: item.report.row, id, nom: item.data.nom })
        payload.created.push({
          row: item.report.row,
          id,
          nom: item.data.nom,
          data: item.data,
          departement: item.departement,
          region: item.region,
        })
        continue
      }
      const columns = changedColumns(current, item.data)
      if (columns.length === 0) {
        report.totals.unchanged++
        equal.push({ venueId: current.id, hash: item.hash })
        continue
      }
      const changes = columns.map((field) => ({ field, from: current[field] ?? null, to: item.data[field] ?? null }))
      const values = Object.fromEntries(columns.map((c) => [c, item.data[c]])) as Partial<VenueData>
      report.updated.push({ row: item.report.row, id, nom: item.data.nom, venue_id: current.id, changes })
      payload.updated.push({
        row: item.report.row,
        id,
        nom: item.data.nom,
        venue_id: current.id,
        changes,
        base_version: current.version,
        values,
      })
      written.set(current.id, item)
    }
    for (const r of prepared.reports) if (r.errors.length > 0) report.rejected.push({ row: r.row, id: r.id, errors: r.errors })
    for (const venue of stored.values()) {
      if (seen.has(venue.source_id) || !ACTIVE.has(venue.status)) continue
      const archived = absentPolicy === 'archive'
      if (archived) {
        const decision = gateVenueWrite(writer, { kind: 'archive', stored: venue, result: venue })
        if (!decision.allowed) {
          report.rejected.push({
            row: null,
            id: venue.source_id,
            errors: [{ field: decision.field, message: `absent du fichier, ne peut être archivé : ${decision.message}` }],
          })
          continue
        }
        payload.archive.push({ id: venue.source_id, nom: venue.nom, venue_id: venue.id, archived, base_version: venue.version })
      }
      report.absent.push({ id: venue.source_id, nom: venue.nom, venue_id: venue.id, archived })
    }
    report.totals.rejected = report.rejected.length
    report.totals.created = report.created.length
    report.totals.updated = report.updated.length
    report.totals.absent = report.absent.length
    report.totals.archived = payload.archive.length
    if (report.rejected.length > 0) {
      report.status = 'rejected'
      return
    }
    if (options.dryRun) {
      report.status = 'dry_run'
      return
    }
    const nothing = payload.created.length + payload.updated.length + payload.archive.length === 0
    if (!publish && !nothing) {
      const place = commonPlace([
        ...payload.created,
        ...payload.updated.map((u) => stored.get(u.id)!),
        ...payload.archive.map((a) => stored.get(a.id)!),
      ])
      const submission = await insertSubmission(trx, {
        kind: 'sync',
        venueId: null,
        baseVersion: null,
        payload: payload as unknown as Record<string, unknown>,
        submittedBy: options.actor,
        submitterId: options.actorId ?? options.actor,
        departement: place.departement,
        region: place.region,
        message:
          `synchronisation ${options.source} : ${payload.created.length} créé(s), ` +
          `${payload.updated.length} modifié(s), ${payload.archive.length} à archiver`,
      })
      report.submission_id = submission.id
      report.status = 'submitted'
      await storeRowHashes(trx, equal)
      return
    }
    const updated = await writeSync(trx, payload, { actor: options.actor, reason: `synchronisation ${options.source}` })
    report.created.forEach((row, i) => {
      row.venue_id = payload.created[i].venue_id
    })
    // A venue's hash is kept only when what is stored now is exactly its row.
    const hashes = [...equal, ...payload.created.map((c, i) => ({ venueId: c.venue_id!, hash: createdHashes[i] }))]
    for (const venue of updated) {
      const row = written.get(venue.id)
      if (row && sameVenueData(venue, row.data)) hashes.push({ venueId: venue.id, hash: row.hash })
    }
    await storeRowHashes(trx, hashes)
    await appendAudit(trx, {
      actor: options.actor,
      action: 'sync',
      entity: 'source',
      entity_id: null,
      detail: { source: options.source, file: options.fileName ?? null, format: report.format, totals: report.totals },
    })
    report.status = 'applied'
  }
  if (options.dryRun) await run(db)
  else await db.transaction().execute(run)
  // Nothing was written: a row known by its hash changed between reading the hashes and the transaction.
  if (stale) return syncFile(db, bytes, { ...options, fullCompare: true })
  if (report.status === 'applied') {
    const written = report.totals.created + report.totals.updated + report.totals.archived
    if (written > 0) await analyzeAfterBulkWrite(db, { venues: written, venue_versions: written, audit_log: written })
  }
  return report
}

/**
 * Writes the rows of a sync (all, or those a curator selected): inserts in batches, one version per update or
 * archive. Answers the updated venues as stored now.
 */
export async function writeSync(
  trx: Kysely<Database>,
  payload: Pick<SyncPayload, 'created' | 'updated' | 'archive'>,
  context: { actor: string; reason: string },
): Promise<VenueRow[]> {
  const slicer = timeSlicer()
  if (payload.created.length > 0) {
    const ids = await insertVenueIds(
      trx,
      payload.created.map((c) => ({ data: c.data })),
      context,
    )
    ids.forEach((id, i) => {
      payload.created[i].venue_id = id
    })
  }
  const updated: VenueRow[] = []
  for (const u of payload.updated) {
    await slicer.pause()
    updated.push(await updateVenue(trx, u.venue_id, u.values, { expectedVersion: null, action: 'venue.sync' }, context))
  }
  for (const a of payload.archive) {
    await slicer.pause()
    await updateVenue(trx, a.venue_id, {}, { expectedVersion: null, status: 'archived', action: 'venue.archive' }, context)
  }
  return updated
}

/**
 * Every stored venue of a source, by the producer’s id (archived ones too: a row naming one is compared, not
 * re-created), with only its place, lifecycle and row hash: a 30,000-venue source loads in one short query.
 */
async function loadStubs(db: Kysely<Database>, source: string): Promise<Map<string, VenueStub>> {
  const rows = await db
    .selectFrom('venues as v')
    .leftJoin('source_row_hashes as h', 'h.venue_id', 'v.id')
    .select(['v.id', 'v.source', 'v.source_id', 'v.code_insee', 'v.version', 'v.status', 'v.departement', 'v.region', 'h.hash'])
    .where('v.source', '=', source)
    .execute()
  return new Map(rows.map((row) => [row.source_id, row]))
}

const LOAD_BATCH = 5000

/** The content of the venues compared field by field: all but those whose row was known by its hash. */
async function loadCompared(
  db: Kysely<Database>,
  source: string,
  stubs: Map<string, VenueStub>,
  known: Set<string>,
): Promise<Map<string, StoredVenue>> {
  const columns = [...VENUE_DATA_COLUMNS, 'id', 'version', 'status', 'departement', 'region'] as const
  if (known.size === 0) {
    const rows = await db.selectFrom('venues').select(columns).where('source', '=', source).execute()
    return new Map(rows.map((row) => [row.source_id, row]))
  }
  const ids = [...stubs.values()].filter((s) => !known.has(s.source_id)).map((s) => s.id)
  const stored = new Map<string, StoredVenue>()
  for (let i = 0; i < ids.length; i += LOAD_BATCH) {
    const rows = await db
      .selectFrom('venues')
      .select(columns)
      .where('id', 'in', ids.slice(i, i + LOAD_BATCH))
      .execute()
    for (const row of rows) stored.set(row.source_id, row)
  }
  return stored
}

/** The submission's territory (what decides which curators see it): the département all rows share, else their region. */
function commonPlace(items: { departement: string | null; region: string | null }[]): {
  departement: string | null
  region: string | null
} {
  const deps = new Set(items.map((i) => i.departement))
  const regs = new Set(items.map((i) => i.region))
  if (deps.size === 1) return { departement: [...deps][0], region: [...regs][0] ?? null }
  return { departement: null, region: regs.size === 1 ? [...regs][0] : null }
}
