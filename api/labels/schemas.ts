// Schemas of the labels domain, declared once.
import { Type } from '@fastify/type-provider-typebox'

const DateString = Type.String({ format: 'date', examples: ['2026-01-15'] })
const StandardField = Type.Union([Type.String({ enum: ['dispositif_programmes_nationaux', 'formations_labels'] }), Type.Null()])

export const LabelSchema = Type.Object({
  id: Type.Integer(),
  slug: Type.String(),
  nom: Type.String(),
  issuer: Type.String(),
  criteria: Type.String(),
  logo_url: Type.Union([Type.String(), Type.Null()]),
  default_validity_months: Type.Union([Type.Integer(), Type.Null()]),
  standard_field: Type.Union([Type.String(), Type.Null()]),
  standard_value: Type.Union([Type.String(), Type.Null()]),
  created_at: Type.String(),
  active_awards: Type.Optional(Type.Integer()),
})

export const LabelBody = Type.Object(
  {
    slug: Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 80, examples: ['netpublic-epn'] }),
    nom: Type.String({ minLength: 1, maxLength: 200 }),
    issuer: Type.Optional(Type.String({ maxLength: 200 })),
    criteria: Type.Optional(Type.String({ maxLength: 4000 })),
    logo_url: Type.Optional(Type.Union([Type.String({ format: 'uri', maxLength: 1000 }), Type.Null()])),
    default_validity_months: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 240 }), Type.Null()])),
    standard_field: Type.Optional(StandardField),
    standard_value: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
  },
  { additionalProperties: false },
)

export const LabelPatchBody = Type.Partial(Type.Omit(LabelBody, ['slug']), { additionalProperties: false })

export const VenueParams = Type.Object({ id: Type.String({ format: 'uuid' }) })
export const AwardParams = Type.Object({ id: Type.String({ format: 'uuid' }), award_id: Type.Integer({ minimum: 1 }) })

export const AwardSchema = Type.Object({
  id: Type.Integer(),
  venue_id: Type.String(),
  label_id: Type.Integer(),
  slug: Type.String(),
  nom: Type.String(),
  issuer: Type.String(),
  granted_on: Type.String(),
  expires_on: Type.Union([Type.String(), Type.Null()]),
  revoked_on: Type.Union([Type.String(), Type.Null()]),
  revoked_reason: Type.Union([Type.String(), Type.Null()]),
  revoked_by: Type.Union([Type.String(), Type.Null()]),
  evidence: Type.Union([Type.String(), Type.Null()]),
  created_by: Type.String(),
  created_at: Type.String(),
  state: Type.String({ enum: ['active', 'upcoming', 'expired', 'revoked'] }),
})

export const AwardBody = Type.Object(
  {
    label_id: Type.Integer({ minimum: 1 }),
    granted_on: Type.Optional(DateString),
    expires_on: Type.Optional(Type.Union([DateString, Type.Null()])),
    evidence: Type.Optional(Type.String({ maxLength: 2000, description: 'Justificatif : lien vers la décision, numéro de convention…' })),
  },
  { additionalProperties: false },
)

export const RenewBody = Type.Object(
  {
    expires_on: Type.Optional(Type.Union([DateString, Type.Null()])),
    evidence: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
)

export const RevokeBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 2000 }) }, { additionalProperties: false })
