// Field names of the national standard v1.0.2 (LaMednum/standard-mediation-num, schema.json), in official order.

export const STANDARD_FIELDS = [
  'id',
  'pivot',
  'nom',
  'commune',
  'code_postal',
  'code_insee',
  'adresse',
  'complement_adresse',
  'latitude',
  'longitude',
  'typologie',
  'telephone',
  'courriels',
  'site_web',
  'horaires',
  'presentation_resume',
  'presentation_detail',
  'source',
  'itinerance',
  'structure_parente',
  'date_maj',
  'services',
  'publics_specifiquement_adresses',
  'prise_en_charge_specifique',
  'frais_a_charge',
  'dispositif_programmes_nationaux',
  'formations_labels',
  'autres_formations_labels',
  'modalites_acces',
  'modalites_accompagnement',
  'fiche_acces_libre',
  'prise_rdv',
] as const

export type StandardField = (typeof STANDARD_FIELDS)[number]

/** The standard's fields in official order, less some: the column lists of the venues table derive from it. */
export function fieldsExcept<const D extends StandardField>(...dropped: D[]): Exclude<StandardField, D>[] {
  const drop = new Set<StandardField>(dropped)
  return STANDARD_FIELDS.filter((field): field is Exclude<StandardField, D> => !drop.has(field))
}

// The exact header line of a v1.0.2 CSV file (no quotes, comma-joined).
export const STANDARD_CSV_HEADER: string = STANDARD_FIELDS.join(',')

// Multi-valued fields: `|`-separated in a v1 CSV, arrays in JSON.
export const LIST_FIELDS = [
  'typologie',
  'courriels',
  'site_web',
  'itinerance',
  'services',
  'publics_specifiquement_adresses',
  'prise_en_charge_specifique',
  'frais_a_charge',
  'dispositif_programmes_nationaux',
  'formations_labels',
  'autres_formations_labels',
  'modalites_acces',
  'modalites_accompagnement',
] as const satisfies readonly StandardField[]

export type ListField = (typeof LIST_FIELDS)[number]

export const REQUIRED_FIELDS = [
  'id',
  'pivot',
  'nom',
  'commune',
  'code_postal',
  'adresse',
  'date_maj',
] as const satisfies readonly StandardField[]

export const NUMBER_FIELDS = ['latitude', 'longitude'] as const satisfies readonly StandardField[]

export const LIST_SEPARATOR = '|'

// Field names of the legacy standard v0.1 (LaMednum/standard-mediation-num@ea833b1), `;`-separated lists.
export const LEGACY_V0_FIELDS = [
  'id',
  'pivot',
  'nom',
  'commune',
  'code_postal',
  'code_insee',
  'adresse',
  'complement_adresse',
  'latitude',
  'longitude',
  'cle_ban',
  'typologie',
  'telephone',
  'courriel',
  'site_web',
  'horaires',
  'presentation_resume',
  'presentation_detail',
  'source',
  'structure_parente',
  'date_maj',
  'services',
  'publics_accueillis',
  'conditions_acces',
  'labels_nationaux',
  'labels_autres',
  'modalites_accompagnement',
  'accessibilite',
  'prise_rdv',
] as const

export type LegacyV0Field = (typeof LEGACY_V0_FIELDS)[number]

export const LEGACY_V0_LIST_SEPARATOR = ';'

export function isStandardField(name: string): name is StandardField {
  return (STANDARD_FIELDS as readonly string[]).includes(name)
}

export function isListField(name: string): name is ListField {
  return (LIST_FIELDS as readonly string[]).includes(name)
}
