// Tells a legacy v0.1 file from a v1.0.2 file by its column names.
import { lenientKey } from './lenient-key.ts'

// Columns that exist only in v0.1, and only in v1.0.2.
const V0_ONLY = ['cle_ban', 'courriel', 'publics_accueillis', 'conditions_acces', 'labels_nationaux', 'labels_autres', 'accessibilite']
const V1_ONLY = [
  'courriels',
  'itinerance',
  'publics_specifiquement_adresses',
  'prise_en_charge_specifique',
  'frais_a_charge',
  'dispositif_programmes_nationaux',
  'formations_labels',
  'autres_formations_labels',
  'modalites_acces',
  'fiche_acces_libre',
]

export function detectFormat(headers: string[]): 'v1' | 'v0' {
  const keys = new Set(headers.map((header) => lenientKey(header)))
  const v0 = V0_ONLY.filter((name) => keys.has(name)).length
  const v1 = V1_ONLY.filter((name) => keys.has(name)).length
  return v0 > v1 ? 'v0' : 'v1'
}
