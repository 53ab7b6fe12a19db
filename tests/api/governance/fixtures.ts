// A controlled dataset for the governance tests, and an independent computation of the indicators in JS
// (geodesic distances on WGS 84 with GeographicLib, communes read from the shipped CSV, not the database).
import { readFileSync } from 'node:fs'
import { parse } from 'csv-parse/sync'
import { Geodesic } from 'geographiclib-geodesic'
import type { VenueData } from '../../../db/venue-record.ts'

export interface CommuneRow {
  code_insee: string
  nom: string
  departement: string
  region: string
  population: number
  latitude: number
  longitude: number
}

export const COMMUNES: CommuneRow[] = (
  parse(readFileSync(new URL('../../../db/communes/communes.csv', import.meta.url)), { columns: true }) as Record<string, string>[]
).map((r) => ({
  code_insee: r.code_insee,
  nom: r.nom,
  departement: r.departement,
  region: r.region,
  population: Number(r.population || 0),
  latitude: Number(r.latitude),
  longitude: Number(r.longitude),
}))

export function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function haversineM(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const r = Math.PI / 180
  const a = Math.sin(((lat2 - lat1) * r) / 2) ** 2 + Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(((lon2 - lon1) * r) / 2) ** 2
  return 2 * 6371008.8 * Math.asin(Math.sqrt(a))
}

/** Exact geodesic distance (WGS 84) when it may matter, a haversine upper bound otherwise. */
export function geodesicM(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rough = haversineM(lat1, lon1, lat2, lon2)
  if (rough > 40000) return rough
  return Geodesic.WGS84.Inverse(lat1, lon1, lat2, lon2).s12!
}

export function nearestCommune(lat: number, lon: number): CommuneRow {
  let best = COMMUNES[0],
    bestD = Infinity
  for (const c of COMMUNES) {
    const d = haversineM(lat, lon, c.latitude, c.longitude)
    if (d < bestD) {
      best = c
      bestD = d
    }
  }
  return best
}

export function venueData(i: number, lat: number, lon: number, extra: Partial<VenueData> = {}): VenueData {
  const commune = nearestCommune(lat, lon)
  return {
    source: 'test-gouvernance',
    source_id: `g-${i}`,
    pivot: '00000000000000',
    nom: `Lieu test ${i}`,
    commune: commune.nom,
    code_postal: '33000',
    code_insee: commune.code_insee,
    adresse: `${i} rue du Test`,
    complement_adresse: null,
    latitude: lat,
    longitude: lon,
    telephone: null,
    horaires: null,
    presentation_resume: null,
    presentation_detail: null,
    structure_parente: null,
    date_maj: '2026-01-15',
    fiche_acces_libre: null,
    prise_rdv: null,
    typologie: [],
    courriels: [],
    site_web: [],
    itinerance: [],
    services: ['Prendre en main un ordinateur'],
    publics_specifiquement_adresses: [],
    prise_en_charge_specifique: [],
    frais_a_charge: [],
    dispositif_programmes_nationaux: [],
    formations_labels: [],
    autres_formations_labels: [],
    modalites_acces: [],
    modalites_accompagnement: [],
    location_approximate: false,
    ...extra,
  }
}

export interface Point {
  latitude: number
  longitude: number
}

/** The indicators recomputed from their definition in DESIGN.md. */
export function independentCoverage(communes: CommuneRow[], published: Point[]) {
  const population = communes.reduce((s, c) => s + c.population, 0)
  const covered = { 5: 0, 10: 0, 20: 0 }
  const white: { code_insee: string; distance_km: number }[] = []
  for (const c of communes) {
    let nearest = Infinity
    for (const v of published) {
      // cheap bound first: a degree of latitude is > 110 km
      if (Math.abs(v.latitude - c.latitude) > 0.5) continue
      nearest = Math.min(nearest, geodesicM(c.latitude, c.longitude, v.latitude, v.longitude))
    }
    for (const km of [5, 10, 20] as const) if (nearest <= km * 1000) covered[km] += c.population
    if (c.population >= 1000 && nearest > 10000) white.push({ code_insee: c.code_insee, distance_km: nearest })
  }
  return {
    population,
    coverage: { 5: covered[5] / population, 10: covered[10] / population, 20: covered[20] / population },
    white,
  }
}
