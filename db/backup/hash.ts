// Per-table content hashes over the backup representation: two databases with equal hashes hold the same
// rows, whatever their physical order, driver or server time zone. Used by tests and `maillage restore`.
import { createHash } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import type { Database } from '../types.ts'
import { listTables, rowJson } from './catalog.ts'

export interface TableDigest {
  rows: number
  sha256: string
}

export async function tableHashes(db: Kysely<Database>): Promise<Record<string, TableDigest>> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      await sql`SET LOCAL TimeZone = 'UTC'`.execute(trx)
      const result: Record<string, TableDigest> = {}
      for (const table of await listTables(trx)) {
        // Sorted bytewise (COLLATE "C") so both servers order the rows alike before hashing.
        const { rows } = await sql<{ j: string }>`
        SELECT j FROM (SELECT ${rowJson(table)} AS j FROM ${sql.table(table.name)} AS t) rows ORDER BY j COLLATE "C"`.execute(trx)
        const hash = createHash('sha256')
        for (const { j } of rows) hash.update(j).update('\n')
        result[table.name] = { rows: rows.length, sha256: hash.digest('hex') }
      }
      return result
    })
}
