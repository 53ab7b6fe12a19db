// Venues' needs as the API shows and accepts them (issue 16, item 2).
import { Type, type Static } from '@fastify/type-provider-typebox'
import { NEED_KINDS, NEED_STATUSES } from '../../domain/needs.ts'

const Nullable = <T extends ReturnType<typeof Type.String> | ReturnType<typeof Type.Integer> | ReturnType<typeof Type.Number>>(t: T) =>
  Type.Union([t, Type.Null()])

export const NeedSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    venue_id: Type.String({ format: 'uuid' }),
    venue_nom: Type.String(),
    venue_commune: Type.String(),
    venue_latitude: Nullable(Type.Number()),
    venue_longitude: Nullable(Type.Number()),
    kind: Type.String({ enum: [...NEED_KINDS] }),
    status: Type.String({ enum: [...NEED_STATUSES] }),
    description: Nullable(Type.String()),
    local_project: Nullable(Type.String({ description: 'emploi_avenir : le projet local qui accueillera le jeune' })),
    devices_count: Nullable(Type.Integer({ description: 'don_materiel : combien d’appareils' })),
    devices_kind: Nullable(Type.String({ description: 'don_materiel : quels appareils (ordinateurs portables, tablettes…)' })),
    amount_eur: Nullable(Type.Number({ description: 'fonds_solidarites_numeriques : montant recherché' })),
    skills: Nullable(Type.String({ description: 'mecenat : compétences recherchées' })),
    is_example: Type.Boolean({ description: 'Donnée de démonstration (« exemple fictif »)' }),
    met_by_sponsorship: Nullable(Type.String({ format: 'uuid' })),
    distance_m: Type.Optional(Nullable(Type.Number({ description: 'Distance géodésique depuis `near`, en mètres' }))),
    created_at: Type.String({ format: 'date-time' }),
    updated_at: Type.String({ format: 'date-time' }),
    closed_at: Nullable(Type.String({ format: 'date-time' })),
    version: Type.Integer({ description: 'Version du besoin (ETag `"id-vN"`, à renvoyer en If-Match)' }),
  },
  { additionalProperties: false },
)

const needFields = {
  description: Type.Union([Type.String({ maxLength: 2000 }), Type.Null()]),
  local_project: Type.Union([Type.String({ minLength: 1, maxLength: 2000 }), Type.Null()]),
  devices_count: Type.Union([Type.Integer({ minimum: 1, maximum: 100000 }), Type.Null()]),
  devices_kind: Type.Union([Type.String({ minLength: 1, maxLength: 200 }), Type.Null()]),
  amount_eur: Type.Union([Type.Number({ exclusiveMinimum: 0, maximum: 1e9 }), Type.Null()]),
  skills: Type.Union([Type.String({ minLength: 1, maxLength: 2000 }), Type.Null()]),
}

export const NeedCreateSchema = Type.Object(
  {
    kind: Type.String({ enum: [...NEED_KINDS] }),
    ...Object.fromEntries(Object.entries(needFields).map(([k, v]) => [k, Type.Optional(v)])),
  },
  {
    additionalProperties: false,
    description:
      'Champs propres à chaque type : emploi_avenir → local_project ; don_materiel → devices_count, devices_kind ; ' +
      'fonds_solidarites_numeriques → amount_eur, description ; mecenat → skills.',
    examples: [{ kind: 'don_materiel', devices_count: 8, devices_kind: 'ordinateurs portables' }],
  },
)
export type NeedCreate = Static<typeof NeedCreateSchema> & Partial<Record<keyof typeof needFields, unknown>>

export const NeedPatchSchema = Type.Object(
  {
    ...Object.fromEntries(Object.entries(needFields).map(([k, v]) => [k, Type.Optional(v)])),
    status: Type.Optional(Type.String({ enum: ['open', 'withdrawn'], description: '`withdrawn` retire le besoin ; `open` le rouvre' })),
  },
  { additionalProperties: false },
)

export const OfferSchema = Type.Object(
  {
    message: Type.Optional(Type.String({ maxLength: 2000, description: 'Ce que l’entreprise propose, en quelques mots' })),
    started_on: Type.Optional(Type.String({ format: 'date' })),
    refurbisher: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'don_materiel : structure qui reconditionne' })),
    sponsor_name: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'emploi_avenir : parrain dans l’entreprise' })),
  },
  { additionalProperties: false },
)
export type Offer = Static<typeof OfferSchema>
