// Demo venues whose producer put the point outside the commune's département (a Tours venue drawn in the
// Var…): the coordinates are dropped, so the loader places the venue at its commune's centre (flagged
// approximate) instead of refusing it. Same gazetteer and same check as the importer (db/import/locate.ts).
import { readFileSync } from 'node:fs'
import { parse } from 'csv-parse/sync'
import { locate, normalizeName, type Gazetteer } from '../../import/locate.ts'
import type { StandardRecord } from '../../standard/index.ts'

const SHIPPED_GAZETTEER = new URL('../../communes/communes.csv', import.meta.url)

/** The importer's gazetteer, built in memory from the shipped file (the loader reads the same rows from the database). */
export function loadShippedGazetteer(): Gazetteer {
  const rows = parse(readFileSync(SHIPPED_GAZETTEER), { columns: true }) as Record<string, string>[]
  const gazetteer: Gazetteer = { byInsee: new Map(), byPostcode: new Map() }
  for (const r of rows) {
    const commune = {
      code_insee: r.code_insee,
      nom_normalise: normalizeName(r.nom),
      departement: r.departement,
      region: r.region,
      codes_postaux: r.codes_postaux.split('|').filter(Boolean),
      population: Number(r.population || 0),
      latitude: Number(r.latitude),
      longitude: Number(r.longitude),
    }
    gazetteer.byInsee.set(commune.code_insee, commune)
    for (const cp of commune.codes_postaux) gazetteer.byPostcode.set(cp, [...(gazetteer.byPostcode.get(cp) ?? []), commune])
  }
  return gazetteer
}

export interface Misplaced {
  id: string
  commune: string
  message: string
}

/** Returns the records with the misplaced points removed, and what was removed (for the console and the README). */
export function dropMisplacedPoints(
  records: StandardRecord[],
  gazetteer: Gazetteer,
): { records: StandardRecord[]; misplaced: Misplaced[] } {
  const misplaced: Misplaced[] = []
  const fixed = records.map((record) => {
    const { placement } = locate(record, gazetteer)
    if (placement.errors.length === 0) return record
    misplaced.push({ id: record.id, commune: record.commune, message: placement.errors[0].message })
    return { ...record, latitude: null, longitude: null }
  })
  return { records: fixed, misplaced }
}
