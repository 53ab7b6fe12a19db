// `maillage export --full`: every table, one consistent snapshot, streamed as NDJSON lines:
//   {"format":"maillage-backup","version":1,...,"tables":[{"name","columns"}]}   header
//   {"t":"venues","r":{...}}                                                      one line per row
//   {"end":true,"counts":{"venues":N,...}}                                        trailer (detects truncation)
import { once } from 'node:events'
import { PassThrough } from 'node:stream'
import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { Database } from '../types.ts'
import { listTables, orderBy, rowJson, type TableInfo } from './catalog.ts'

export const BACKUP_FORMAT = 'maillage-backup'
export const BACKUP_VERSION = 1
const PAGE = 1000

export interface BackupHeader {
  format: typeof BACKUP_FORMAT
  version: number
  created_at: string
  migrations: string[]
  tables: { name: string; columns: string[] }[]
}

/** The whole database as NDJSON text chunks, with back-pressure (a slow writer pauses the reads). */
export function fullExport(db: Kysely<Database>): AsyncIterable<string> {
  const out = new PassThrough()
  out.setEncoding('utf8')
  const emit = async (chunk: string) => {
    if (!out.write(chunk)) await once(out, 'drain')
  }
  // One REPEATABLE READ transaction: tables written meanwhile cannot make the backup inconsistent.
  db.transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      await sql`SET LOCAL TimeZone = 'UTC'`.execute(trx)
      const tables = await exportOrder(trx, await listTables(trx))
      const { rows: migrations } = await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(trx)
      const header: BackupHeader = {
        format: BACKUP_FORMAT,
        version: BACKUP_VERSION,
        created_at: new Date().toISOString(),
        migrations: migrations.map((m) => m.name),
        tables: tables.map((t) => ({ name: t.name, columns: t.columns })),
      }
      await emit(JSON.stringify(header) + '\n')
      const counts: Record<string, number> = {}
      for (const table of tables) {
        counts[table.name] = 0
        const prefix = `{"t":${JSON.stringify(table.name)},"r":`
        for await (const page of pages(trx, table)) {
          counts[table.name] += page.length
          await emit(page.map((json) => `${prefix}${json}}\n`).join(''))
        }
      }
      await emit(JSON.stringify({ end: true, counts }) + '\n')
    })
    .then(
      () => out.end(),
      (error) => out.destroy(error),
    )
  return out
}

/** Pages of row JSON in primary-key order (keyset paging: constant cost per page however large the table). */
async function* pages(db: Kysely<Database>, table: TableInfo): AsyncGenerator<string[]> {
  const t = sql.table(table.name)
  if (table.primaryKey.length === 0) {
    const { rows } = await sql<{ j: string }>`SELECT ${rowJson(table)} AS j FROM ${t} AS t ORDER BY ${orderBy(table)}`.execute(db)
    if (rows.length > 0) yield rows.map((r) => r.j)
    return
  }
  const keyRef = sql.join(table.primaryKey.map((c) => sql`t.${sql.ref(c)}`))
  const keyText = sql.join(table.primaryKey.map((c, i) => sql`t.${sql.ref(c)}::text AS ${sql.ref(`k${i}`)}`))
  let after: string[] | null = null
  for (;;) {
    const where: RawBuilder<unknown> =
      after === null
        ? sql``
        : sql`WHERE (${keyRef}) > (${sql.join(after.map((value, i) => sql`CAST(${value} AS ${sql.raw(table.keyTypes[i])})`))})`
    const { rows }: { rows: Record<string, string>[] } = await sql<Record<string, string>>`
      SELECT ${rowJson(table)} AS j, ${keyText} FROM ${t} AS t ${where} ORDER BY ${keyRef} LIMIT ${PAGE}`.execute(db)
    if (rows.length === 0) return
    yield rows.map((r) => r.j)
    const last: Record<string, string> = rows[rows.length - 1]
    after = table.primaryKey.map((_, i): string => last[`k${i}`])
    if (rows.length < PAGE) return
  }
}

/** Parents before children, following foreign keys, so a restore without disabled triggers also works. */
async function exportOrder(db: Kysely<Database>, tables: TableInfo[]): Promise<TableInfo[]> {
  const { rows } = await sql<{ child: string; parent: string }>`
    SELECT DISTINCT tc.table_name AS child, ccu.table_name AS parent
    FROM information_schema.table_constraints tc
    JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name AND ccu.table_schema = tc.table_schema
    WHERE tc.table_schema = 'public' AND tc.constraint_type = 'FOREIGN KEY'`.execute(db)
  const byName = new Map(tables.map((t) => [t.name, t]))
  const ordered: TableInfo[] = []
  const seen = new Set<string>()
  const visit = (name: string, path: Set<string>) => {
    if (seen.has(name) || path.has(name) || !byName.has(name)) return
    path.add(name)
    for (const { child, parent } of rows) if (child === name && parent !== name) visit(parent, path)
    seen.add(name)
    ordered.push(byName.get(name)!)
  }
  for (const table of tables) visit(table.name, new Set())
  return ordered
}
