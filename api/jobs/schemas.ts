// Job offers as the API shows and accepts them.
import { Type } from '@fastify/type-provider-typebox'
import { CONTRACT_TYPES } from '../../domain/committees.ts'

const Insee = Type.String({ pattern: '^([013-9]\\d|2[AB1-9])\\d{3}$', description: 'Code INSEE de la commune', examples: ['33063'] })

export const OfferSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    company_id: Type.String({ format: 'uuid' }),
    entreprise: Type.String({ description: 'Entreprise adhérente qui publie l’offre' }),
    titre: Type.String(),
    type_contrat: Type.String({ enum: [...CONTRACT_TYPES] }),
    code_insee: Type.String(),
    commune: Type.String(),
    departement: Type.String(),
    latitude: Type.Number({ description: 'Centre de la commune' }),
    longitude: Type.Number(),
    url: Type.String({ description: 'Où postuler' }),
    date_cloture: Type.String({ format: 'date', description: 'Dernier jour de candidature (inclus) ; l’offre disparaît ensuite' }),
    ouverte: Type.Boolean(),
    distance_m: Type.Union([Type.Integer(), Type.Null()], { description: 'Distance au point demandé (mètres)' }),
    version: Type.Integer(),
    archived_at: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    created_at: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
)

const fields = {
  titre: Type.String({ minLength: 1, maxLength: 200 }),
  type_contrat: Type.String({ enum: [...CONTRACT_TYPES] }),
  code_insee: Insee,
  url: Type.String({ pattern: '^https?://\\S+$', maxLength: 2000, description: 'Adresse http(s) de l’offre' }),
  date_cloture: Type.String({ format: 'date' }),
}

export const OfferCreateSchema = Type.Object(
  {
    company_id: Type.Optional(
      Type.String({ format: 'uuid', description: 'Obligatoire sauf pour un compte entreprise (sa propre entreprise)' }),
    ),
    ...fields,
  },
  { additionalProperties: false },
)
export const OfferPatchSchema = Type.Partial(Type.Object(fields), { additionalProperties: false })

export const OfferQuery = Type.Object(
  {
    near: Type.Optional(
      Type.String({ description: 'Point « latitude,longitude » : les plus proches d’abord', examples: ['44.8378,-0.5792'] }),
    ),
    commune: Type.Optional(Insee),
    radius: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 1_000_000, description: 'Rayon en mètres autour du point ou de la commune' }),
    ),
    company_id: Type.Optional(Type.String({ format: 'uuid' })),
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
    offset: Type.Integer({ minimum: 0, maximum: 100_000, default: 0 }),
  },
  { additionalProperties: false },
)
