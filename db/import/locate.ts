// Fills what a row leaves out from the gazetteer: the INSEE code from postcode + commune name, and the
// commune centre when coordinates are missing (then flagged approximate); checks the point against the commune.
import type { Kysely } from 'kysely'
import { checkPlacement } from '../geo/placement.ts'
import type { FieldIssue, StandardRecord } from '../standard/index.ts'
import type { Database } from '../types.ts'

interface CommuneRef {
  code_insee: string
  nom_normalise: string
  departement: string
  region: string
  codes_postaux: string[]
  latitude: number
  longitude: number
  population: number
}

export interface Gazetteer {
  byInsee: Map<string, CommuneRef>
  byPostcode: Map<string, CommuneRef[]>
}

export function normalizeName(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\b(st)\b/g, 'saint')
    .replace(/\b(ste)\b/g, 'sainte')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
}

export async function loadGazetteerFor(db: Kysely<Database>, records: StandardRecord[]): Promise<Gazetteer> {
  const insee = [...new Set(records.map((r) => r.code_insee).filter((c): c is string => !!c))]
  // Postcodes are only needed for rows that lack their INSEE code or their coordinates.
  const postcodes = [
    ...new Set(records.filter((r) => !r.code_insee || r.latitude === null || r.longitude === null).map((r) => r.code_postal)),
  ]
  const rows: CommuneRef[] =
    insee.length + postcodes.length === 0
      ? []
      : await db
          .selectFrom('communes')
          .select(['code_insee', 'nom_normalise', 'departement', 'region', 'codes_postaux', 'latitude', 'longitude', 'population'])
          .where((eb) =>
            eb.or([
              ...(insee.length ? [eb('code_insee', 'in', insee)] : []),
              ...(postcodes.length ? [eb('codes_postaux', '&&', eb.val(postcodes) as never)] : []),
            ]),
          )
          .execute()
  const byInsee = new Map(rows.map((r) => [r.code_insee, r]))
  const byPostcode = new Map<string, CommuneRef[]>()
  for (const row of rows) for (const cp of row.codes_postaux) byPostcode.set(cp, [...(byPostcode.get(cp) ?? []), row])
  return { byInsee, byPostcode }
}

export interface Located {
  record: StandardRecord
  approximate: boolean
  warnings: string[]
  /**
   * The point against its commune (db/geo/placement.ts), here so that every write path gets it: outside the
   * commune's département → errors on latitude/longitude; far from its centre → warnings.
   */
  placement: { errors: FieldIssue[]; warnings: FieldIssue[] }
}

export function locate(record: StandardRecord, gazetteer: Gazetteer): Located {
  const warnings: string[] = []
  let commune = record.code_insee ? gazetteer.byInsee.get(record.code_insee) : undefined
  let codeInsee = record.code_insee
  if (!codeInsee) {
    const candidates = gazetteer.byPostcode.get(record.code_postal) ?? []
    const name = normalizeName(record.commune)
    commune =
      candidates.find((c) => c.nom_normalise === name) ??
      candidates.find((c) => c.nom_normalise.includes(name) || name.includes(c.nom_normalise)) ??
      (candidates.length === 1 ? candidates[0] : undefined)
    if (commune) {
      codeInsee = commune.code_insee
      warnings.push(`code_insee déduit du code postal et de la commune : ${codeInsee}`)
    }
  }
  let { latitude, longitude } = record
  let approximate = false
  if (latitude === null || longitude === null) {
    const centre = commune ?? (gazetteer.byPostcode.get(record.code_postal) ?? []).sort((a, b) => b.population - a.population)[0]
    if (centre) {
      latitude = centre.latitude
      longitude = centre.longitude
      approximate = true
      warnings.push('coordonnées absentes : centre de la commune utilisé (position approximative)')
    } else {
      warnings.push('coordonnées absentes et commune introuvable : le lieu ne sera pas sur la carte')
    }
  }
  const placement = checkPlacement(
    { latitude, longitude, commune: record.commune },
    codeInsee ? gazetteer.byInsee.get(codeInsee) : undefined,
    approximate,
  )
  return { record: { ...record, code_insee: codeInsee, latitude, longitude }, approximate, warnings, placement }
}
