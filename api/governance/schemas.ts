// The indicators' payload (DESIGN.md shape, extended), declared once.
import { TERRITORY_SOURCE } from '../../domain/territory.ts'
import { Type } from '@fastify/type-provider-typebox'
import { FIGURES } from './csv.ts'

const Share = Type.Number({ minimum: 0, maximum: 1 })
const Shares = Type.Object({ 5: Share, 10: Share, 20: Share })
const Counts = Type.Record(Type.String(), Type.Integer())

export const TerritoryQuery = Type.Object(
  {
    territory: Type.String({
      default: 'fr',
      pattern: TERRITORY_SOURCE,
      description: '`fr`, `reg:75` (région) ou `dep:33` (département)',
      examples: ['dep:33'],
    }),
    year: Type.Optional(
      Type.Integer({
        minimum: 2000,
        maximum: 2100,
        description: 'État au 31 décembre de cette année (reconstitué depuis l’historique des fiches)',
      }),
    ),
    format: Type.String({ enum: ['json', 'csv'], default: 'json' }),
    figure: Type.String({ enum: [...FIGURES], default: 'summary', description: 'Avec `format=csv` : le tableau à télécharger' }),
  },
  { additionalProperties: false },
)

export const IndicatorsSchema = Type.Object({
  territory: Type.String(),
  year: Type.Union([Type.Integer(), Type.Null()]),
  as_of: Type.String({ format: 'date' }),
  population: Type.Integer(),
  communes: Type.Integer(),
  venues: Type.Object({ published: Type.Integer(), per_10000: Type.Number(), by_status: Counts }),
  coverage_km: Shares,
  covered_population: Type.Object({ 5: Type.Integer(), 10: Type.Integer(), 20: Type.Integer() }),
  white_zones: Type.Object({
    count: Type.Integer(),
    population: Type.Integer(),
    communes: Type.Array(
      Type.Object({
        code_insee: Type.String(),
        nom: Type.String(),
        departement: Type.String(),
        population: Type.Integer(),
        latitude: Type.Number(),
        longitude: Type.Number(),
        distance_km: Type.Union([Type.Number(), Type.Null()]),
      }),
    ),
  }),
  sponsorships: Type.Object({
    by_kind: Counts,
    active: Type.Integer(),
    companies: Type.Integer(),
    venues_sponsored: Type.Integer(),
    emplois_avenir_youth: Type.Integer(),
    emplois_avenir_outcomes: Type.Record(Type.String(), Type.Integer(), {
      description: 'Jeunes dont l’emploi d’avenir est arrivé à terme, par devenir (agrégé ; `a_renseigner` : non encore saisi)',
    }),
    target: Type.Integer(),
    target_share: Type.Number(),
    devices_donated: Type.Integer(),
    amount_eur: Type.Number(),
  }),
  needs: Type.Object(
    {
      open_by_kind: Counts,
      open: Type.Integer(),
      devices_requested: Type.Integer({ description: 'Appareils demandés par les besoins ouverts des lieux' }),
      devices_needs_met: Type.Integer({ description: 'Besoins de matériel satisfaits par un parrainage' }),
    },
    { description: 'Besoins déclarés par les lieux (« Lieux qui cherchent un parrain »)' },
  ),
  labels: Type.Object({ active: Counts, names: Type.Record(Type.String(), Type.String()) }),
  dispositifs: Counts,
  freshness: Type.Object({ updated_within_12_months: Share, published: Type.Integer(), updated: Type.Integer() }),
  timeseries: Type.Array(Type.Object({ month: Type.String({ pattern: '^\\d{4}-\\d{2}$' }), published: Type.Integer() }), {
    description: 'Lieux publiés en fin de mois, à partir du mois du premier import (`data_collection.first_import`)',
  }),
  data_collection: Type.Object(
    {
      departements: Type.Array(Type.String(), {
        description: 'Départements du territoire où un producteur territorial a chargé des lieux',
      }),
      departements_total: Type.Integer(),
      population: Type.Integer({ description: 'Population de ces départements' }),
      population_share: Share,
      coverage_km: Type.Object(
        { 5: Share, 10: Share, 20: Share },
        { description: 'Couverture de la seule population des départements où des données sont collectées' },
      ),
      first_import: Type.Union([Type.String({ format: 'date' }), Type.Null()], {
        description: 'Jour du premier import : début des séries',
      }),
      history: Type.Boolean({ description: 'Faux pour une année écoulée avant le premier import : aucun historique' }),
    },
    {
      description:
        'Où des données de producteurs existent : les zones blanches ne sont cherchées que là ; ailleurs, « données ' +
        'non encore collectées ».',
    },
  ),
})

export const DepartementsSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      code: Type.String(),
      population: Type.Integer(),
      communes: Type.Integer(),
      published: Type.Integer(),
      per_10000: Type.Number(),
      coverage_km: Shares,
      white_zones: Type.Integer(),
      collected: Type.Boolean({ description: 'Des lieux d’un producteur territorial sont chargés dans ce département' }),
      sponsorships_active: Type.Integer(),
    }),
  ),
})
