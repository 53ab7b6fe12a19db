// Planner statistics after bulk writes: an import, a restore or the demo seed ANALYZEs what it wrote, so the
// next query is planned on real row counts (autovacuum would come minutes later; PGlite has none at all).
import { sql, type Kysely } from 'kysely'
import type { Database } from './types.ts'

/**
 * ANALYZE each table that `written` rows changed by at least a tenth (or that was never analyzed), at once.
 * Small writes into a large table skip it: their effect on the estimates is noise, and ANALYZE samples
 * 30,000 rows whatever was written.
 */
export async function analyzeAfterBulkWrite(db: Kysely<Database>, written: Record<string, number>): Promise<string[]> {
  const tables = Object.entries(written)
    .filter(([, n]) => n > 0)
    .map(([name]) => name)
  if (tables.length === 0) return []
  const { rows } = await sql<{ name: string; tuples: number }>`
    SELECT c.relname AS name, c.reltuples::float8 AS tuples FROM pg_class c
    WHERE c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace AND c.relname = ANY(${tables}::text[])`.execute(db)
  // reltuples is -1 until the first ANALYZE (PostgreSQL 14+), 0 on an empty table never sampled.
  const stale = rows
    .filter((r) => Number(r.tuples) <= 0 || written[r.name] * 10 >= Number(r.tuples))
    .map((r) => r.name)
    .sort()
  if (stale.length > 0) await sql`ANALYZE ${sql.join(stale.map((t) => sql.table(t)))}`.execute(db)
  return stale
}
