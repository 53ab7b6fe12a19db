// Venues as data·inclusion v1 (schema 1.0.8) structures and services, following data·inclusion's own
// crosswalk for the mediation standard (dbt models _map_mediation_numerique__*.sql, shipped in
// ../shared/data/standard/crosswalk-mednum-to-data-inclusion.sql): one structure and one service per venue.
import type { VenueSelectRow } from './query.ts'

const THEMATIQUES: Record<string, string[]> = {
  'Accès internet et matériel informatique': ['numerique--acceder-a-une-connexion-internet', 'numerique--acquerir-un-equipement'],
  'Acquisition de matériel informatique à prix solidaire': ['numerique--acquerir-un-equipement'],
  'Aide aux démarches administratives': [
    'difficultes-administratives-ou-juridiques--accompagnement-aux-demarches-administratives',
    'numerique--acceder-a-des-services-en-ligne',
  ],
  'Compréhension du monde numérique': ['numerique--maitriser-les-fondamentaux-du-numerique'],
  'Insertion professionnelle via le numérique': [
    'preparer-sa-candidature--organiser-ses-demarches-de-recherche-demploi',
    'numerique--maitriser-les-fondamentaux-du-numerique',
  ],
  'Loisirs et créations numériques': [
    'remobilisation--activites-sportives-et-culturelles',
    'numerique--maitriser-les-fondamentaux-du-numerique',
  ],
  'Maîtrise des outils numériques du quotidien': [
    'numerique--maitriser-les-fondamentaux-du-numerique',
    'numerique--acceder-a-des-services-en-ligne',
  ],
  'Parentalité et éducation avec le numérique': [
    'famille--soutien-a-la-parentalite-et-a-leducation',
    'numerique--maitriser-les-fondamentaux-du-numerique',
  ],
  'Utilisation sécurisée du numérique': ['numerique--maitriser-les-fondamentaux-du-numerique'],
}
const PUBLICS: Record<string, string> = {
  Étudiants: 'etudiants',
  'Familles et/ou enfants': 'familles',
  Femmes: 'femmes',
  Jeunes: 'jeunes',
  Seniors: 'seniors',
  'Déficience visuelle': 'personnes-en-situation-de-handicap',
  'Handicaps mentaux': 'personnes-en-situation-de-handicap',
  'Handicaps moteurs': 'personnes-en-situation-de-handicap',
  Surdité: 'personnes-en-situation-de-handicap',
  'Langues étrangères (anglais)': 'personnes-exilees',
  'Langues étrangères (autres)': 'personnes-exilees',
}
const RESEAUX: Record<string, string> = {
  'Aidants Connect': 'aidants-connect',
  'Conseillers numériques': 'conseillers-numeriques',
  'France Services': 'france-service',
  'Grande école du numérique': 'grandes-ecoles-du-numerique',
  'La Croix Rouge': 'croix-rouge',
}
const MODES_MOBILISATION: Record<string, string> = {
  'Contacter par mail': 'envoyer-un-courriel',
  'Envoyer un mail avec une fiche de prescription': 'envoyer-un-courriel',
  'Prendre un RDV en ligne': 'utiliser-lien-mobilisation',
  'Se présenter': 'se-presenter',
  Téléphoner: 'telephoner',
}
const TYPES: Record<string, string> = {
  'Accompagnement individuel': 'accompagnement',
  'Dans un atelier collectif': 'atelier',
  'En autonomie': 'aide-materielle',
}

const unique = <T>(values: T[]): T[] => [...new Set(values)]
const listOrNull = <T>(values: T[]): T[] | null => (values.length > 0 ? unique(values) : null)
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

function httpUrl(value: string | null | undefined): string | null {
  if (!value) return null
  try {
    const url = new URL(value)
    return (url.protocol === 'http:' || url.protocol === 'https:') && value.length <= 2083 ? value : null
  } catch {
    return null
  }
}

function text(value: string | null | undefined, min: number, max: number): string | null {
  const v = value?.trim()
  return v && v.length >= min ? v.slice(0, max) : null
}

function nom(venue: VenueSelectRow): string {
  const n = venue.nom.trim()
  return (n.length >= 3 ? n : `${n} (${venue.commune})`).slice(0, 150)
}

function place(venue: VenueSelectRow) {
  return {
    adresse: venue.adresse || null,
    complement_adresse: venue.complement_adresse,
    code_postal: /^\d{5}$/.test(venue.code_postal) ? venue.code_postal : null,
    code_insee: venue.code_insee,
    commune: venue.commune || null,
    latitude: venue.latitude,
    longitude: venue.longitude,
  }
}

const dateOnly = (value: unknown) => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10))

export function toDataInclusionStructure(venue: VenueSelectRow) {
  const courriel = venue.courriels.find((c) => EMAIL.test(c)) ?? null
  return {
    source: venue.source,
    id: venue.id,
    nom: nom(venue),
    date_maj: dateOnly(venue.date_maj),
    ...place(venue),
    siret: /^\d{14}$/.test(venue.pivot) && !/^0+$/.test(venue.pivot) ? venue.pivot : null,
    telephone: venue.telephone,
    courriel,
    site_web: venue.site_web.map(httpUrl).find(Boolean) ?? null,
    description: text(venue.presentation_detail, 5, 10000) ?? text(venue.presentation_resume, 5, 10000),
    horaires_accueil: venue.horaires || null,
    accessibilite_lieu: httpUrl(venue.fiche_acces_libre),
    lien_source: null,
    reseaux_porteurs: listOrNull(venue.dispositif_programmes_nationaux.flatMap((d) => (RESEAUX[d] ? [RESEAUX[d]] : []))),
  }
}

export function toDataInclusionService(venue: VenueSelectRow) {
  const courriel = venue.courriels.find((c) => EMAIL.test(c)) ?? null
  const frais = venue.frais_a_charge.includes('Payant')
    ? 'payant'
    : venue.frais_a_charge.some((f) => f.startsWith('Gratuit'))
      ? 'gratuit'
      : null
  const distance = venue.modalites_accompagnement.includes('À distance')
  const onSite = !distance || venue.modalites_accompagnement.some((m) => m !== 'À distance')
  const description =
    text(venue.presentation_resume, 5, 10000) ??
    text(venue.presentation_detail, 5, 10000) ??
    `Médiation numérique : ${venue.services.length > 0 ? venue.services.join(', ') : 'accompagnement au numérique'}.`
  return {
    source: venue.source,
    id: `${venue.id}--mediation-numerique`,
    structure_id: venue.id,
    nom: 'Médiation numérique',
    description: description.slice(0, 10000),
    date_maj: dateOnly(venue.date_maj),
    ...place(venue),
    type: venue.modalites_accompagnement.map((m) => TYPES[m]).find(Boolean) ?? null,
    thematiques: listOrNull(venue.services.flatMap((s) => THEMATIQUES[s] ?? [])),
    publics: listOrNull(
      [...venue.publics_specifiquement_adresses, ...venue.prise_en_charge_specifique].flatMap((p) => (PUBLICS[p] ? [PUBLICS[p]] : [])),
    ),
    frais,
    frais_precisions: venue.frais_a_charge.includes('Gratuit sous condition') ? 'Gratuit sous condition' : null,
    modes_accueil: unique([...(onSite ? ['en-presentiel'] : []), ...(distance ? ['a-distance'] : [])]),
    modes_mobilisation: listOrNull(venue.modalites_acces.flatMap((m) => (MODES_MOBILISATION[m] ? [MODES_MOBILISATION[m]] : []))),
    mobilisable_par: venue.modalites_acces.includes('Envoyer un mail avec une fiche de prescription')
      ? ['usagers', 'professionnels']
      : ['usagers'],
    lien_mobilisation: httpUrl(venue.prise_rdv),
    telephone: venue.telephone,
    courriel,
    horaires_accueil: venue.horaires || null,
    lien_source: null,
    zone_eligibilite: null,
  }
}
