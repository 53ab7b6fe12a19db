// Opens the database and brings it to a usable state: migrations, gazetteer, optional demo data.
import { connectDatabase, type ConnectOptions, type DatabaseHandle } from './connect.ts'
import { loadCommunesIfEmpty } from './communes/load.ts'
import { ensureCoverage } from './governance/coverage.ts'
import { migrateToLatest } from './migrator.ts'
import { loadDemoSeed } from './seed/load-demo.ts'

export interface BootstrapOptions extends ConnectOptions {
  seed: 'demo' | 'none'
  log?: (message: string) => void
}

export async function openDatabase(options: BootstrapOptions): Promise<DatabaseHandle> {
  const log = options.log ?? (() => {})
  const handle = await connectDatabase(options)
  try {
    await migrateToLatest(handle.db)
    const communes = await loadCommunesIfEmpty(handle.db)
    if (communes) log(`Référentiel des communes chargé (${communes} communes).`)
    if (options.seed === 'demo') {
      const seed = await loadDemoSeed(handle.db)
      if (seed.loaded) log(`Données de démonstration chargées (${seed.venues} lieux réels).`)
    }
    // Bulk loads (seed, large imports, a restore) leave the governance coverage for one full recompute: done now.
    await ensureCoverage(handle.db)
    return handle
  } catch (error) {
    await handle.close().catch(() => {})
    throw error
  }
}
