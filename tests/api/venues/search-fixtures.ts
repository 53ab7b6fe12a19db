// Synthetic venues for the search tests: deterministic, spread over metropole and overseas (La Réunion,
// Guadeloupe, Guyane, Nouvelle-Calédonie), imported through the real importer; plus a geodesic reference.
import type { Kysely } from 'kysely'
import { stringify } from 'csv-stringify/sync'
import { ENUM_FIELDS, STANDARD_FIELDS } from '../../../db/standard/index.ts'
import { importFile } from '../../../db/import/importer.ts'
import type { Database } from '../../../db/types.ts'
import { departementAt } from '../../../db/geo/departements.ts'
import { departementOfInsee } from '../../../db/territory.ts'

export const CITIES = [
  { commune: 'Bordeaux', code_postal: '33000', code_insee: '33063', lat: 44.8378, lon: -0.5792 },
  { commune: 'Mérignac', code_postal: '33700', code_insee: '33281', lat: 44.8386, lon: -0.6436 },
  { commune: 'Paris', code_postal: '75011', code_insee: '75111', lat: 48.8589, lon: 2.3797 },
  { commune: 'Lyon', code_postal: '69003', code_insee: '69383', lat: 45.7597, lon: 4.8422 },
  { commune: 'Saint-Étienne', code_postal: '42000', code_insee: '42218', lat: 45.4397, lon: 4.3872 },
  { commune: 'Strasbourg', code_postal: '67000', code_insee: '67482', lat: 48.5734, lon: 7.7521 },
  { commune: 'Ajaccio', code_postal: '20000', code_insee: '2A004', lat: 41.9192, lon: 8.7386 },
  { commune: 'Brest', code_postal: '29200', code_insee: '29019', lat: 48.3904, lon: -4.4861 },
  { commune: 'Saint-Denis', code_postal: '97400', code_insee: '97411', lat: -20.8823, lon: 55.4504 },
  { commune: 'Saint-Pierre', code_postal: '97410', code_insee: '97416', lat: -21.3393, lon: 55.4781 },
  { commune: 'Pointe-à-Pitre', code_postal: '97110', code_insee: '97120', lat: 16.2411, lon: -61.5331 },
  { commune: 'Cayenne', code_postal: '97300', code_insee: '97302', lat: 4.9372, lon: -52.326 },
  { commune: 'Nouméa', code_postal: '98800', code_insee: '98818', lat: -22.2758, lon: 166.458 },
] as const

export const HORAIRES = [
  'Mo-Fr 09:00-12:00,14:00-18:00',
  'Mo-Sa 10:00-19:00; PH off',
  'Tu-Su 08:00-20:00',
  'Su 08:00-12:00',
  '24/7',
  'Mo-Fr 09:00-17:00; PH 10:00-12:00',
  'We 14:00-18:00',
  '',
]
export const TYPOLOGIES = ['EPN', 'TIERS_LIEUX', 'BIB', 'FABLAB', 'ASSO', 'MUNI']
const WORDS = ['Médiathèque', 'Espace numérique', 'Tiers-lieu', 'France Services', 'Maison de quartier', 'Cyber-base', 'Fab lab']

/** Small deterministic PRNG (mulberry32). */
export function rng(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function subset(random: () => number, values: readonly string[], p: number): string[] {
  return values.filter(() => random() < p)
}

export function syntheticCsv(count: number, seed = 42, source = 'synthetique'): string {
  const random = rng(seed)
  const rows: Record<string, string>[] = []
  for (let i = 0; i < count; i++) {
    const city = CITIES[Math.floor(random() * CITIES.length)]
    const spread = random() < 0.3 ? 0.02 : 0.4
    const services = subset(random, ENUM_FIELDS.services, 0.3)
    const row: Record<string, string> = {
      id: `syn-${seed}-${i}`,
      pivot: '00000000000000',
      nom: `${WORDS[i % WORDS.length]} ${city.commune} ${i}`,
      commune: city.commune,
      code_postal: city.code_postal,
      code_insee: city.code_insee,
      adresse: `${1 + (i % 90)} rue de la République`,
      ...jitteredPoint(city, (random() - 0.5) * spread, (random() - 0.5) * spread),
      typologie: subset(random, TYPOLOGIES, 0.3).join('|'),
      horaires: HORAIRES[Math.floor(random() * HORAIRES.length)],
      source,
      date_maj: '2026-01-15',
      services: (services.length ? services : [ENUM_FIELDS.services[i % ENUM_FIELDS.services.length]]).join('|'),
      publics_specifiquement_adresses: subset(random, ENUM_FIELDS.publics_specifiquement_adresses, 0.25).join('|'),
      prise_en_charge_specifique: subset(random, ENUM_FIELDS.prise_en_charge_specifique, 0.2).join('|'),
      frais_a_charge: subset(random, ENUM_FIELDS.frais_a_charge, 0.4).join('|'),
      dispositif_programmes_nationaux: subset(random, ENUM_FIELDS.dispositif_programmes_nationaux, 0.15).join('|'),
      formations_labels: subset(random, ENUM_FIELDS.formations_labels, 0.1).join('|'),
      modalites_acces: subset(random, ENUM_FIELDS.modalites_acces, 0.3).join('|'),
      modalites_accompagnement: subset(random, ENUM_FIELDS.modalites_accompagnement, 0.35).join('|'),
      itinerance: random() < 0.2 ? 'Itinérant' : 'Fixe',
    }
    rows.push(row)
  }
  return stringify(rows, { header: true, columns: [...STANDARD_FIELDS], record_delimiter: '\n' })
}

/**
 * The city centre moved by (dLat, dLon), pulled back toward the centre until it lies in the city's département:
 * writes refuse a point outside its commune's département (db/geo). The random draws stay the same.
 */
function jitteredPoint(city: (typeof CITIES)[number], dLat: number, dLon: number): { latitude: string; longitude: string } {
  const departement = departementOfInsee(city.code_insee)
  let factor = 1
  // Nouvelle-Calédonie has no shipped boundary, so no check applies there.
  if (departement !== '988') {
    for (let step = 0; step < 12 && departementAt(city.lat + dLat * factor, city.lon + dLon * factor)?.code !== departement; step++)
      factor /= 2
  }
  return { latitude: (city.lat + dLat * factor).toFixed(6), longitude: (city.lon + dLon * factor).toFixed(6) }
}

export async function importSynthetic(db: Kysely<Database>, count: number, seed = 42, source = 'synthetique'): Promise<void> {
  const report = await importFile(db, new TextEncoder().encode(syntheticCsv(count, seed, source)), {
    source,
    fileName: `${source}.csv`,
    actor: 'test',
  })
  if (report.status !== 'applied') {
    throw new Error(`import failed: ${report.file_error ?? JSON.stringify(report.rows.filter((r) => r.errors.length).slice(0, 3))}`)
  }
}

/** Geodesic distance on the WGS 84 ellipsoid (Vincenty's inverse formula), in metres. */
export function vincenty(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const a = 6378137,
    f = 1 / 298.257223563,
    b = a * (1 - f)
  const rad = Math.PI / 180
  const L = (lon2 - lon1) * rad
  const U1 = Math.atan((1 - f) * Math.tan(lat1 * rad)),
    U2 = Math.atan((1 - f) * Math.tan(lat2 * rad))
  const sinU1 = Math.sin(U1),
    cosU1 = Math.cos(U1),
    sinU2 = Math.sin(U2),
    cosU2 = Math.cos(U2)
  let lambda = L,
    prev: number,
    iter = 0
  let sinSigma = 0,
    cosSigma = 0,
    sigma = 0,
    cos2Alpha = 0,
    cos2SigmaM = 0
  do {
    const sinLambda = Math.sin(lambda),
      cosLambda = Math.cos(lambda)
    sinSigma = Math.sqrt((cosU2 * sinLambda) ** 2 + (cosU1 * sinU2 - sinU1 * cosU2 * cosLambda) ** 2)
    if (sinSigma === 0) return 0
    cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosLambda
    sigma = Math.atan2(sinSigma, cosSigma)
    const sinAlpha = (cosU1 * cosU2 * sinLambda) / sinSigma
    cos2Alpha = 1 - sinAlpha * sinAlpha
    cos2SigmaM = cos2Alpha !== 0 ? cosSigma - (2 * sinU1 * sinU2) / cos2Alpha : 0
    const C = (f / 16) * cos2Alpha * (4 + f * (4 - 3 * cos2Alpha))
    prev = lambda
    lambda = L + (1 - C) * f * sinAlpha * (sigma + C * sinSigma * (cos2SigmaM + C * cosSigma * (-1 + 2 * cos2SigmaM ** 2)))
  } while (Math.abs(lambda - prev) > 1e-12 && ++iter < 200)
  const u2 = (cos2Alpha * (a * a - b * b)) / (b * b)
  const A = 1 + (u2 / 16384) * (4096 + u2 * (-768 + u2 * (320 - 175 * u2)))
  const B = (u2 / 1024) * (256 + u2 * (-128 + u2 * (74 - 47 * u2)))
  const deltaSigma =
    B *
    sinSigma *
    (cos2SigmaM +
      (B / 4) * (cosSigma * (-1 + 2 * cos2SigmaM ** 2) - (B / 6) * cos2SigmaM * (-3 + 4 * sinSigma ** 2) * (-3 + 4 * cos2SigmaM ** 2)))
  return b * A * (sigma - deltaSigma)
}
