// Every figure of the indicators as a CSV table (one per figure), so the dashboard can offer each download.
import { stringifySafeCsv } from '../../db/csv-safe.ts'
import type { DepartementFigures, Indicators } from '../../domain/governance/indicators.ts'

export const FIGURES = [
  'summary',
  'venues_by_status',
  'coverage',
  'white_zones',
  'sponsorships',
  'labels',
  'dispositifs',
  'timeseries',
] as const
export type Figure = (typeof FIGURES)[number]

export function figureRows(ind: Indicators, figure: Figure): (string | number | null)[][] {
  switch (figure) {
    case 'summary':
      return [
        ['indicateur', 'valeur'],
        ['territoire', ind.territory],
        ['date', ind.as_of],
        ['population', ind.population],
        ['communes', ind.communes],
        ['lieux_publies', ind.venues.published],
        ['lieux_pour_10000_habitants', ind.venues.per_10000],
        ['couverture_5_km', ind.coverage_km['5']],
        ['couverture_10_km', ind.coverage_km['10']],
        ['couverture_20_km', ind.coverage_km['20']],
        ['zones_blanches', ind.white_zones.count],
        ['population_zones_blanches', ind.white_zones.population],
        ['parrainages_actifs', ind.sponsorships.active],
        ['jeunes_emplois_avenir', ind.sponsorships.emplois_avenir_youth],
        ['objectif_emplois_avenir', ind.sponsorships.target],
        ['appareils_donnes', ind.sponsorships.devices_donated],
        ['montant_fonds_eur', ind.sponsorships.amount_eur],
        ['part_mis_a_jour_12_mois', ind.freshness.updated_within_12_months],
      ]
    case 'venues_by_status':
      return [['statut', 'lieux'], ...Object.entries(ind.venues.by_status)]
    case 'coverage':
      return [
        ['distance_km', 'population_couverte', 'part'],
        ...(['5', '10', '20'] as const).map((k) => [k, ind.covered_population[k], ind.coverage_km[k]]),
      ]
    case 'white_zones':
      return [
        ['code_insee', 'nom', 'departement', 'population', 'distance_km', 'latitude', 'longitude'],
        ...ind.white_zones.communes.map((w) => [w.code_insee, w.nom, w.departement, w.population, w.distance_km, w.latitude, w.longitude]),
      ]
    case 'sponsorships':
      return [['type', 'parrainages_actifs'], ...Object.entries(ind.sponsorships.by_kind)]
    case 'labels':
      return [['label', 'nom', 'lieux'], ...Object.entries(ind.labels.active).map(([slug, n]) => [slug, ind.labels.names[slug] ?? slug, n])]
    case 'dispositifs':
      return [['dispositif', 'lieux'], ...Object.entries(ind.dispositifs)]
    case 'timeseries':
      return [['mois', 'lieux_publies'], ...ind.timeseries.map((t) => [t.month, t.published])]
  }
}

export function figureCsv(ind: Indicators, figure: Figure): string {
  return stringifySafeCsv(figureRows(ind, figure))
}

export function departementsCsv(rows: DepartementFigures[]): string {
  return stringifySafeCsv([
    [
      'departement',
      'population',
      'communes',
      'lieux_publies',
      'lieux_pour_10000_habitants',
      'couverture_5_km',
      'couverture_10_km',
      'couverture_20_km',
      'zones_blanches',
      'parrainages_actifs',
    ],
    ...rows.map((r) => [
      r.code,
      r.population,
      r.communes,
      r.published,
      r.per_10000,
      r.coverage_km['5'],
      r.coverage_km['10'],
      r.coverage_km['20'],
      r.white_zones,
      r.sponsorships_active,
    ]),
  ])
}
