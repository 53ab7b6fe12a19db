// `maillage export --full` + `maillage restore` round-trip every table to an identical state (per-table
// content hashes), across drivers too; a truncated or misplaced restore changes nothing.
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { promisify } from 'node:util'
import { sql } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'
import { fullExport } from '../../db/backup/export.ts'
import { tableHashes } from '../../db/backup/hash.ts'
import { RestoreError, restoreFull } from '../../db/backup/restore.ts'
import { createTestDatabase, DATABASE_KINDS, describeEachDatabase, type TestDatabase } from '../helpers/databases.ts'
import { fillEveryTable } from './fixture.ts'

const run = promisify(execFile)
const EVERY_TABLE = [
  'venues',
  'venue_versions',
  'labels',
  'venue_labels',
  'companies',
  'sponsorships',
  'users',
  'api_keys',
  'submissions',
  'imports',
  'duplicates',
  'audit_log',
  'app_meta',
]

async function exportText(database: TestDatabase): Promise<string> {
  let text = ''
  for await (const chunk of fullExport(database.db)) text += chunk
  return text
}

describeEachDatabase('full backup round trip', (ctx) => {
  const extra: TestDatabase[] = []
  afterAll(async () => {
    for (const d of extra) await d.drop()
  })

  it('restores every table, into both drivers, to identical content hashes', async () => {
    await fillEveryTable(ctx.database.db)
    const source = await tableHashes(ctx.database.db)
    for (const table of EVERY_TABLE) expect(source[table]?.rows, table).toBeGreaterThan(0)
    const text = await exportText(ctx.database)
    const lines = text.trimEnd().split('\n')
    expect(JSON.parse(lines[0])).toMatchObject({ format: 'maillage-backup', version: 1 })
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ end: true, counts: { venues: source.venues.rows, audit_log: source.audit_log.rows } })
    expect(lines.length).toBe(2 + Object.values(source).reduce((n, d) => n + d.rows, 0))

    // Into the other driver: the strictest round trip (PGlite → PostgreSQL and back); PostgreSQL →
    // PostgreSQL is the command-line test below.
    for (const kind of DATABASE_KINDS.filter((k) => k !== ctx.kind)) {
      const target = await createTestDatabase(kind)
      extra.push(target)
      const result = await restoreFull(target.db, Readable.from([text]))
      expect(result.counts.venues).toBe(source.venues.rows)
      expect(await tableHashes(target.db), `restore into ${kind}`).toEqual(source)

      // Sequences were moved past the restored ids, and the audit log is append-only again.
      const { max } = await target.db
        .selectFrom('labels')
        .select((eb) => eb.fn.max('id').as('max'))
        .executeTakeFirstOrThrow()
      const label = await target.db
        .insertInto('labels')
        .values({ slug: 'test-nouveau', nom: 'Nouveau' } as never)
        .returning('id')
        .executeTakeFirstOrThrow()
      expect(label.id).toBe(Number(max) + 1)
      await expect(sql`UPDATE audit_log SET actor = 'x'`.execute(target.db)).rejects.toThrow(/append-only/)
      // The venue trigger still derives columns on new writes after a restore.
      const venue = await target.db
        .selectFrom('venues')
        .select(['id', 'departement', 'search_text'])
        .where('code_insee', 'is not', null)
        .executeTakeFirstOrThrow()
      expect(venue.search_text.length).toBeGreaterThan(0)

      // Restoring onto a database that is no longer empty is refused.
      await expect(restoreFull(target.db, Readable.from([text]))).rejects.toThrow(/n’est pas vide/)
    }
  })

  it('refuses a truncated backup and leaves the target empty', async () => {
    const text = await exportText(ctx.database)
    const truncated = text.trimEnd().split('\n').slice(0, -3).join('\n') + '\n'
    const target = await createTestDatabase('postgres')
    extra.push(target)
    const before = await tableHashes(target.db)
    await expect(restoreFull(target.db, Readable.from([truncated]))).rejects.toBeInstanceOf(RestoreError)
    await expect(restoreFull(target.db, Readable.from(['{"hello":1}\n']))).rejects.toThrow(/pas une sauvegarde/)
    // Nothing restored, nothing removed (not even the reference rows a migration seeded).
    expect(await tableHashes(target.db)).toEqual(before)
    expect((await tableHashes(target.db)).venues.rows).toBe(0)
  })
})

describe('maillage export --full / maillage restore (CLI, PostgreSQL)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'maillage-backup-'))
  const databases: TestDatabase[] = []
  afterAll(async () => {
    for (const d of databases) await d.drop()
    rmSync(dir, { recursive: true, force: true })
  })

  it('round-trips through the command line', async () => {
    const source = await createTestDatabase('postgres')
    const target = await createTestDatabase('postgres')
    databases.push(source, target)
    await fillEveryTable(source.db)
    const file = join(dir, 'full.ndjson')
    const env = { ...process.env, SEED: 'none' }
    await run(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'export', '--full', '--out', file], {
      env: { ...env, DATABASE_URL: source.url! },
      timeout: 60_000,
    })
    expect(readFileSync(file, 'utf8').split('\n')[0]).toContain('"maillage-backup"')
    const restored = await run(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'restore', file], {
      env: { ...env, DATABASE_URL: target.url! },
      timeout: 60_000,
    })
    expect(restored.stdout).toContain('Restauration terminée.')
    expect(await tableHashes(target.db)).toEqual(await tableHashes(source.db))
    // A file that is not a backup: exit 1 with a clear message (refusals are tested in-process above).
    writeFileSync(join(dir, 'bad.ndjson'), '{"hello":1}\n')
    const bad = await run(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'restore', join(dir, 'bad.ndjson')], {
      env: { ...env, DATABASE_URL: target.url! },
      timeout: 60_000,
    }).catch((e) => e)
    expect(bad.code).toBe(1)
    expect(bad.stderr).toMatch(/Restauration refusée : Ce fichier n’est pas une sauvegarde complète/)
  })
})
