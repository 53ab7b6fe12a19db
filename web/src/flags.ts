// The yes/no filters of the public map, declared once: their key in the state, their word in the map's
// URL, the API parameter they set and their French label. State, URL, API query, form and counts loop
// over this list (the list filters come from domain/list-filters.ts the same way).
export const FLAG_FILTERS = [
  { key: 'openNow', urlKey: 'ouvert', urlValue: 'maintenant', param: 'open_at', value: 'now', label: 'Ouvert maintenant' },
  // Open at any time on the coming Saturday (the API evaluates the whole day, Paris time).
  { key: 'openSaturday', urlKey: 'ouvert', urlValue: 'samedi', param: 'open_on', value: 'sa', label: 'Ouvert le samedi' },
  {
    key: 'accessSheet',
    urlKey: 'acces',
    urlValue: 'fiche',
    param: 'fiche_acces_libre',
    value: 'true',
    label: 'Fiche d’accessibilité disponible',
  },
] as const

export type FlagFilter = (typeof FLAG_FILTERS)[number]
export type FlagKey = FlagFilter['key']

/** `open_at:now`: how the facets route's `count_with` names "this flag ticked too". */
export const flagItem = (flag: FlagFilter) => `${flag.param}:${flag.value}`
