// Builds two migrated templates once per run (PGlite data-dir dump, PostgreSQL template database) so each
// test file gets a fresh database of both kinds in well under a second. PostgreSQL is not optional: an
// unreachable server fails the whole run.
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import type { TestProject } from 'vitest/node'
import { connectDatabase } from '../../db/connect.ts'
import { loadCommunesIfEmpty } from '../../db/communes/load.ts'
import { migrateToLatest } from '../../db/migrator.ts'
import { adminUrl, ownerPid, postgresTestUrl, TEMPLATE_DB } from './postgres-url.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string
    postgresTemplate: string
  }
}

export default async function setup(project: TestProject) {
  const [pgliteTemplate, postgresTemplate] = await Promise.all([buildPgliteTemplate(), buildPostgresTemplate()])
  project.provide('pgliteTemplate', pgliteTemplate)
  project.provide('postgresTemplate', postgresTemplate)
  return async () => {
    const admin = new pg.Client({ connectionString: adminUrl(postgresTestUrl()) })
    await admin.connect()
    try {
      await admin.query(`DROP DATABASE IF EXISTS "${TEMPLATE_DB}" WITH (FORCE)`)
    } finally {
      await admin.end()
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

async function buildPgliteTemplate(): Promise<string> {
  const handle = await connectDatabase({ databaseUrl: null, pgliteDir: 'memory://' })
  await migrateToLatest(handle.db)
  await loadCommunesIfEmpty(handle.db)
  const dump = await handle.pglite!.dumpDataDir('none')
  const file = join(mkdtempSync(join(tmpdir(), 'maillage-test-')), 'template.tar')
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()))
  await handle.close()
  return file
}

async function buildPostgresTemplate(): Promise<string> {
  const url = postgresTestUrl()
  const admin = new pg.Client({ connectionString: adminUrl(url), connectionTimeoutMillis: 5000 })
  try {
    await admin.connect()
  } catch (error) {
    throw new Error(
      `PostgreSQL injoignable à ${url} (${(error as Error).message}). Les tests tournent sur les deux bases : ` +
        `démarrez PostgreSQL+PostGIS ou fixez TEST_DATABASE_URL.`,
    )
  }
  try {
    // Leftover test databases of an interrupted run would pile up; drop them first.
    const { rows } = await admin.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'maillage\\_t%'")
    for (const { datname } of rows) {
      const pid = ownerPid(datname)
      if (pid !== null && pid !== process.pid && isAlive(pid)) continue
      await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`)
    }
    await admin.query(`CREATE DATABASE "${TEMPLATE_DB}"`)
  } finally {
    await admin.end()
  }
  const handle = await connectDatabase({ databaseUrl: withDatabase(url, TEMPLATE_DB) })
  try {
    await migrateToLatest(handle.db)
    await loadCommunesIfEmpty(handle.db)
  } finally {
    await handle.close()
  }
  return TEMPLATE_DB
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url)
  u.pathname = `/${name}`
  return u.toString()
}
