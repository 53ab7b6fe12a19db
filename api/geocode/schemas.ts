import { DEPARTEMENT_PATTERN } from '../../domain/territory.ts'
import { Type, type Static } from '@fastify/type-provider-typebox'

export const GeocodeQuery = Type.Object(
  {
    q: Type.String({
      minLength: 1,
      maxLength: 200,
      description: 'Code postal, nom de commune ou adresse (accents, tirets, « St » indifférents)',
      examples: ['33700', 'merignac', 'St-Étienne'],
    }),
    limit: Type.Integer({ minimum: 1, maximum: 50, default: 10, description: 'Nombre de résultats (1 à 50)' }),
    departement: Type.Optional(
      Type.String({ pattern: DEPARTEMENT_PATTERN.source, description: 'Restreindre les communes à un département' }),
    ),
  },
  { additionalProperties: false },
)

export const GeocodeItem = Type.Object({
  label: Type.String({ examples: ['Mérignac (33700)'] }),
  type: Type.String({ description: '`municipality` (commune), `postcode`, ou le type de l’adresse (`housenumber`, `street`, …)' }),
  code_insee: Type.Union([Type.String(), Type.Null()]),
  code_postal: Type.Union([Type.String(), Type.Null()]),
  commune: Type.Union([Type.String(), Type.Null()]),
  latitude: Type.Number(),
  longitude: Type.Number(),
  population: Type.Optional(Type.Integer()),
  score: Type.Optional(Type.Number()),
})
export type GeocodeItem = Static<typeof GeocodeItem>

export const GeocodeResponse = Type.Object(
  { items: Type.Array(GeocodeItem) },
  {
    examples: [
      {
        items: [
          {
            label: 'Mérignac (33700)',
            type: 'postcode',
            code_insee: '33281',
            code_postal: '33700',
            commune: 'Mérignac',
            latitude: 44.8386,
            longitude: -0.6436,
            population: 72000,
          },
        ],
      },
    ],
  },
)
