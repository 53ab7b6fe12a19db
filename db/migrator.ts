// Runs the numbered Kysely migrations of migrations/ (at start-up and by `maillage migrate`).
import { readdir } from 'node:fs/promises'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { join } from 'node:path'
import { Migrator, type Kysely, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely'
import type { Database } from './types.ts'

const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations/', import.meta.url))

/** Loads migrations/*.ts by file name order; works under tsx and vitest alike. */
class TypeScriptFolderProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const files = (await readdir(MIGRATIONS_DIR)).filter((f) => /^\d{4}_.*\.ts$/.test(f)).sort()
    const migrations: Record<string, Migration> = {}
    for (const file of files) {
      migrations[file.replace(/\.ts$/, '')] = (await import(pathToFileURL(join(MIGRATIONS_DIR, file)).href)) as Migration
    }
    return migrations
  }
}

export async function migrateToLatest(db: Kysely<Database>): Promise<MigrationResultSet> {
  const migrator = new Migrator({ db, provider: new TypeScriptFolderProvider() })
  const result = await migrator.migrateToLatest()
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')
    const reason = result.error instanceof Error ? result.error.message : String(result.error)
    throw new Error(`Échec de la migration ${failed?.migrationName ?? ''} : ${reason}`, { cause: result.error })
  }
  return result
}
