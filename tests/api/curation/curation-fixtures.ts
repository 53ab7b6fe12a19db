// Shared fixtures of the curation/auth/labels/imports suites: one API key per persona, venues by territory.
import type { Kysely } from 'kysely'
import { createApiKey } from '../../../db/auth/api-keys.ts'
import type { Database, VenueRow } from '../../../db/types.ts'
import type { VenueData } from '../../../db/venue-record.ts'
import { insertVenues } from '../../../db/venue-store.ts'

export const PERSONAS = ['anonymous', 'authorityOther', 'authorityOwn', 'curatorOther', 'curatorOwn', 'admin', 'company', 'cinov'] as const
export type Persona = (typeof PERSONAS)[number]

/**
 * The territory of the fixtures' venues is Gironde (dep:33, région 75); "other" is Rhône (dep:69). Authority keys
 * are bound to a producer source named like the key (what `maillage apikey create --source` does).
 * The partners' accounts (company, cinov) are sessions, not keys: their entry here is null and the matrix gives them
 * a session. DESIGN also names `state`: when it exists, add its persona here (and a column to every line of the
 * authorisation matrix, which the type of its rows then demands).
 */
export async function createPersonaKeys(db: Kysely<Database>): Promise<Record<Persona, string | null>> {
  const make = async (name: string, role: 'authority' | 'curator' | 'admin', territories: string[], sources: string[] = []) =>
    (await createApiKey(db, { name, role, territories, sources, createdBy: 'test' })).key
  return {
    anonymous: null,
    authorityOther: await make('Rhône numérique', 'authority', ['dep:69'], ['Rhône numérique']),
    authorityOwn: await make('Gironde numérique', 'authority', ['dep:33'], ['Gironde numérique']),
    curatorOther: await make('Curateur Rhône', 'curator', ['dep:69']),
    curatorOwn: await make('Curateur Nouvelle-Aquitaine', 'curator', ['reg:75']),
    admin: await make('Administration', 'admin', []),
    // Partner accounts have no API key: they call with a session (tests/api/partner-fixtures.ts).
    company: null,
    cinov: null,
  }
}

let counter = 0
export function venueData(overrides: Partial<VenueData> = {}): VenueData {
  counter++
  return {
    source: 'test',
    source_id: `lieu-${counter}-${Math.random().toString(36).slice(2, 8)}`,
    pivot: '00000000000000',
    nom: `Espace numérique ${counter}`,
    commune: 'Bordeaux',
    code_postal: '33000',
    code_insee: '33063',
    // A grid of points 1.1 km apart that stays in Gironde (a venue's point must lie in its commune's département):
    // 25 rows northwards from Bordeaux, then the next column westwards (1,000 venues still inside).
    adresse: `${counter} cours de l’Intendance`,
    complement_adresse: null,
    latitude: 44.84 + (((counter - 1) % 25) + 1) * 0.01,
    longitude: -0.57 - Math.floor((counter - 1) / 25) * 0.01,
    telephone: null,
    horaires: 'Mo-Fr 09:00-17:00',
    presentation_resume: null,
    presentation_detail: null,
    structure_parente: null,
    date_maj: '2025-06-01',
    fiche_acces_libre: null,
    prise_rdv: null,
    typologie: [],
    courriels: [],
    site_web: [],
    itinerance: [],
    services: ['Aide aux démarches administratives'],
    publics_specifiquement_adresses: [],
    prise_en_charge_specifique: [],
    frais_a_charge: ['Gratuit'],
    dispositif_programmes_nationaux: [],
    formations_labels: [],
    autres_formations_labels: [],
    modalites_acces: [],
    modalites_accompagnement: [],
    location_approximate: false,
    ...overrides,
  }
}

export async function createVenue(db: Kysely<Database>, overrides: Partial<VenueData> = {}): Promise<VenueRow> {
  const [row] = await insertVenues(db, [{ data: venueData(overrides) }], { actor: 'test', reason: 'fixture' })
  return row
}

export function lyonVenue(overrides: Partial<VenueData> = {}): Partial<VenueData> {
  return { commune: 'Lyon', code_postal: '69001', code_insee: '69381', latitude: 45.767, longitude: 4.834, ...overrides }
}

export function bearer(key: string | null): Record<string, string> {
  return key ? { authorization: `Bearer ${key}` } : {}
}
