// Where the PostgreSQL leg of the tests runs (TEST_DATABASE_URL, default: the local server's `test` db).
// Names carry the pid of the run that made them, so concurrent runs never drop each other's databases.
export const TEMPLATE_DB = `maillage_tpl_${process.pid}`
export const TEST_DB_PREFIX = 'maillage_t_'

/** The pid embedded in a test database name, to tell abandoned ones from those of a live run. */
export function ownerPid(name: string): number | null {
  const match = /^maillage_(?:tpl|t)_(\d+)(?:_|$)/.exec(name)
  return match ? Number(match[1]) : null
}

export function postgresTestUrl(): string {
  return process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test'
}

/** A URL on the same server, to the given database. */
export function databaseUrl(name: string, base = postgresTestUrl()): string {
  const u = new URL(base)
  u.pathname = `/${name}`
  return u.toString()
}

export function adminUrl(base = postgresTestUrl()): string {
  return databaseUrl('postgres', base)
}
