// The governance committee's indicators as the API serves them (computed in db/governance/indicators.ts,
// drawn by the report, the dashboard and the CSV export), and the thresholds their rules use.
export const COVERAGE_DISTANCES_KM = [5, 10, 20] as const
export const WHITE_ZONE_MIN_POPULATION = 1000
export const WHITE_ZONE_DISTANCE_KM = 10
export const EMPLOIS_AVENIR_TARGET = 2000

export interface WhiteZone {
  code_insee: string
  nom: string
  departement: string
  population: number
  latitude: number
  longitude: number
  distance_km: number | null
}

export interface Indicators {
  territory: string
  year: number | null
  as_of: string
  population: number
  communes: number
  venues: { published: number; per_10000: number; by_status: Record<string, number> }
  coverage_km: Record<'5' | '10' | '20', number>
  covered_population: Record<'5' | '10' | '20', number>
  white_zones: { count: number; population: number; communes: WhiteZone[] }
  sponsorships: {
    by_kind: Record<string, number>
    active: number
    companies: number
    venues_sponsored: number
    emplois_avenir_youth: number
    /** Young people whose emploi d'avenir ended, by outcome category (`a_renseigner`: none recorded yet). */
    emplois_avenir_outcomes: Record<string, number>
    target: number
    target_share: number
    devices_donated: number
    amount_eur: number
  }
  /** Venues' needs (issue 16): open ones by kind, devices asked for, devices needs met. */
  needs: { open_by_kind: Record<string, number>; open: number; devices_requested: number; devices_needs_met: number }
  labels: { active: Record<string, number>; names: Record<string, string> }
  dispositifs: Record<string, number>
  freshness: { updated_within_12_months: number; published: number; updated: number }
  timeseries: { month: string; published: number }[]
  /**
   * Where producer data exists: white zones are listed only in these départements; `coverage_km` here is the
   * coverage of their population alone. `first_import` (a day) starts every series; `history` is false for a
   * past year that ended before it.
   */
  data_collection: {
    departements: string[]
    departements_total: number
    population: number
    population_share: number
    coverage_km: Record<'5' | '10' | '20', number>
    first_import: string | null
    history: boolean
  }
}

export interface DepartementFigures {
  code: string
  population: number
  communes: number
  published: number
  per_10000: number
  coverage_km: Record<'5' | '10' | '20', number>
  white_zones: number
  /** A territorial producer's venues are loaded in this département (white zones are counted only then). */
  collected: boolean
  sponsorships_active: number
}
