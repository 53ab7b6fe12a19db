// /api/v1/admin/sources: the harvested sources (URL, period, policy) with their last runs and failures, for /admin.
// Adding a source changes no venue (its first run is scheduled); runs go through `maillage harvest` or the timer.
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { appendAudit } from '../../db/audit.ts'
import {
  listHarvestRuns,
  listHarvestSources,
  upsertHarvestSource,
  type HarvestRun,
  type HarvestSource,
} from '../../db/sync/harvest-store.ts'
import { parseEvery } from '../../db/sync/harvest.ts'
import { callerOf } from '../plugins/caller.ts'
import { ProblemSchema } from '../plugins/problem-schema.ts'
import { HttpProblem } from '../plugins/problem.ts'

const security: Record<string, string[]>[] = [{ apiKey: [] }, { session: [] }]
const admins = { access: { roles: ['admin' as const] } }
const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema }
const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString())

const RunSchema = Type.Object({
  id: Type.String(),
  started_at: Type.String(),
  finished_at: Type.Union([Type.String(), Type.Null()]),
  outcome: Type.String({ enum: ['applied', 'not_modified', 'failed', 'submitted'] }),
  http_status: Type.Union([Type.Integer(), Type.Null()]),
  bytes: Type.Integer(),
  totals: Type.Record(Type.String(), Type.Integer()),
  error: Type.Union([Type.String(), Type.Null()]),
  rejected: Type.Array(Type.Unknown()),
})
const SourceSchema = Type.Object({
  name: Type.String(),
  url: Type.String(),
  every_seconds: Type.Integer(),
  absent: Type.String({ enum: ['keep', 'archive'] }),
  etag: Type.Union([Type.String(), Type.Null()]),
  last_modified: Type.Union([Type.String(), Type.Null()]),
  next_run_at: Type.String(),
  last_run: Type.Union([RunSchema, Type.Null()]),
  last_failure: Type.Union([RunSchema, Type.Null()]),
})

function run(r: HarvestRun) {
  return {
    id: r.id,
    started_at: iso(r.started_at)!,
    finished_at: iso(r.finished_at),
    outcome: r.outcome,
    http_status: r.http_status,
    bytes: r.bytes,
    totals: r.totals as Record<string, number>,
    error: r.error,
    rejected: r.rejected as unknown[],
  }
}
function source(s: HarvestSource, lastRun: HarvestRun | null, lastFailure: HarvestRun | null) {
  return {
    name: s.name,
    url: s.url,
    every_seconds: s.every_seconds,
    absent: s.absent,
    etag: s.etag,
    last_modified: s.last_modified,
    next_run_at: iso(s.next_run_at)!,
    last_run: lastRun && run(lastRun),
    last_failure: lastFailure && run(lastFailure),
  }
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/v1/admin/sources',
    {
      config: admins,
      schema: {
        tags: ['contribution'],
        summary: 'Sources moissonnées',
        description: 'Chaque source avec son URL, sa période, sa politique, son dernier passage et son dernier échec.',
        security,
        response: { 200: Type.Object({ items: Type.Array(SourceSchema) }), ...errors },
      },
    },
    async () => ({ items: (await listHarvestSources(app.db)).map((s) => source(s, s.last_run, s.last_failure)) }),
  )

  app.post(
    '/api/v1/admin/sources',
    {
      config: admins,
      schema: {
        tags: ['contribution'],
        summary: 'Ajouter (ou modifier) une source moissonnée',
        security,
        description:
          'Le fichier publié à `url` (CSV ou JSON du standard) est récupéré tous les `every` (ex. 24h, 30m, 7d ; au ' +
          'moins 1 minute) avec un GET conditionnel, puis synchronisé. Premier passage : au prochain tour du moissonneur.',
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 200 }),
            url: Type.String({ minLength: 8, maxLength: 2000, description: 'Adresse http(s) du fichier' }),
            every: Type.String({ default: '24h', maxLength: 20 }),
            absent: Type.String({ enum: ['keep', 'archive'], default: 'keep' }),
          },
          { additionalProperties: false },
        ),
        response: { 201: SourceSchema, ...errors },
      },
    },
    async (request, reply) => {
      const caller = callerOf(request)
      const { name, url, every, absent } = request.body
      if (!/^https?:\/\//i.test(url) || !URL.canParse(url))
        throw new HttpProblem(400, 'Adresse invalide : une URL http(s) est attendue.', {
          errors: [{ field: 'url', message: 'URL http(s) attendue' }],
        })
      const everySeconds = parseEvery(every)
      if (everySeconds === null)
        throw new HttpProblem(400, 'Période invalide : par exemple 24h, 30m ou 7d (au moins 1 minute).', {
          errors: [{ field: 'every', message: 'période attendue : 24h, 30m, 7d…' }],
        })
      const saved = await upsertHarvestSource(app.db, {
        name,
        url,
        everySeconds,
        absent: absent as 'keep' | 'archive',
        createdBy: caller.label,
      })
      await appendAudit(app.db, {
        actor: caller.label,
        action: 'source.harvest.set',
        entity: 'source',
        entity_id: null,
        detail: { name, url, every_seconds: everySeconds, absent },
      })
      return reply.code(201).send(source(saved, null, null))
    },
  )

  app.get(
    '/api/v1/admin/sources/:name/runs',
    {
      config: admins,
      schema: {
        tags: ['contribution'],
        summary: 'Passages du moissonneur pour une source',
        security,
        params: Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }) }),
        response: { 200: Type.Object({ items: Type.Array(RunSchema) }), ...errors },
      },
    },
    async (request) => ({ items: (await listHarvestRuns(app.db, request.params.name, 50)).map(run) }),
  )
}
export default routes
