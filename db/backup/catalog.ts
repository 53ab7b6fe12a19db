// What a full backup covers: every base table of the public schema (so tables added by later migrations are
// included without a code change), minus the reference data that bootstrap reloads and PostGIS's own table.
import { sql, type Kysely } from 'kysely'
import type { Database } from '../types.ts'

/** Tables never backed up: the gazetteer (shipped and reloaded), PostGIS metadata, migration bookkeeping. */
// Live sessions and login counters are not data to restore: a restored base starts with everyone logged out.
export const EXCLUDED_TABLES = new Set([
  'communes',
  'spatial_ref_sys',
  'kysely_migration',
  'kysely_migration_lock',
  'sessions',
  'login_throttle',
  // figures derived from the venues (migrations/0740, 0811), rebuilt after a restore
  'commune_coverage',
  'coverage_state',
  'venue_grid',
  'venue_write_signal',
  'venue_published_months',
])

export interface TableInfo {
  name: string
  /** Columns written to and read from the backup (generated columns are left to the database). */
  columns: string[]
  /**
   * Geometry/geography columns: carried as hex EWKB (geography through ::geometry, which has the function),
   * which PostGIS parses back exactly.
   */
  spatial: string[]
  /** Generated columns, left out of the backup: the database recomputes them. */
  generated: string[]
  primaryKey: string[]
  /** The primary key columns' type names (udt), for typed keyset comparisons. */
  keyTypes: string[]
  /** Columns fed by a sequence (serial/bigserial/identity), to reset after a restore. */
  sequenced: string[]
}

export async function listTables(db: Kysely<Database>): Promise<TableInfo[]> {
  const { rows: columns } = await sql<{
    table_name: string
    column_name: string
    udt_name: string
    is_generated: string
    column_default: string | null
    is_identity: string
  }>`
    SELECT c.table_name, c.column_name, c.udt_name, c.is_generated, c.column_default, c.is_identity
    FROM information_schema.columns c
    JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
    WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
    ORDER BY c.table_name, c.ordinal_position`.execute(db)
  const { rows: keys } = await sql<{ table_name: string; column_name: string }>`
    SELECT tc.table_name, kcu.column_name
    FROM information_schema.table_constraints tc
    JOIN information_schema.key_column_usage kcu
      ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema AND kcu.table_name = tc.table_name
    WHERE tc.table_schema = 'public' AND tc.constraint_type = 'PRIMARY KEY'
    ORDER BY tc.table_name, kcu.ordinal_position`.execute(db)
  const tables = new Map<string, TableInfo>()
  for (const column of columns) {
    if (EXCLUDED_TABLES.has(column.table_name)) continue
    const table = tables.get(column.table_name) ?? {
      name: column.table_name,
      columns: [],
      spatial: [],
      generated: [],
      primaryKey: [],
      keyTypes: [],
      sequenced: [],
    }
    tables.set(column.table_name, table)
    if (column.is_generated === 'ALWAYS') {
      table.generated.push(column.column_name)
      continue
    }
    table.columns.push(column.column_name)
    if (column.udt_name === 'geometry' || column.udt_name === 'geography') table.spatial.push(column.column_name)
    if (column.is_identity === 'YES' || (column.column_default ?? '').startsWith('nextval(')) table.sequenced.push(column.column_name)
  }
  const types = new Map(columns.map((c) => [`${c.table_name}.${c.column_name}`, c.udt_name]))
  for (const key of keys) {
    const table = tables.get(key.table_name)
    if (!table) continue
    table.primaryKey.push(key.column_name)
    // udt names of plain types (uuid, int4, text…) are valid type names; quote them as identifiers to be safe.
    table.keyTypes.push(`"${(types.get(`${key.table_name}.${key.column_name}`) ?? 'text').replace(/"/g, '')}"`)
  }
  return [...tables.values()].sort((a, b) => a.name.localeCompare(b.name))
}

/**
 * The row as JSON text (jsonb: keys sorted, so the text is canonical), spatial columns as hex EWKB: the one
 * representation that export, restore and content hashes share. Run with TimeZone=UTC for stable timestamps.
 */
export function rowJson(table: TableInfo) {
  const withoutGenerated =
    table.generated.length === 0
      ? sql`to_jsonb(t)`
      : sql`(to_jsonb(t) - ARRAY[${sql.join(table.generated.map((c) => sql.lit(c)))}]::text[])`
  if (table.spatial.length === 0) return sql<string>`${withoutGenerated}::text`
  const overrides = table.spatial.map((c) => sql`${sql.lit(c)}, encode(ST_AsEWKB(t.${sql.ref(c)}::geometry), 'hex')`)
  return sql<string>`(${withoutGenerated} || jsonb_build_object(${sql.join(overrides)}))::text`
}

/** ORDER BY the primary key (or the whole row when there is none): a stable order for paging and hashing. */
export function orderBy(table: TableInfo) {
  return table.primaryKey.length > 0 ? sql.join(table.primaryKey.map((c) => sql`t.${sql.ref(c)}`)) : sql`t::text`
}
