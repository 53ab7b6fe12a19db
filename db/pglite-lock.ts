// PGlite keeps its data directory to itself: a second process on it would corrupt it, so refuse clearly.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export function lockDataDir(dir: string): () => void {
  mkdirSync(dir, { recursive: true })
  const lockFile = join(dir, 'maillage.pid')
  const holder = readHolder(lockFile)
  if (holder !== null && holder !== process.pid && isAlive(holder)) {
    throw new Error(
      `La base embarquée ${dir} est déjà utilisée par le processus ${holder}. ` +
        'Arrêtez-le, ou donnez un autre PGLITE_DIR, ou utilisez DATABASE_URL pour partager une base PostgreSQL.',
    )
  }
  writeFileSync(lockFile, String(process.pid))
  return () => {
    if (readHolder(lockFile) === process.pid) rmSync(lockFile, { force: true })
  }
}

function readHolder(file: string): number | null {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim())
    return Number.isInteger(pid) && pid > 0 ? pid : null
  } catch {
    return null
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
