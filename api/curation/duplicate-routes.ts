// Likely duplicates: the review queue, detection on demand, merge (survivor keeps everything) and dismiss.
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { type findDuplicate, listDuplicates } from '../../db/curation/duplicates.ts'
import { findVenue } from '../../db/curation/history.ts'
import { detectPairs, dismissPair, mergePair } from '../../services/curation/duplicates.ts'
import { callerOf } from '../plugins/caller.ts'
import { ProblemSchema } from '../plugins/problem-schema.ts'
import { DuplicateSchema, NumericIdParams } from './schemas.ts'
import { venueResponse } from '../venues/serialize.ts'

const moderators = { access: { roles: ['curator' as const, 'admin' as const] } }
const security: Record<string, string[]>[] = [{ apiKey: [] }, { session: [] }]
const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema }

type DuplicateRow = NonNullable<Awaited<ReturnType<typeof findDuplicate>>>
function serialize(d: DuplicateRow) {
  const iso = (v: Date | string | null) => (v === null ? null : new Date(v).toISOString())
  return { ...d, created_at: iso(d.created_at)!, resolved_at: iso(d.resolved_at) }
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/v1/duplicates',
    {
      config: moderators,
      schema: {
        tags: ['contribution'],
        summary: 'Doublons probables à examiner',
        description:
          'Paires détectées : même SIRET (`pivot`) dans la même commune, ou à moins de 100 m avec des noms proches (similarité trigramme ≥ 0,45). Curateurs : paires dont un lieu est dans leur territoire.',
        security,
        querystring: Type.Object(
          {
            status: Type.String({ enum: ['pending', 'merged', 'dismissed'], default: 'pending' }),
            limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
            after: Type.Optional(Type.Integer({ minimum: 0, description: 'Dernier id de la page précédente' })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ items: Type.Array(DuplicateSchema), next_after: Type.Union([Type.Integer(), Type.Null()]) }),
          ...errors,
        },
      },
    },
    async (request) => {
      const caller = callerOf(request)
      const { status, limit, after } = request.query
      const rows = await listDuplicates(app.db, status, caller.role === 'admin' ? null : caller.territories, limit, after ?? null)
      const page = rows.slice(0, limit)
      const items = []
      for (const d of page) {
        const venues = await Promise.all([findVenue(app.db, d.venue_a), findVenue(app.db, d.venue_b)])
        items.push({ ...serialize(d), venues: venues.filter((v) => !!v).map((v) => venueResponse(v!)) })
      }
      return { items, next_after: rows.length > limit ? page[page.length - 1].id : null }
    },
  )

  app.post(
    '/api/v1/duplicates/detect',
    {
      config: moderators,
      schema: {
        tags: ['contribution'],
        summary: 'Rechercher les doublons probables',
        description:
          'Parcourt les lieux publiés (du territoire pour un curateur) et met en file les nouvelles paires. Les écritures par l’API et les imports le font déjà pour les lieux touchés.',
        security,
        response: { 200: Type.Object({ queued: Type.Integer() }), ...errors },
      },
    },
    async (request) => {
      const queued = await detectPairs(app.db, callerOf(request))
      return { queued }
    },
  )

  app.post(
    '/api/v1/duplicates/:id/merge',
    {
      config: moderators,
      schema: {
        tags: ['contribution'],
        summary: 'Fusionner deux doublons',
        description:
          'Le survivant garde l’union des listes, complète ses champs vides et note la provenance dans son historique ; l’autre est archivé avec `merged_into` (son ancienne adresse renvoie vers le survivant). Les deux lieux doivent être dans votre territoire.',
        security,
        params: NumericIdParams,
        body: Type.Object(
          { survivor: Type.String({ format: 'uuid', description: 'Le lieu conservé (un des deux)' }) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ duplicate: DuplicateSchema, survivor: Type.Record(Type.String(), Type.Unknown()) }),
          409: ProblemSchema,
          ...errors,
        },
      },
    },
    async (request) => {
      const { duplicate, survivor } = await mergePair(app.db, request.params.id, request.body.survivor, callerOf(request))
      return { duplicate: serialize(duplicate), survivor: venueResponse(survivor) }
    },
  )

  app.post(
    '/api/v1/duplicates/:id/dismiss',
    {
      config: moderators,
      schema: {
        tags: ['contribution'],
        summary: 'Écarter un faux doublon',
        description: 'La paire ne sera plus proposée.',
        security,
        params: NumericIdParams,
        body: Type.Optional(Type.Object({ reason: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false })),
        response: { 200: DuplicateSchema, 409: ProblemSchema, ...errors },
      },
    },
    async (request) => {
      const row = await dismissPair(app.db, request.params.id, callerOf(request), request.body?.reason ?? null)
      return serialize(row)
    },
  )
}
export default routes
