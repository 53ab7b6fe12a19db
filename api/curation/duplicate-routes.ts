// Likely duplicates: the review queue, detection on demand, merge (survivor keeps everything) and dismiss.
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { type findDuplicate, listDuplicates } from '../../db/curation/duplicates.ts'
import { findVenue } from '../../db/curation/history.ts'
import { cancelJob, duplicateJobRunner, jobOrThrow, latestJobOrThrow } from '../../services/curation/duplicate-job.ts'
import { dismissPair, mergePair } from '../../services/curation/duplicates.ts'
import { callerOf } from '../plugins/caller.ts'
import { ProblemSchema } from '../plugins/problem-schema.ts'
import { DuplicateJobSchema, DuplicateSchema, NumericIdParams, serializeJob } from './schemas.ts'
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
  const runner = duplicateJobRunner(app.db)
  // A run still going when the app closes stops at its next batch (marked cancelled), before the pool closes.
  app.addHook('onClose', () => runner.close())

  app.get(
    '/api/v1/duplicates',
    {
      config: moderators,
      schema: {
        tags: ['contribution'],
        summary: 'Doublons probables à examiner',
        description:
          'Paires classées par score décroissant (0 à 1), avec les raisons du score : noms proches, distance, même ' +
          'adresse normalisée, même téléphone, même courriel, même SIRET (jamais suffisant seul : sans même lieu, les ' +
          'autres signes comptent peu). Curateurs : paires dont un lieu est dans leur territoire.',
        security,
        querystring: Type.Object(
          {
            status: Type.String({ enum: ['pending', 'merged', 'dismissed'], default: 'pending' }),
            limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
            after: Type.Optional(
              Type.Integer({ minimum: 0, description: 'Dernier id de la page précédente (l’ordre est celui du score)' }),
            ),
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
        summary: 'Lancer la recherche des doublons probables',
        description:
          'Démarre en arrière-plan le parcours des lieux publiés (du territoire pour un curateur) : la réponse (202) ' +
          'donne la recherche, dont on suit l’avancement sur `GET /api/v1/duplicates/jobs/{id}`. Une seule recherche à ' +
          'la fois : si une est en cours, elle est renvoyée (`started: false`). Les écritures par l’API et les imports ' +
          'détectent déjà les doublons des lieux touchés.',
        security,
        response: { 202: Type.Object({ started: Type.Boolean(), job: DuplicateJobSchema }), ...errors },
      },
    },
    async (request, reply) => {
      const { job, started } = await runner.start(callerOf(request))
      reply.code(202)
      return { started, job: serializeJob(job) }
    },
  )

  app.get(
    '/api/v1/duplicates/jobs/latest',
    {
      config: moderators,
      schema: {
        tags: ['contribution'],
        summary: 'Dernière recherche de doublons',
        description: 'La recherche en cours ou la dernière terminée (404 si aucune n’a jamais été lancée).',
        security,
        response: { 200: DuplicateJobSchema, ...errors },
      },
    },
    async () => serializeJob(await latestJobOrThrow(app.db)),
  )

  app.get(
    '/api/v1/duplicates/jobs/:id',
    {
      config: moderators,
      schema: {
        tags: ['contribution'],
        summary: 'Avancement d’une recherche de doublons',
        description: 'Lieux parcourus sur le total, paires nouvelles, état (`running`, `done`, `cancelled`, `failed`).',
        security,
        params: NumericIdParams,
        response: { 200: DuplicateJobSchema, ...errors },
      },
    },
    async (request) => serializeJob(await jobOrThrow(app.db, request.params.id)),
  )

  app.post(
    '/api/v1/duplicates/jobs/:id/cancel',
    {
      config: moderators,
      schema: {
        tags: ['contribution'],
        summary: 'Arrêter une recherche de doublons',
        description: 'La recherche s’arrête au lot suivant ; les paires déjà trouvées restent dans la liste.',
        security,
        params: NumericIdParams,
        response: { 200: DuplicateJobSchema, 409: ProblemSchema, ...errors },
      },
    },
    async (request) => serializeJob(await cancelJob(app.db, request.params.id, callerOf(request))),
  )

  app.post(
    '/api/v1/duplicates/:id/merge',
    {
      config: moderators,
      schema: {
        tags: ['contribution'],
        summary: 'Fusionner deux doublons',
        description:
          'Le survivant garde l’union des listes, complète ses champs vides et note la provenance dans son historique ; ' +
          'l’autre est archivé avec `merged_into` (son ancienne adresse renvoie vers le survivant). Les deux lieux ' +
          'doivent être dans votre territoire.',
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
