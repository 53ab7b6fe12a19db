// Producer files of the sync and harvest suites: venues of the standard in Bordeaux, one per row, and the key of
// the authority that produces them.
import type { Kysely } from 'kysely'
import { createApiKey } from '../../db/auth/api-keys.ts'
import type { Database } from '../../db/types.ts'

/** An authority key of the Gironde bound to source `gironde`: the producer of girondeFile(). */
export async function girondeKey(db: Kysely<Database>): Promise<string> {
  const created = await createApiKey(db, {
    name: 'Département de la Gironde',
    role: 'authority',
    territories: ['dep:33'],
    sources: ['gironde'],
    createdBy: 'test',
  })
  return created.key
}

const HEADER = 'id,nom,adresse,code_postal,commune,code_insee,latitude,longitude,pivot,date_maj,services'
/** `n` venues in Bordeaux; `rename` changes the name of some rows (by index). */
export function girondeFile(n: number, rename: (i: number) => string | null = () => null): string {
  const rows = Array.from({ length: n }, (_, i) => {
    const nom = rename(i) ?? `Point numérique ${i}`
    return (
      `g-${i},${nom},${i} cours Victor Hugo,33000,Bordeaux,33063,${(44.83 + (i % 20) * 0.001).toFixed(4)},` +
      `${(-0.58 + Math.floor(i / 20) * 0.001).toFixed(4)},00000000000000,2025-05-01,Aide aux démarches ` +
      `administratives`
    )
  })
  return [HEADER, ...rows].join('\n')
}
