// Pure data shared by the public map (browser) and the server-rendered venue page: how the standard's
// values are grouped and named for the public. Values are the standard v1.0.2 canonical spellings.

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
] as const

export type ListFilterField = (typeof LIST_FILTERS)[number]['field']

export const SPONSORSHIP_KINDS: Record<string, string> = {
  emploi_avenir: 'Parrainage d’un emploi d’avenir',
  don_materiel: 'Don de matériel reconditionné (Ordi 2.0)',
  fonds_solidarites_numeriques: 'Fonds de solidarité numérique',
  mecenat: 'Mécénat',
}

/** Fields counted by the completion indicator, with their weight (what a visitor most needs weighs most). */
export const COMPLETION_FIELDS: readonly { field: string; label: string; weight: number }[] = [
  { field: 'horaires', label: 'horaires', weight: 3 },
  { field: 'services', label: 'services', weight: 3 },
  { field: 'telephone', label: 'téléphone', weight: 2 },
  { field: 'courriels', label: 'courriel', weight: 1 },
  { field: 'site_web', label: 'site internet', weight: 1 },
  { field: 'coordinates', label: 'position précise', weight: 2 },
  { field: 'modalites_acces', label: 'modalités d’accès', weight: 2 },
  { field: 'modalites_accompagnement', label: 'accompagnement', weight: 1 },
  { field: 'frais_a_charge', label: 'frais', weight: 2 },
  { field: 'publics_specifiquement_adresses', label: 'publics', weight: 1 },
  { field: 'prise_en_charge_specifique', label: 'prise en charge spécifique', weight: 1 },
  { field: 'fiche_acces_libre', label: 'fiche d’accessibilité', weight: 1 },
  { field: 'presentation_resume', label: 'présentation', weight: 1 },
  { field: 'prise_rdv', label: 'prise de rendez-vous', weight: 1 },
]

export function completion(venue: Record<string, unknown>): { percent: number; missing: string[] } {
  let total = 0
  let got = 0
  const missing: string[] = []
  for (const { field, label, weight } of COMPLETION_FIELDS) {
    total += weight
    const value = field === 'coordinates'
      ? (venue.latitude != null && !venue.location_approximate ? 1 : null)
      : venue[field]
    const present = Array.isArray(value) ? value.length > 0 : value !== null && value !== undefined && value !== ''
    if (present) got += weight
    else missing.push(label)
  }
  return { percent: Math.round((got / total) * 100), missing }
}

export function formatDistance(metres: number): string {
  if (metres < 1000) return `${Math.max(10, Math.round(metres / 10) * 10)} m`
  const km = metres / 1000
  return `${km < 10 ? km.toFixed(1).replace('.', ',') : Math.round(km)} km`
}
