// The importer shared by `maillage import` and POST /api/v1/imports: validate every row, then write all of
// them in one transaction (or none), upserting by (source, id) so a re-import changes nothing.
import type { Kysely } from 'kysely'
import { detectFormat, fromLegacyV0, parseStandardRecord, type FieldIssue, type StandardRecord } from '../standard/index.ts'
import type { Database } from '../types.ts'
import { recordToVenueData, sameVenueData, type VenueData } from '../venue-record.ts'
import { insertVenueIds, updateVenue } from '../venue-store.ts'
import { appendAudit } from '../audit.ts'
import { analyzeAfterBulkWrite } from '../statistics.ts'
import { venueInTerritories } from '../territory.ts'
import { loadGazetteerFor, locate } from './locate.ts'
import { readImportFile } from './read-file.ts'
import { timeSlicer } from './time-slice.ts'

export interface ImportOptions {
  /** The producer name; rows without a `source` column value get it. Defaults to the file name. */
  source?: string
  fileName?: string
  dryRun?: boolean
  partial?: boolean
  actor: string
  /** When set (authority keys), rows located outside these territories are rejected. */
  territories?: string[] | null
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
}

export interface ImportReport {
  status: 'applied' | 'dry_run' | 'rejected'
  format: 'v1' | 'v0' | null
  file_error: string | null
  totals: Record<RowOutcome, number> & { rows: number }
  rows: RowReport[]
}

const emptyTotals = () => ({ rows: 0, created: 0, updated: 0, unchanged: 0, rejected: 0 })

export async function importFile(db: Kysely<Database>, bytes: Uint8Array, options: ImportOptions): Promise<ImportReport> {
  const read = await readImportFile(bytes, options.fileName)
  if (!read.ok) return { status: 'rejected', format: null, file_error: read.message, totals: emptyTotals(), rows: [] }
  const format = detectFormat(read.headers)
  const fallbackSource = options.source ?? (options.fileName ?? 'import').replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '')

  // 1. Validate each row on its own.
  const reports: RowReport[] = []
  const valid: { report: RowReport; record: StandardRecord }[] = []
  const seenKeys = new Map<string, number>()
  const slicer = timeSlicer()
  for (const raw of read.rows) {
    await slicer.pause()
    const parsed = format === 'v0' ? fromLegacyV0(raw.values) : parseStandardRecord(raw.values)
    const report: RowReport = { row: raw.row, id: parsed.record?.id ?? stringOrNull(raw.values.id), outcome: 'rejected', errors: [...parsed.errors], warnings: [...parsed.warnings] }
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
    valid.push({ report, record: options.source ? { ...parsed.record, source: options.source } : parsed.record })
  }

  // 2. Locate (INSEE code, commune centre) and check territory.
  const gazetteer = await loadGazetteerFor(db, valid.map((v) => v.record))
  const ready: { report: RowReport; data: VenueData }[] = []
  for (const { report, record } of valid) {
    await slicer.pause()
    const located = locate(record, gazetteer)
    report.warnings.push(...located.warnings.map((message) => ({ field: 'localisation', message })))
    const data = recordToVenueData(located.record, fallbackSource, located.approximate)
    if (options.territories) {
      const commune = data.code_insee ? gazetteer.byInsee.get(data.code_insee) : undefined
      if (!commune || !venueInTerritories(options.territories, commune.departement, commune.region)) {
        report.errors.push({ field: 'code_insee', message: `lieu hors de votre territoire (${options.territories.join(', ')})`, value: data.code_insee })
        continue
      }
    }
    ready.push({ report, data })
  }

  const rejected = reports.filter((r) => r.errors.length > 0).length
  const writeAllowed = !options.dryRun && (rejected === 0 || options.partial)

  // 3. Compare with what is stored and write, all in one transaction.
  const apply = async (trx: Kysely<Database>) => {
    const existing = await loadExisting(trx, ready.map((r) => r.data))
    const inserts: { report: RowReport; data: VenueData }[] = []
    for (const item of ready) {
      await slicer.pause()
      const current = existing.get(`${item.data.source}\u0000${item.data.source_id}`)
      if (!current) { item.report.outcome = 'created'; inserts.push(item); continue }
      item.report.venue_id = current.id
      // An import never lowers a venue's lifecycle: an archived venue stays archived.
      if (sameVenueData(current, item.data)) { item.report.outcome = 'unchanged'; continue }
      item.report.outcome = 'updated'
      if (writeAllowed) {
        await updateVenue(trx, current.id, item.data, { expectedVersion: null, action: 'venue.import' },
          { actor: options.actor, reason: `import ${fallbackSource}` })
      }
    }
    if (writeAllowed && inserts.length > 0) {
      const ids = await insertVenueIds(trx, inserts.map((i) => ({ data: i.data })), { actor: options.actor, reason: `import ${fallbackSource}` })
      ids.forEach((id, i) => { inserts[i].report.venue_id = id })
    }
  }
  if (writeAllowed) await db.transaction().execute(async (trx) => {
    await apply(trx)
    const totals = tally(reports)
    await appendAudit(trx, { actor: options.actor, action: 'import', entity: 'import', entity_id: null,
      detail: { source: fallbackSource, file: options.fileName ?? null, format, partial: !!options.partial, totals } })
  })
  else await apply(db)
  if (writeAllowed && options.analyze !== false) {
    const totals = tally(reports)
    const written = totals.created + totals.updated
    await analyzeAfterBulkWrite(db, { venues: written, venue_versions: written, audit_log: written })
  }

  return {
    status: writeAllowed ? 'applied' : options.dryRun ? 'dry_run' : 'rejected',
    format, file_error: null, totals: tally(reports), rows: reports,
  }
}

function tally(reports: RowReport[]) {
  const totals = emptyTotals()
  totals.rows = reports.length
  for (const r of reports) totals[r.errors.length > 0 ? 'rejected' : r.outcome]++
  return totals
}

async function loadExisting(db: Kysely<Database>, data: VenueData[]) {
  const map = new Map<string, VenueData & { id: string }>()
  const bySource = new Map<string, string[]>()
  for (const d of data) bySource.set(d.source, [...(bySource.get(d.source) ?? []), d.source_id])
  for (const [source, ids] of bySource) {
    for (let i = 0; i < ids.length; i += 5000) {
      const rows = await db.selectFrom('venues').selectAll().where('source', '=', source)
        .where('source_id', 'in', ids.slice(i, i + 5000)).execute()
      for (const row of rows) map.set(`${row.source}\u0000${row.source_id}`, row)
    }
  }
  return map
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : null
}
