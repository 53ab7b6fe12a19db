// Schemas of the webhooks administration.
import { Type } from '@fastify/type-provider-typebox'

const Territories = Type.Array(Type.String({ pattern: '^(dep:(\\d{2}|2[AB]|97\\d|98\\d)|reg:\\d{2})$' }), {
  maxItems: 50,
  description: 'Ne recevoir que les changements de ces territoires (`dep:33`, `reg:75`) ; vide : toute la France',
  examples: [['dep:33']],
})

export const NewWebhookBody = Type.Object(
  {
    url: Type.String({
      format: 'uri',
      pattern: '^https?://',
      maxLength: 2000,
      description: 'Adresse qui recevra les changements (POST JSON)',
      examples: ['https://exemple.fr/maillage/webhook'],
    }),
    secret: Type.String({
      minLength: 16,
      maxLength: 200,
      description: 'Secret partagé qui signe chaque envoi (HMAC-SHA256) ; jamais réaffiché',
    }),
    territories: Type.Optional(Territories),
    description: Type.Optional(Type.String({ maxLength: 500 })),
  },
  {
    additionalProperties: false,
    examples: [{ url: 'https://exemple.fr/maillage/webhook', secret: 'un-secret-long-et-aleatoire', territories: ['dep:33'] }],
  },
)

export const WebhookSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  url: Type.String(),
  territories: Type.Array(Type.String()),
  description: Type.String(),
  active: Type.Boolean(),
  cursor: Type.String({ description: 'Dernier changement du flux mis en file pour cet abonné' }),
  created_by: Type.String(),
  created_at: Type.String({ format: 'date-time' }),
})

const NullableString = Type.Union([Type.String(), Type.Null()])
export const DeliverySchema = Type.Object({
  id: Type.String({ format: 'uuid', description: 'Identifiant de l’envoi (en-tête `X-Maillage-Delivery`)' }),
  change_seq: Type.String(),
  venue_id: Type.String({ format: 'uuid' }),
  kind: Type.String(),
  status: Type.Union([Type.Literal('pending'), Type.Literal('delivered'), Type.Literal('failed')]),
  attempts: Type.Integer(),
  next_attempt_at: Type.String({ format: 'date-time' }),
  give_up_at: Type.String({ format: 'date-time' }),
  last_status: Type.Union([Type.Integer(), Type.Null()]),
  last_error: NullableString,
  created_at: Type.String({ format: 'date-time' }),
  delivered_at: NullableString,
})

export const WebhookParams = Type.Object({ id: Type.String({ format: 'uuid' }) })
export const DeliveryParams = Type.Object({ id: Type.String({ format: 'uuid' }), delivery: Type.String({ format: 'uuid' }) })
export const DeliveriesQuery = Type.Object(
  { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })) },
  { additionalProperties: false },
)
