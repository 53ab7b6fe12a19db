// The communes gazetteer, used at conversion time only: repair or find a postcode from the commune
// name, and tell the région of a venue for the report.
import { readFileSync } from 'node:fs'
import { parse } from 'csv-parse/sync'
import { lenientKey } from '../../standard/index.ts'
import { GAZETTEER_FILE } from './paths.ts'

interface CommuneRow {
  insee: string
  region: string
  departement: string
  name: string
  article: string // the name with its article ("Le Puy-en-Velay")
  postcode: string
  lat: number
  lng: number
}

const REGION_NAMES: Record<string, string> = {
  '01': 'Guadeloupe',
  '02': 'Martinique',
  '03': 'Guyane',
  '04': 'La Réunion',
  '06': 'Mayotte',
  '11': 'Île-de-France',
  '24': 'Centre-Val de Loire',
  '27': 'Bourgogne-Franche-Comté',
  '28': 'Normandie',
  '32': 'Hauts-de-France',
  '44': 'Grand Est',
  '52': 'Pays de la Loire',
  '53': 'Bretagne',
  '75': 'Nouvelle-Aquitaine',
  '76': 'Occitanie',
  '84': 'Auvergne-Rhône-Alpes',
  '93': "Provence-Alpes-Côte d'Azur",
  '94': 'Corse',
}

// Collectivities outside the gazetteer, by postcode prefix.
const OVERSEAS_BY_POSTCODE: Record<string, string> = {
  '975': 'Saint-Pierre-et-Miquelon',
  '977': 'Saint-Barthélemy',
  '978': 'Saint-Martin',
  '986': 'Wallis-et-Futuna',
  '987': 'Polynésie française',
  '988': 'Nouvelle-Calédonie',
}

export class Gazetteer {
  private readonly byPostcode = new Map<string, CommuneRow[]>()
  private readonly byName = new Map<string, CommuneRow[]>()
  private readonly byInsee = new Map<string, CommuneRow>()

  constructor(rows: CommuneRow[]) {
    for (const row of rows) {
      push(this.byPostcode, row.postcode, row)
      push(this.byName, communeKey(row.name), row)
      if (communeKey(row.article) !== communeKey(row.name)) push(this.byName, communeKey(row.article), row)
      if (!this.byInsee.has(row.insee)) this.byInsee.set(row.insee, row)
    }
  }

  static load(file: string = GAZETTEER_FILE): Gazetteer {
    const records = parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true }) as Array<Record<string, string>>
    // Former communes (COMD) have no région of their own: take their parent's.
    const parents = new Map(records.filter((r) => r.insee_reg !== '').map((r) => [r.insee_com, r]))
    return new Gazetteer(
      records.map((r) => {
        const parent = r.insee_reg === '' ? parents.get(r.insee_parente) : r
        return {
          insee: r.insee_com,
          region: parent?.insee_reg ?? '',
          departement: parent?.insee_dep ?? '',
          name: r.commune,
          article: r.commune_article || r.commune,
          postcode: r.code_postal,
          lat: Number(r.lat),
          lng: Number(r.lng),
        }
      }),
    )
  }

  isKnownPostcode(postcode: string): boolean {
    return this.byPostcode.has(postcode)
  }

  // The postcode of a commune by name, within a département when given; among several, the one
  // whose commune centre is nearest the venue (when it has coordinates).
  findPostcode(commune: string, hint: { departement?: string; lat?: number | null; lon?: number | null } = {}): string | null {
    let candidates = this.byName.get(communeKey(commune)) ?? []
    if (hint.departement !== undefined) candidates = candidates.filter((row) => row.departement === hint.departement)
    const postcodes = [...new Set(candidates.map((row) => row.postcode))]
    if (postcodes.length === 1) return postcodes[0]
    if (postcodes.length === 0 || hint.lat == null || hint.lon == null) return null
    const { lat, lon } = hint as { lat: number; lon: number }
    const nearest = [...candidates].sort((a, b) => distance2(a, lat, lon) - distance2(b, lat, lon))[0]
    return distance2(nearest, lat, lon) < 0.01 ? nearest.postcode : null // within ~10 km
  }

  regionName(record: { code_insee: string | null; code_postal: string; commune: string }): string {
    const overseas = OVERSEAS_BY_POSTCODE[record.code_postal.slice(0, 3)]
    if (overseas !== undefined) return overseas
    const row =
      (record.code_insee === null ? undefined : this.byInsee.get(record.code_insee)) ??
      this.byPostcode.get(record.code_postal)?.[0] ??
      this.byName.get(communeKey(record.commune))?.[0]
    return row === undefined ? 'inconnue' : (REGION_NAMES[row.region] ?? `région ${row.region}`)
  }
}

// Commune names differ in case, accents, hyphens and "Saint"/"St" abbreviations between producers.
export function communeKey(name: string): string {
  return lenientKey(
    name
      .replace(/\bc[eé]dex\b.*$/i, '')
      .replace(/\bste?\b\.?/gi, (m) => (m.toLowerCase().startsWith('ste') ? 'sainte' : 'saint'))
      .replace(/[-'’]/g, ' '),
  )
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key)
  if (list === undefined) map.set(key, [value])
  else list.push(value)
}

function distance2(row: CommuneRow, lat: number, lon: number): number {
  const dLat = row.lat - lat
  const dLon = (row.lng - lon) * Math.cos((lat * Math.PI) / 180)
  return dLat * dLat + dLon * dLon
}
