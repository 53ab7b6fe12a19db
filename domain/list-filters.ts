// The list filters: every list field the API filters on (the standard's enumerations and `typologie`),
// and the public map's subset with its French titles. A filter is declared here once; the map's form,
// URL, chips, counts and the API parameters all follow from LIST_FILTERS.
import { ENUM_FIELDS, TYPOLOGIES, type EnumField } from './standard/enums.ts'

/** A list field the API filters on (`?services=…,…`). */
export type ListFilterField = EnumField | 'typologie'
export const LIST_FILTER_FIELDS: readonly ListFilterField[] = [...(Object.keys(ENUM_FIELDS) as EnumField[]), 'typologie']
export const LIST_FILTER_VALUES: Readonly<Record<ListFilterField, readonly string[]>> = { ...ENUM_FIELDS, typologie: TYPOLOGIES }

/** Services grouped for people, in the order the map and the venue page show them. */
export const SERVICE_GROUPS: readonly { label: string; values: readonly string[] }[] = [
  {
    label: 'Démarches et emploi',
    values: ['Aide aux démarches administratives', 'Insertion professionnelle via le numérique'],
  },
  {
    label: 'Apprendre le numérique',
    values: [
      'Maîtrise des outils numériques du quotidien',
      'Utilisation sécurisée du numérique',
      'Compréhension du monde numérique',
      'Parentalité et éducation avec le numérique',
      'Loisirs et créations numériques',
    ],
  },
  {
    label: 'Matériel et accès à internet',
    values: ['Accès internet et matériel informatique', 'Acquisition de matériel informatique à prix solidaire'],
  },
]

/** A value the standard allows that no visitor would look for. */
const NOT_A_PUBLIC_CHOICE = new Set(["Ce lieu n'accueille pas de public"])

/** The list filters of the public map, in display order, with their French titles. */
export const LIST_FILTERS = [
  { field: 'services', title: 'Besoins', legend: 'De quoi avez-vous besoin ?' },
  { field: 'publics_specifiquement_adresses', title: 'Publics', legend: 'Publics accueillis spécifiquement' },
  { field: 'prise_en_charge_specifique', title: 'Prise en charge spécifique', legend: 'Prise en charge spécifique' },
  { field: 'frais_a_charge', title: 'Frais', legend: 'Frais à la charge de la personne' },
  { field: 'modalites_acces', title: 'Modalités d’accès', legend: 'Comment accéder au service' },
  { field: 'modalites_accompagnement', title: 'Accompagnement', legend: 'Type d’accompagnement' },
  { field: 'dispositif_programmes_nationaux', title: 'Dispositifs', legend: 'Dispositifs et programmes nationaux' },
  { field: 'formations_labels', title: 'Labels et formations', legend: 'Labels et formations' },
] as const satisfies readonly { field: ListFilterField; title: string; legend: string }[]

/** A list field the public map offers (a subset of ListFilterField). */
export type MapListField = (typeof LIST_FILTERS)[number]['field']

/** The values the map offers for each of its list filters: the standard's, services in their groups' order. */
export const MAP_FILTER_VALUES: Readonly<Record<MapListField, readonly string[]>> = Object.fromEntries(
  LIST_FILTERS.map(({ field }) => [
    field,
    field === 'services' ? SERVICE_GROUPS.flatMap((g) => g.values) : ENUM_FIELDS[field].filter((v) => !NOT_A_PUBLIC_CHOICE.has(v)),
  ]),
) as unknown as Record<MapListField, readonly string[]>
