// Schemas of the auth domain, declared once.
import { ROLES, USER_ROLES } from '../../domain/roles.ts'
import { TERRITORY_SOURCE } from '../../domain/territory.ts'
import { Type, type Static } from '@fastify/type-provider-typebox'

export const ROLE_VALUES = ROLES
export const Territories = Type.Array(Type.String({ pattern: TERRITORY_SOURCE }), {
  description: 'Territoires : `dep:33`, `reg:75` ou `fr` (ignoré pour un administrateur)',
  examples: [['dep:33']],
})

export const CallerSchema = Type.Object({
  id: Type.String(),
  kind: Type.String({ enum: ['apikey', 'session'] }),
  // Keys carry a ROLES value, accounts a USER_ROLES one (which adds the committees' representatives).
  role: Type.String({ enum: [...new Set<string>([...ROLE_VALUES, ...USER_ROLES])] }),
  territories: Type.Array(Type.String()),
  label: Type.String(),
  company_id: Type.Optional(Type.Union([Type.String(), Type.Null()], { description: 'Entreprise représentée (rôle company)' })),
})

export const LoginBody = Type.Object(
  {
    email: Type.String({ minLength: 3, maxLength: 320, examples: ['curatrice@example.fr'] }),
    password: Type.String({ minLength: 1, maxLength: 1000 }),
    otp: Type.Optional(
      Type.String({ pattern: '^\\d{6}$', description: 'Code TOTP à 6 chiffres, si le compte a activé la vérification en deux étapes' }),
    ),
  },
  { additionalProperties: false },
)
export type LoginBody = Static<typeof LoginBody>

export const SessionSchema = Type.Object({
  caller: CallerSchema,
  csrf_token: Type.String({ description: 'À renvoyer dans l’en-tête `x-csrf-token` à chaque écriture' }),
})

export const UserSchema = Type.Object({
  id: Type.String(),
  email: Type.String(),
  role: Type.String({ enum: [...USER_ROLES] }),
  territories: Type.Array(Type.String()),
  company_id: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  failed_logins: Type.Integer(),
  locked_until: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  disabled_at: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  created_at: Type.String({ format: 'date-time' }),
})

export const NewUserBody = Type.Object(
  {
    email: Type.String({ format: 'email', maxLength: 320 }),
    password: Type.String({ minLength: 12, maxLength: 1000, description: 'Au moins 12 caractères' }),
    role: Type.String({ enum: [...USER_ROLES] }),
    territories: Type.Optional(Territories),
    company_id: Type.Optional(Type.String({ format: 'uuid', description: 'Obligatoire pour le rôle company : l’entreprise représentée' })),
  },
  { additionalProperties: false },
)

export const UserPatchBody = Type.Object(
  {
    disabled: Type.Optional(Type.Boolean()),
    password: Type.Optional(Type.String({ minLength: 12, maxLength: 1000 })),
    role: Type.Optional(Type.String({ enum: [...USER_ROLES] })),
    territories: Type.Optional(Territories),
    totp: Type.Optional(Type.Literal(false, { description: '`false` retire la vérification en deux étapes (téléphone perdu)' })),
  },
  { additionalProperties: false },
)

export const TotpCodeBody = Type.Object(
  { code: Type.String({ pattern: '^\\d{6}$', description: 'Code à 6 chiffres de l’application' }) },
  { additionalProperties: false },
)

export const ApiKeySchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  prefix: Type.String(),
  role: Type.String({ enum: [...ROLE_VALUES] }),
  territories: Type.Array(Type.String()),
  created_by: Type.String(),
  created_at: Type.String({ format: 'date-time' }),
  sources: Type.Array(Type.String(), { description: 'Sources (producteurs) auxquelles la clé est liée ; vide : aucune' }),
  last_used_at: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  revoked_at: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
})
export const NewApiKeyBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200, examples: ['Gironde numérique'] }),
    role: Type.String({ enum: [...ROLE_VALUES] }),
    territories: Type.Optional(Territories),
    sources: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 200 }), {
        maxItems: 20,
        description: 'Sources (producteurs) que la clé peut importer ; une clé de collectivité sans source ne peut pas importer',
      }),
    ),
  },
  { additionalProperties: false },
)
// One object (not an intersection of two closed objects, which no answer can satisfy: each forbids the other's fields).
export const CreatedApiKeySchema = Type.Object(
  {
    ...ApiKeySchema.properties,
    key: Type.String({ description: 'La clé complète, affichée cette seule fois' }),
  },
  { additionalProperties: false },
)

export const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) })
