// How complete a venue's record is (the curators' indicator): fields weighted by what a visitor most needs.
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
    const value = field === 'coordinates' ? (venue.latitude != null && !venue.location_approximate ? 1 : null) : venue[field]
    const present = Array.isArray(value) ? value.length > 0 : value !== null && value !== undefined && value !== ''
    if (present) got += weight
    else missing.push(label)
  }
  return { percent: Math.round((got / total) * 100), missing }
}
