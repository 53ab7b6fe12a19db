// Synthesises N standard v1.0.2 rows by jittering the real demo venues (ids and positions made unique),
// for benchmarks that need realistic data at scale. Shared by the benchmarks of every domain.
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import { stringify } from 'csv-stringify/sync'
import { STANDARD_FIELDS } from '../db/standard/index.ts'
import { departementAt } from '../db/geo/departements.ts'
import { departementOfInsee } from '../db/territory.ts'

const DEMO_DIR = fileURLToPath(new URL('../db/seed/data/venues/', import.meta.url))

export function demoRows(): Record<string, string>[] {
  return readdirSync(DEMO_DIR)
    .filter((f) => f.endsWith('.csv'))
    .sort()
    .flatMap((f) => parse(readFileSync(join(DEMO_DIR, f)), { columns: true, bom: true }) as Record<string, string>[])
}

/** Deterministic pseudo-random generator, so two runs bench the same data. */
export function seededRandom(seed = 42): () => number {
  let s = seed >>> 0
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0
    return s / 2 ** 32
  }
}

export function synthesizeRows(count: number, seed = 42): Record<string, string>[] {
  const base = demoRows().filter((r) => r.latitude !== '' && r.longitude !== '')
  const random = seededRandom(seed)
  return Array.from({ length: count }, (_, i) => {
    const r = base[i % base.length]
    // Up to ~5 km of jitter keeps venues in their commune's surroundings; it is halved until the point stays in
    // the département it started in, since writes refuse a point outside its commune's département (db/geo).
    const [lat0, lon0] = [Number(r.latitude), Number(r.longitude)]
    let [dLat, dLon] = [(random() - 0.5) * 0.09, (random() - 0.5) * 0.12]
    const found = departementAt(lat0, lon0)?.code
    const home = r.code_insee ? departementOfInsee(r.code_insee) : found
    // A venue on the coast or a border may sit just outside its polygon (accepted within a tolerance), and one
    // without an INSEE code gets its commune from the postcode on import: no real jitter for either.
    if (!r.code_insee || found === undefined || found !== home) [dLat, dLon] = [dLat / 1000, dLon / 1000]
    for (let step = 0; step < 12 && departementAt(lat0 + dLat, lon0 + dLon)?.code !== home; step++) [dLat, dLon] = [dLat / 2, dLon / 2]
    return { ...r, id: `synth-${i}`, source: 'bench', latitude: (lat0 + dLat).toFixed(6), longitude: (lon0 + dLon).toFixed(6) }
  })
}

export function rowsToCsv(rows: Record<string, string>[]): Buffer {
  return Buffer.from(stringify(rows, { header: true, columns: [...STANDARD_FIELDS] }))
}
