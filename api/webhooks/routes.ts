// Admins register webhook subscribers, read their delivery log and ask for a redelivery.
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { encryptSecret } from '../../db/webhooks/secret-box.ts'
import {
  deactivateSubscription,
  findSubscription,
  insertSubscription,
  listDeliveries,
  listSubscriptions,
  redeliver,
} from '../../db/webhooks/repository.ts'
import { callerOf } from '../plugins/caller.ts'
import { ProblemSchema } from '../plugins/problem-schema.ts'
import { HttpProblem } from '../plugins/problem.ts'
import { DeliveriesQuery, DeliveryParams, DeliverySchema, NewWebhookBody, WebhookParams, WebhookSchema } from './schemas.ts'

const admin = { access: { roles: ['admin' as const] } }
const security: Record<string, string[]>[] = [{ apiKey: [] }, { session: [] }]
const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema }

function iso<T extends Record<string, unknown>>(row: T) {
  return Object.fromEntries(
    Object.entries(row).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : typeof v === 'bigint' ? String(v) : v]),
  ) as never
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const notFound = () => new HttpProblem(404, 'Aucun abonné webhook ne porte cet identifiant.')

  app.get(
    '/api/v1/admin/webhooks',
    {
      config: admin,
      schema: {
        tags: ['webhooks'],
        summary: 'Lister les abonnés webhook',
        description: 'Jamais les secrets.',
        security,
        response: { 200: Type.Object({ items: Type.Array(WebhookSchema) }), ...errors },
      },
    },
    async () => ({ items: (await listSubscriptions(app.db)).map(iso) }),
  )

  app.post(
    '/api/v1/admin/webhooks',
    {
      config: admin,
      schema: {
        tags: ['webhooks'],
        summary: 'Abonner une adresse aux changements',
        description:
          'Chaque changement publié après l’abonnement (dans les territoires donnés) est envoyé en POST, signé : ' +
          '`X-Maillage-Signature: sha256=HMAC-SHA256(secret, X-Maillage-Timestamp + "." + corps)` en hexadécimal, avec ' +
          '`X-Maillage-Delivery`. ' +
          'Un échec est retenté (attente doublée à chaque fois) pendant 24 h ; les changements d’un même lieu arrivent dans l’ordre.',
        security,
        body: NewWebhookBody,
        response: { 201: WebhookSchema, ...errors },
      },
    },
    async (request, reply) => {
      const b = request.body
      const row = await insertSubscription(app.db, {
        url: b.url,
        secretEncrypted: encryptSecret(app.webhooks.key, b.secret),
        territories: b.territories ?? [],
        description: b.description ?? '',
        createdBy: callerOf(request).label,
      })
      return reply.code(201).send(iso(row))
    },
  )

  app.delete(
    '/api/v1/admin/webhooks/:id',
    {
      config: admin,
      schema: {
        tags: ['webhooks'],
        summary: 'Désactiver un abonné webhook',
        description: 'Plus aucun envoi ; le journal est conservé.',
        security,
        params: WebhookParams,
        response: { 200: WebhookSchema, ...errors },
      },
    },
    async (request) => {
      const row = await deactivateSubscription(app.db, request.params.id)
      if (!row) throw notFound()
      return iso(row)
    },
  )

  app.get(
    '/api/v1/admin/webhooks/:id/deliveries',
    {
      config: admin,
      schema: {
        tags: ['webhooks'],
        summary: 'Journal des envois d’un abonné',
        description: 'Les envois les plus récents d’abord : état, tentatives, dernier statut HTTP ou erreur.',
        security,
        params: WebhookParams,
        querystring: DeliveriesQuery,
        response: { 200: Type.Object({ items: Type.Array(DeliverySchema) }), ...errors },
      },
    },
    async (request) => {
      if (!(await findSubscription(app.db, request.params.id))) throw notFound()
      return { items: (await listDeliveries(app.db, request.params.id, request.query.limit ?? 100)).map(iso) }
    },
  )

  app.post(
    '/api/v1/admin/webhooks/:id/deliveries/:delivery/redeliver',
    {
      config: admin,
      schema: {
        tags: ['webhooks'],
        summary: 'Renvoyer un envoi',
        description: 'Remet l’envoi en file tout de suite, avec 24 h de nouvelles tentatives.',
        security,
        params: DeliveryParams,
        response: { 202: Type.Object({ id: Type.String(), status: Type.String() }), ...errors },
      },
    },
    async (request, reply) => {
      const row = await redeliver(app.db, request.params.id, request.params.delivery)
      if (!row) throw new HttpProblem(404, 'Aucun envoi ne porte cet identifiant pour cet abonné.')
      return reply.code(202).send(row)
    },
  )
}
export default routes
