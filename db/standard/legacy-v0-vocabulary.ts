// Vocabulary of the legacy standard v0.1 and its v1.0.2 equivalents, only where the meaning is the same.
// A v0 value absent from these tables has no v1 equivalent: it is reported, never silently dropped.
import type { EnumField } from '../../domain/standard/enums.ts'
import { lenientKey } from './lenient-key.ts'

export type V0VocabularyField = 'services' | 'publics_accueillis' | 'conditions_acces' | 'labels_nationaux' | 'modalites_accompagnement'

export type V1Target = { field: EnumField | 'autres_formations_labels'; value: string }

export interface V0Rule {
  v0: string
  targets: V1Target[]
  // Why the mapping needs a word to the user: the v1 value is a guess between two, the value moved to
  // a free-text field, or it has no v1 equivalent because v1 says it by default.
  note?: 'ambiguous' | 'moved' | 'implicit'
}

const to = (field: V1Target['field'], ...values: string[]): V1Target[] => values.map((value) => ({ field, value }))

const DEMARCHES = to('services', 'Aide aux démarches administratives')
const OUTILS = to('services', 'Maîtrise des outils numériques du quotidien')
const ACCES = to('services', 'Accès internet et matériel informatique')

export const V0_VOCABULARY: Record<V0VocabularyField, V0Rule[]> = {
  services: [
    { v0: 'Devenir autonome dans les démarches administratives', targets: DEMARCHES },
    { v0: 'Réaliser des démarches administratives avec un accompagnement', targets: DEMARCHES },
    { v0: 'Accompagner les démarches de santé', targets: DEMARCHES },
    { v0: 'Prendre en main un smartphone ou une tablette', targets: OUTILS },
    { v0: 'Prendre en main un ordinateur', targets: OUTILS },
    { v0: 'Utiliser le numérique au quotidien', targets: OUTILS },
    { v0: 'Approfondir ma culture numérique', targets: to('services', 'Compréhension du monde numérique') },
    { v0: 'Promouvoir la citoyenneté numérique', targets: to('services', 'Compréhension du monde numérique') },
    { v0: 'Favoriser mon insertion professionnelle', targets: to('services', 'Insertion professionnelle via le numérique') },
    { v0: 'Accéder à une connexion internet', targets: ACCES },
    { v0: 'Accéder à du matériel', targets: ACCES },
    { v0: "S'équiper en matériel informatique", targets: to('services', 'Acquisition de matériel informatique à prix solidaire') },
    { v0: 'Créer avec le numérique', targets: to('services', 'Loisirs et créations numériques') },
    {
      v0: "Soutenir la parentalité et l'éducation avec le numérique",
      targets: to('services', 'Parentalité et éducation avec le numérique'),
    },
    // "Créer et développer mon entreprise": no v1 service has that meaning.
  ],
  publics_accueillis: [
    { v0: 'Seniors (+ 65 ans)', targets: to('publics_specifiquement_adresses', 'Seniors') },
    { v0: 'Familles/enfants', targets: to('publics_specifiquement_adresses', 'Familles et/ou enfants') },
    { v0: 'Jeunes (16-26 ans)', targets: to('publics_specifiquement_adresses', 'Jeunes') },
    { v0: 'Uniquement femmes', targets: to('publics_specifiquement_adresses', 'Femmes') },
    { v0: 'Adultes', targets: [], note: 'implicit' },
    {
      v0: 'Public langues étrangères',
      targets: to('prise_en_charge_specifique', 'Langues étrangères (anglais)', 'Langues étrangères (autres)'),
      note: 'ambiguous',
    },
    { v0: 'Déficience visuelle', targets: to('prise_en_charge_specifique', 'Déficience visuelle') },
    { v0: 'Surdité', targets: to('prise_en_charge_specifique', 'Surdité') },
    {
      v0: "Handicaps mentaux : déficiences limitant les activités d'une personne",
      targets: to('prise_en_charge_specifique', 'Handicaps mentaux'),
    },
    { v0: "Personnes en situation d'illettrisme", targets: to('prise_en_charge_specifique', 'Illettrisme') },
    // "Handicaps psychiques : …": v1 has no psychic disability value.
  ],
  conditions_acces: [
    { v0: 'Gratuit : Je peux accéder gratuitement au lieu et à ses services', targets: to('frais_a_charge', 'Gratuit') },
    {
      v0:
        'Gratuit sous condition : La gratuité est conditionnée à des critères (situation familiale, convention avec un ' +
        'organisme social...)',
      targets: to('frais_a_charge', 'Gratuit sous condition'),
    },
    { v0: "Payant : L'accès au lieu et/ou à ses services est payant", targets: to('frais_a_charge', 'Payant') },
    // "Accepte le Pass numérique" and "Adhésion" (which may be free) have no v1 equivalent.
  ],
  labels_nationaux: [
    { v0: 'France Services', targets: to('dispositif_programmes_nationaux', 'France Services') },
    { v0: 'CNFS', targets: to('dispositif_programmes_nationaux', 'Conseillers numériques') },
    { v0: 'Aidants Connect', targets: to('dispositif_programmes_nationaux', 'Aidants Connect') },
    { v0: 'Grandes écoles du numérique', targets: to('dispositif_programmes_nationaux', 'Grande école du numérique') },
    { v0: 'Point numérique CAF', targets: to('dispositif_programmes_nationaux', "Point d'accès numérique CAF") },
    { v0: 'Fabriques de Territoire', targets: to('formations_labels', 'Fabriques de Territoire') },
    // Labels without a v1 value stay labels: free text in autres_formations_labels.
    { v0: 'APTIC', targets: to('autres_formations_labels', 'APTIC'), note: 'moved' },
    { v0: 'Point relais CAF', targets: to('autres_formations_labels', 'Point relais CAF'), note: 'moved' },
    { v0: 'Relais pôle emploi', targets: to('autres_formations_labels', 'Relais pôle emploi'), note: 'moved' },
    { v0: 'French Tech', targets: to('autres_formations_labels', 'French Tech'), note: 'moved' },
    { v0: 'Campus connecté', targets: to('autres_formations_labels', 'Campus connecté'), note: 'moved' },
  ],
  modalites_accompagnement: [
    { v0: "Seul : j'ai accès à du matériel et une connexion", targets: to('modalites_accompagnement', 'En autonomie') },
    {
      v0: "Avec de l'aide : je suis accompagné seul dans l'usage du numérique",
      targets: to('modalites_accompagnement', 'Accompagnement individuel'),
    },
    {
      v0: "Dans un atelier : j'apprends collectivement à utiliser le numérique",
      targets: to('modalites_accompagnement', 'Dans un atelier collectif'),
    },
    // "A ma place : une personne habilitée fait les démarches à ma place": no v1 equivalent.
  ],
}

// Lookup by the whole value, and by its short label before " : " ("Gratuit", "Seul", "Handicaps mentaux").
const LOOKUP: Record<V0VocabularyField, Map<string, V0Rule>> = Object.fromEntries(
  Object.entries(V0_VOCABULARY).map(([field, rules]) => {
    const map = new Map<string, V0Rule>()
    for (const rule of rules) {
      map.set(lenientKey(rule.v0), rule)
      const short = shortLabel(rule.v0)
      if (short !== null && !map.has(lenientKey(short))) map.set(lenientKey(short), rule)
    }
    return [field, map]
  }),
) as Record<V0VocabularyField, Map<string, V0Rule>>

function shortLabel(value: string): string | null {
  const index = value.indexOf(' : ')
  return index > 0 ? value.slice(0, index) : null
}

export function findV0Rule(field: V0VocabularyField, value: string): V0Rule | null {
  const map = LOOKUP[field]
  const whole = map.get(lenientKey(value))
  if (whole !== undefined) return whole
  const short = shortLabel(value)
  return short === null ? null : (map.get(lenientKey(short)) ?? null)
}
