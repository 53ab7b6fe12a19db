// The committees of the State–CINOV-IT agreement (art. 8–9), job offers (art. 6) and the end of an emploi
// d'avenir (art. 3): names and French labels shared by the server and the browser.
export const COMMITTEES = ['gouvernance', 'pilotage'] as const
export type Committee = (typeof COMMITTEES)[number]
export const COMMITTEE_LABELS: Record<Committee, string> = {
  gouvernance: 'Comité de gouvernance (art. 8)',
  pilotage: 'Comité de pilotage (art. 9)',
}

/** The two parties whose validation makes minutes final, by the role that speaks for each. */
export const VALIDATING_ROLES = ['state', 'cinov'] as const
export type ValidatingRole = (typeof VALIDATING_ROLES)[number]
export const PARTY_LABELS: Record<ValidatingRole, string> = { state: 'l’État', cinov: 'CINOV-IT' }

/** What became of the young person at the end of the contract: aggregate categories only (no personal data). */
export const EMPLOI_AVENIR_OUTCOMES = [
  'cdi_cdd_entreprise',
  'autre_emploi',
  'formation_apprentissage',
  'recherche_emploi',
  'inconnu',
] as const
export type EmploiAvenirOutcome = (typeof EMPLOI_AVENIR_OUTCOMES)[number]
export const OUTCOME_LABELS: Record<EmploiAvenirOutcome, string> = {
  cdi_cdd_entreprise: 'CDI ou CDD dans l’entreprise',
  autre_emploi: 'Autre emploi',
  formation_apprentissage: 'Formation ou apprentissage',
  recherche_emploi: 'En recherche d’emploi',
  inconnu: 'Inconnu',
}

export const CONTRACT_TYPES = ['cdi', 'cdd', 'alternance', 'stage', 'emploi_avenir'] as const
export type ContractType = (typeof CONTRACT_TYPES)[number]
export const CONTRACT_LABELS: Record<ContractType, string> = {
  cdi: 'CDI',
  cdd: 'CDD',
  alternance: 'Alternance',
  stage: 'Stage',
  emploi_avenir: 'Emploi d’avenir',
}

/**
 * What a meeting's frozen report cannot rebuild as of a past day (db/governance/indicators.ts reads these from the
 * present): shown under the figures and stored with them, so a reader knows which parts are today's.
 */
export const SNAPSHOT_NOT_AS_OF: readonly string[] = [
  'populations des communes : référentiel actuel',
  'territoire d’un parrainage ou d’un besoin : département actuel du lieu',
  'parrainages : statut actuel (un parrainage suspendu ou décliné depuis ne compte plus)',
  'devenir des emplois d’avenir : issue enregistrée aujourd’hui, même si elle l’a été après la date',
  'entreprises : adhésion CINOV-IT actuelle',
]

/** Network criteria that can be computed from the venues' data; a criterion may also be descriptive only (no measure). */
export const CRITERION_MEASURES = ['horaires', 'fiche_acces_libre', 'maj_12_mois', 'label', 'service_gratuit'] as const
export type CriterionMeasure = (typeof CRITERION_MEASURES)[number]
export const MEASURE_LABELS: Record<CriterionMeasure, string> = {
  horaires: 'Horaires d’ouverture connus',
  fiche_acces_libre: 'Fiche d’accessibilité (Acceslibre)',
  maj_12_mois: 'Mis à jour dans les 12 derniers mois',
  label: 'Au moins un label en cours',
  service_gratuit: 'Au moins un service gratuit',
}

export interface NetworkCriterion {
  code: string
  libelle: string
  /** The data measure that says whether a venue meets it; null when the committee checks it otherwise. */
  mesure: CriterionMeasure | null
}

/** A venue page shows the offers within this distance. */
export const OFFERS_NEAR_VENUE_KM = 30
