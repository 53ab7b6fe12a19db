// What every `maillage` subcommand provides, and the database opening they share.
import { readConfig, type Config } from '../api/config.ts'
import { openDatabase } from '../db/bootstrap.ts'
import type { DatabaseHandle } from '../db/connect.ts'

export interface Command {
  summary: string
  /** Returns the process exit code (0 when omitted). */
  run(args: string[]): Promise<number | void>
}

/** Opens the configured database for a one-off command (no demo seed unless asked by SEED). */
export async function withDatabase<T>(
  fn: (handle: DatabaseHandle, config: Config) => Promise<T>,
  options: { seed?: boolean } = {},
): Promise<T> {
  const config = readConfig()
  const handle = await openDatabase({
    databaseUrl: config.databaseUrl,
    databaseReadUrls: [],
    pgliteDir: config.pgliteDir,
    seed: options.seed ? config.seed : 'none',
    poolSize: 4,
  })
  try {
    return await fn(handle, config)
  } finally {
    await handle.close()
  }
}
