// Paris, Lyon and Marseille as whole cities. The gazetteer holds their municipal arrondissements (ARM),
// which is where venues are coded, but people search "Lyon": the geocoder offers the whole city (its INSEE
// code, a conventional centre) and a commune filter on the whole city matches every arrondissement.
// They are not rows of `communes`, whose populations governance sums (the city would count twice).

export interface WholeCity {
  code_insee: string
  nom: string
  departement: string
  /** Normalised name, as `communes.nom_normalise`. */
  normalised: string
  /** The city hall, the usual centre of a search "in Lyon". */
  latitude: number
  longitude: number
  arrondissements: string[]
}

function range(first: number, count: number): string[] {
  return Array.from({ length: count }, (_, i) => String(first + i))
}

export const WHOLE_CITIES: readonly WholeCity[] = [
  {
    code_insee: '75056',
    nom: 'Paris',
    departement: '75',
    normalised: 'paris',
    latitude: 48.8566,
    longitude: 2.3522,
    arrondissements: range(75101, 20),
  },
  {
    code_insee: '69123',
    nom: 'Lyon',
    departement: '69',
    normalised: 'lyon',
    latitude: 45.7676,
    longitude: 4.8345,
    arrondissements: range(69381, 9),
  },
  {
    code_insee: '13055',
    nom: 'Marseille',
    departement: '13',
    normalised: 'marseille',
    latitude: 43.2961,
    longitude: 5.3699,
    arrondissements: range(13201, 16),
  },
]

/** INSEE codes with every whole city replaced by (well, joined with) its arrondissements. */
export function withArrondissements(codes: readonly string[]): string[] {
  const out = new Set(codes)
  for (const city of WHOLE_CITIES) if (out.has(city.code_insee)) for (const code of city.arrondissements) out.add(code)
  return [...out]
}

/** The whole city an arrondissement belongs to, if any. */
export function parentCity(codeInsee: string): WholeCity | undefined {
  return WHOLE_CITIES.find((city) => city.arrondissements.includes(codeInsee))
}
