// The importer shared by `maillage import` and POST /api/v1/imports: validate every row, pass each through the
// write gate (db/write-gate.ts: the writer's territory against the stored venue and the row, the key's sources),
// then write all of them in one transaction (or none), upserting by (source, id) so a re-import changes nothing.
// A writer the gate does not let publish (an authority) gets one moderation submission per changed row instead.
import { hash as digest } from 'node:crypto'
import type { Kysely } from 'kysely'
import { detectFormat, fromLegacyV0, parseStandardRecord, type FieldIssue, type StandardRecord } from '../standard/index.ts'
import type { Database, VenueRow } from '../types.ts'
import { changedColumns, recordToVenueData, sameVenueData, type VenueData } from '../venue-record.ts'
import { insertVenueIds, updateVenue } from '../venue-store.ts'
import { appendAudit } from '../audit.ts'
import { insertSubmission } from '../curation/submissions.ts'
import { gateVenueWrite, OPERATOR, type VenuePlace, type Writer } from '../write-gate.ts'
import { analyzeAfterBulkWrite } from '../statistics.ts'
import { loadGazetteerFor, locate } from './locate.ts'
import { readImportFile } from './read-file.ts'
import { timeSlicer } from './time-slice.ts'
import { storeRowHashes } from '../sync/row-hashes.ts'

export interface ImportOptions {
  /** The producer name; rows without a `source` column value get it. Defaults to the file name. */
  source?: string
  fileName?: string
  dryRun?: boolean
  partial?: boolean
  actor: string
  /** Who writes, for the write gate; absent = the operator at the shell (seed, `maillage import` without a key). */
  writer?: Writer
  /** Stable identity of the writer (`apikey:<id>`), kept on the submissions an unpublished import creates. */
  actorId?: string
  /** ANALYZE what the import wrote (default); the demo seed does it once after its last file. */
  analyze?: boolean
}

export type RowOutcome = 'created' | 'updated' | 'unchanged' | 'rejected'

export interface RowReport {
  row: number
  id: string | null
  outcome: RowOutcome
  errors: FieldIssue[]
  warnings: FieldIssue[]
  venue_id?: string
  /** The moderation submission carrying this row (writers who do not publish, such as authorities). */
  submission_id?: string
}

export interface ImportReport {
  /** `submitted`: the changes wait in the moderation queue, one submission per created or updated row. */
  status: 'applied' | 'dry_run' | 'rejected' | 'submitted'
  format: 'v1' | 'v0' | null
  file_error: string | null
  totals: Record<RowOutcome, number> & { rows: number }
  rows: RowReport[]
}

const emptyTotals = () => ({ rows: 0, created: 0, updated: 0, unchanged: 0, rejected: 0 })

/** A file's rows validated and located, before they meet what is stored (shared with the whole-file sync, db/sync). */
export interface PreparedRows {
  format: 'v1' | 'v0' | null
  fallbackSource: string
  reports: RowReport[]
  /** `hash`: the row's content hash (rowHash), stored with the venue it writes (db/sync/row-hashes.ts). */
  located: { report: RowReport; data: VenueData; departement: string | null; region: string | null; hash: string }[]
  /** Rows the caller already knew by their hash (options.known): neither validated nor located again. */
  known: { report: RowReport; sourceId: string; hash: string }[]
}

// Part of every row hash: bump it when validation or location rules change what a row becomes, so rows are
// checked again at the next sync instead of being taken as already stored.
const ROW_RULES = 'standard-1.0.2/1'

/** The hash of one file row as read (every column, in file order), with what else decides what it becomes. */
export function rowHash(values: Record<string, unknown>, format: string | null, source: string): string {
  return digest('sha256', `${ROW_RULES}\u0000${format}\u0000${source}\u0000${JSON.stringify(values)}`, 'base64url')
}

type LocatedRow = PreparedRows['located'][number]

/**
 * The write gate for one row of a file (import or sync): a refusal becomes the row's error, naming the field
 * (null is returned); otherwise whether the row may be published or goes to moderation.
 */
export function gateImportRow(writer: Writer, item: LocatedRow, stored: VenuePlace | undefined): { publish: boolean } | null {
  const decision = gateVenueWrite(writer, {
    kind: 'import',
    stored: stored ?? null,
    result: { departement: item.departement, region: item.region, source: item.data.source },
  })
  if (decision.allowed) return { publish: decision.publish }
  item.report.errors.push({
    field: decision.field,
    message: decision.message,
    value: decision.field === 'source' ? item.data.source : item.data.code_insee,
  })
  return null
}

/** Steps 1 and 2 of an import: validate each row on its own, then locate it; a file-level error as a string. */
export async function prepareRows(
  db: Kysely<Database>,
  bytes: Uint8Array,
  options: Pick<ImportOptions, 'source' | 'fileName' | 'writer'> & {
    /**
     * Hashes of rows already stored for `options.source` (hash → producer id): such a row is the very row its
     * venue was last written from, so it is not validated or located again (the whole-file sync, db/sync).
     */
    known?: ReadonlyMap<string, string>
  },
): Promise<PreparedRows | string> {
  const read = await readImportFile(bytes, options.fileName)
  if (!read.ok) return read.message
  const format = detectFormat(read.headers)
  const writer = options.writer ?? OPERATOR
  // A key bound to one source names its rows by it; otherwise the file's name does.
  const boundSource = writer.sources?.length === 1 ? writer.sources[0] : undefined
  const fallbackSource = options.source ?? boundSource ?? (options.fileName ?? 'import').replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '')

  // 1. Validate each row on its own.
  const reports: RowReport[] = []
  const valid: { report: RowReport; record: StandardRecord; hash: string }[] = []
  const known: PreparedRows['known'] = []
  const seenKeys = new Map<string, number>()
  const slicer = timeSlicer()
  for (const raw of read.rows) {
    await slicer.pause()
    const hash = rowHash(raw.values, format, options.source ?? fallbackSource)
    const knownId = options.source ? options.known?.get(hash) : undefined
    if (knownId !== undefined) {
      const report: RowReport = { row: raw.row, id: knownId, outcome: 'unchanged', errors: [], warnings: [] }
      reports.push(report)
      // The same row twice in one file is still a duplicate id.
      const key = `${options.source}\u0000${knownId}`
      const firstRow = seenKeys.get(key)
      if (firstRow !== undefined) {
        report.errors.push({ field: 'id', message: `identifiant déjà présent à la ligne ${firstRow} du fichier`, value: knownId })
        continue
      }
      seenKeys.set(key, raw.row)
      known.push({ report, sourceId: knownId, hash })
      continue
    }
    const parsed = format === 'v0' ? fromLegacyV0(raw.values) : parseStandardRecord(raw.values)
    const report: RowReport = {
      row: raw.row,
      id: parsed.record?.id ?? stringOrNull(raw.values.id),
      outcome: 'rejected',
      errors: [...parsed.errors],
      warnings: [...parsed.warnings],
    }
    reports.push(report)
    if (!parsed.record || report.errors.length > 0) continue
    const source = options.source ?? parsed.record.source ?? fallbackSource
    const key = `${source}\u0000${parsed.record.id}`
    const firstRow = seenKeys.get(key)
    if (firstRow !== undefined) {
      report.errors.push({ field: 'id', message: `identifiant déjà présent à la ligne ${firstRow} du fichier`, value: parsed.record.id })
      continue
    }
    seenKeys.set(key, raw.row)
    valid.push({ report, record: options.source ? { ...parsed.record, source: options.source } : parsed.record, hash })
  }

  // 2. Locate (INSEE code, commune centre).
  const gazetteer = await loadGazetteerFor(
    db,
    valid.map((v) => v.record),
  )
  const located: PreparedRows['located'] = []
  for (const { report, record, hash } of valid) {
    await slicer.pause()
    const place = locate(record, gazetteer)
    report.warnings.push(...place.warnings.map((message) => ({ field: 'localisation', message })), ...place.placement.warnings)
    if (place.placement.errors.length > 0) {
      report.errors.push(...place.placement.errors)
      continue
    }
    const data = recordToVenueData(place.record, fallbackSource, place.approximate)
    const commune = data.code_insee ? gazetteer.byInsee.get(data.code_insee) : undefined
    located.push({ report, data, departement: commune?.departement ?? null, region: commune?.region ?? null, hash })
  }
  return { format, fallbackSource, reports, located, known }
}

export async function importFile(db: Kysely<Database>, bytes: Uint8Array, options: ImportOptions): Promise<ImportReport> {
  const prepared = await prepareRows(db, bytes, options)
  if (typeof prepared === 'string') return { status: 'rejected', format: null, file_error: prepared, totals: emptyTotals(), rows: [] }
  const { format, fallbackSource, reports, located } = prepared
  const writer = options.writer ?? OPERATOR
  const slicer = timeSlicer()

  // 3. Against what is stored (read in the writing transaction): the write gate for each row, then write all
  // rows or none. A refused row is rejected with its line number and, all-or-nothing, nothing is written.
  let writeAllowed = false
  let moderated = false
  const run = async (trx: Kysely<Database>) => {
    const existing = await loadExisting(
      trx,
      located.map((r) => r.data),
    )
    const ready: {
      report: RowReport
      data: VenueData
      current: (VenueData & { id: string; version: number }) | undefined
      publish: boolean
      departement: string | null
      region: string | null
      hash: string
    }[] = []
    for (const item of located) {
      const current = existing.get(`${item.data.source}\u0000${item.data.source_id}`)
      const decision = gateImportRow(writer, item, current)
      if (!decision) continue
      ready.push({ ...item, current, publish: decision.publish })
    }
    const rejected = reports.filter((r) => r.errors.length > 0).length
    writeAllowed = !options.dryRun && (rejected === 0 || !!options.partial)
    const context = {
      actor: options.actor,
      reason: `import ${fallbackSource}`,
      channel: { kind: 'import' as const, detail: options.fileName?.replace(/^.*[\\/]/, '') ?? null },
    }
    const inserts: { report: RowReport; data: VenueData; hash: string }[] = []
    // The rows written as they are in the file: their hashes let the next sync skip them while they stay so.
    const hashes: { venueId: string; hash: string }[] = []
    for (const item of ready) {
      await slicer.pause()
      const { current } = item
      if (current) item.report.venue_id = current.id
      // An import never lowers a venue's lifecycle: an archived venue stays archived.
      if (current && sameVenueData(current, item.data)) {
        item.report.outcome = 'unchanged'
        continue
      }
      item.report.outcome = current ? 'updated' : 'created'
      if (!writeAllowed) continue
      if (!item.publish) {
        // Moderation: the same proposals as the REST API makes (a curator approves each with its diff).
        const changes: Record<string, unknown> = {}
        if (current) for (const column of changedColumns(current, item.data)) changes[column] = item.data[column]
        const submission = await insertSubmission(trx, {
          kind: current ? 'update' : 'create',
          venueId: current?.id ?? null,
          baseVersion: current?.version ?? null,
          payload: current ? { changes } : { data: item.data },
          submittedBy: options.actor,
          submitterId: options.actorId ?? options.actor,
          departement: item.departement,
          region: item.region,
          message: `import ${fallbackSource}, ligne ${item.report.row}`,
        })
        item.report.submission_id = submission.id
        moderated = true
      } else if (current) {
        const updated = await updateVenue(trx, current.id, item.data, { expectedVersion: null, action: 'venue.import' }, context)
        if (sameVenueData(updated, item.data)) hashes.push({ venueId: updated.id, hash: item.hash })
      } else {
        inserts.push(item)
      }
    }
    if (inserts.length > 0) {
      const ids = await insertVenueIds(
        trx,
        inserts.map((i) => ({ data: i.data })),
        context,
      )
      ids.forEach((id, i) => {
        inserts[i].report.venue_id = id
        hashes.push({ venueId: id, hash: inserts[i].hash })
      })
    }
    if (hashes.length > 0) await storeRowHashes(trx, hashes)
    if (writeAllowed) {
      await appendAudit(trx, {
        actor: options.actor,
        action: 'import',
        entity: 'import',
        entity_id: null,
        detail: {
          source: fallbackSource,
          file: options.fileName ?? null,
          format,
          partial: !!options.partial,
          moderated,
          totals: tally(reports),
        },
      })
    }
  }
  if (options.dryRun) await run(db)
  else await db.transaction().execute(run)
  if (writeAllowed && options.analyze !== false) {
    const totals = tally(reports)
    const written = totals.created + totals.updated
    await analyzeAfterBulkWrite(db, { venues: written, venue_versions: written, audit_log: written })
  }

  return {
    status: writeAllowed ? (moderated ? 'submitted' : 'applied') : options.dryRun ? 'dry_run' : 'rejected',
    format,
    file_error: null,
    totals: tally(reports),
    rows: reports,
  }
}

export function tally(reports: RowReport[]) {
  const totals = emptyTotals()
  totals.rows = reports.length
  for (const r of reports) totals[r.errors.length > 0 ? 'rejected' : r.outcome]++
  return totals
}

async function loadExisting(db: Kysely<Database>, data: VenueData[]) {
  const map = new Map<string, VenueRow>()
  const bySource = new Map<string, string[]>()
  for (const d of data) {
    const ids = bySource.get(d.source)
    // Pushed, not spread into a new array per row: that was quadratic (30,000 rows → 450 million copies).
    if (ids) ids.push(d.source_id)
    else bySource.set(d.source, [d.source_id])
  }
  for (const [source, ids] of bySource) {
    for (let i = 0; i < ids.length; i += 5000) {
      const rows = await db
        .selectFrom('venues')
        .selectAll()
        .where('source', '=', source)
        .where('source_id', 'in', ids.slice(i, i + 5000))
        .execute()
      for (const row of rows) map.set(`${row.source}\u0000${row.source_id}`, row)
    }
  }
  return map
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : null
}
