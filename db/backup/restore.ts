// `maillage restore FILE`: loads a full backup (db/backup/export.ts) into an EMPTY database, all or nothing.
// Rows keep their ids; sequences are moved past the restored ids; the audit log is inserted (never rewritten).
import { createInterface } from 'node:readline'
import type { Readable } from 'node:stream'
import { sql, type Kysely, type Transaction } from 'kysely'
import type { Database } from '../types.ts'
import { analyzeAfterBulkWrite } from '../statistics.ts'
import { ensureCoverage, markCoverageStale, rebuildVenueGrid } from '../governance/coverage.ts'
import { rebuildPublishedMonths } from '../governance/published-months.ts'
import { listTables, type TableInfo } from './catalog.ts'
import { BACKUP_FORMAT, BACKUP_VERSION, type BackupHeader } from './export.ts'

const BATCH = 500
/** Tables only ever written by people and imports: any row there means the target is in use. */
const USER_DATA_TABLES = new Set([
  'venues',
  'venue_versions',
  'audit_log',
  'users',
  'api_keys',
  'companies',
  'sponsorships',
  'submissions',
  'imports',
  'venue_labels',
  'duplicates',
])

export class RestoreError extends Error {}

export interface RestoreResult {
  counts: Record<string, number>
  triggersDisabled: boolean
}

export async function restoreFull(db: Kysely<Database>, input: Readable): Promise<RestoreResult> {
  const lines = createInterface({ input, crlfDelay: Infinity })[Symbol.asyncIterator]()
  const first = await lines.next()
  const header = parseLine(first.done ? '' : first.value, 1) as Partial<BackupHeader>
  if (header.format !== BACKUP_FORMAT || typeof header.version !== 'number' || !Array.isArray(header.tables)) {
    throw new RestoreError('Ce fichier n’est pas une sauvegarde complète Maillage (maillage export --full).')
  }
  if (header.version > BACKUP_VERSION)
    throw new RestoreError(`Sauvegarde au format ${header.version}, plus récent que ce logiciel (${BACKUP_VERSION}).`)

  const targetTables = new Map((await listTables(db)).map((t) => [t.name, t]))
  const { rows: applied } = await sql<{ name: string }>`SELECT name FROM kysely_migration`.execute(db)
  const appliedNames = new Set(applied.map((m) => m.name))
  const missing = (header.migrations ?? []).filter((m) => !appliedNames.has(m))
  if (missing.length > 0)
    throw new RestoreError(`La base cible n’a pas les migrations ${missing.join(', ')} : mettez le logiciel à jour avant de restaurer.`)
  const unknown = header.tables.map((t) => t.name).filter((name) => !targetTables.has(name))
  if (unknown.length > 0) throw new RestoreError(`Tables inconnues de la base cible : ${unknown.join(', ')}.`)
  // "Empty" means no data anyone wrote: migrations may seed reference rows (the label catalogue…), which
  // the backup's own rows replace; any user data in the target refuses the restore.
  const seeded: string[] = []
  for (const table of targetTables.values()) {
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table.name)}`.execute(db)
    if (rows[0].n === 0) continue
    if (USER_DATA_TABLES.has(table.name))
      throw new RestoreError(`La base cible n’est pas vide (table ${table.name} : ${rows[0].n} ligne(s)) ; restaurez dans une base neuve.`)
    seeded.push(table.name)
  }

  const result = await db.transaction().execute(async (trx) => {
    await sql`SET LOCAL TimeZone = 'UTC'`.execute(trx)
    // As superuser, skip triggers and FK checks (rows arrive as they were, derived columns included);
    // otherwise rely on the parent-first order of the file.
    const {
      rows: [role],
    } = await sql<{ su: boolean }>`SELECT rolsuper AS su FROM pg_roles WHERE rolname = current_user`.execute(trx)
    if (role?.su) await sql`SET LOCAL session_replication_role = replica`.execute(trx)
    for (const name of seeded) await sql`DELETE FROM ${sql.table(name)}`.execute(trx)
    const columnsOf = new Map(header.tables!.map((t) => [t.name, t.columns.filter((c) => targetTables.get(t.name)!.columns.includes(c))]))
    const counts: Record<string, number> = {}
    let batchTable: string | null = null
    let batch: string[] = []
    const flush = async () => {
      if (batchTable && batch.length > 0) await insertBatch(trx, targetTables.get(batchTable)!, columnsOf.get(batchTable)!, batch)
      batch = []
    }
    let lineNumber = 1
    let trailer: { counts?: Record<string, number> } | null = null
    for (let next = await lines.next(); !next.done; next = await lines.next()) {
      lineNumber++
      if (next.value.trim() === '') continue
      if (trailer) throw new RestoreError(`Ligne ${lineNumber} après la fin de la sauvegarde.`)
      const line = parseLine(next.value, lineNumber) as { t?: string; r?: unknown; end?: boolean; counts?: Record<string, number> }
      if (line.end) {
        trailer = line
        continue
      }
      if (typeof line.t !== 'string' || !columnsOf.has(line.t) || !line.r || typeof line.r !== 'object') {
        throw new RestoreError(`Ligne ${lineNumber} illisible : table inconnue ou ligne absente.`)
      }
      if (line.t !== batchTable || batch.length >= BATCH) {
        await flush()
        batchTable = line.t
      }
      batch.push(JSON.stringify(line.r))
      counts[line.t] = (counts[line.t] ?? 0) + 1
    }
    await flush()
    if (!trailer) throw new RestoreError('Sauvegarde tronquée : la ligne de fin manque. Rien n’a été restauré.')
    for (const [name, expected] of Object.entries(trailer.counts ?? {})) {
      if ((counts[name] ?? 0) !== expected)
        throw new RestoreError(`Table ${name} : ${counts[name] ?? 0} ligne(s) lue(s), ${expected} attendue(s). Rien n’a été restauré.`)
    }
    for (const table of targetTables.values()) await resetSequences(trx, table)
    return { counts, triggersDisabled: !!role?.su }
  })
  // Every restored table is new to the planner: without this, the first searches sort whole tables.
  await analyzeAfterBulkWrite(db, result.counts)
  // Derived figures (coverage, tile grid) are not in backups and triggers may have been off: rebuilt from the rows.
  await rebuildVenueGrid(db)
  await rebuildPublishedMonths(db)
  await markCoverageStale(db)
  await ensureCoverage(db)
  return result
}

async function insertBatch(trx: Transaction<Database>, table: TableInfo, columns: string[], rows: string[]) {
  const cols = sql.join(columns.map((c) => sql.ref(c)))
  // PostgreSQL converts each JSON value to the column's own type (arrays, jsonb, timestamps, hex EWKB…).
  await sql`INSERT INTO ${sql.table(table.name)} (${cols}) OVERRIDING SYSTEM VALUE
    SELECT ${cols} FROM json_populate_recordset(NULL::${sql.table(table.name)}, ${'[' + rows.join(',') + ']'}::json)`.execute(trx)
}

/** Moves each serial/identity sequence past the restored ids, so new rows do not collide with them. */
async function resetSequences(trx: Transaction<Database>, table: TableInfo) {
  for (const column of table.sequenced) {
    await sql`SELECT setval(pg_get_serial_sequence(${`"${table.name}"`}, ${column}),
        COALESCE(MAX(${sql.ref(column)}), 1), MAX(${sql.ref(column)}) IS NOT NULL)
      FROM
 ${sql.table(table.name)}`.execute(trx)
  }
}

function parseLine(text: string, lineNumber: number): unknown {
  try {
    return JSON.parse(text)
  } catch {
    throw new RestoreError(`Ligne ${lineNumber} : JSON invalide.`)
  }
}
