// The moderation queue: list (curators see their territory, authorities their own), read with a diff,
// approve (optionally corrected) or reject with a reason. Public error reports land here too.
import { isUuid } from '../../domain/ids.ts'
import { ROLES } from '../../domain/roles.ts'
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { appendAudit } from '../../db/audit.ts'
import { findVenue } from '../../db/curation/history.ts'
import { findSubmission, insertSubmission, listSubmissions, purgeReporterData, type SubmissionRow } from '../../db/curation/submissions.ts'
import { callerOf, submitterId } from '../plugins/caller.ts'
import { ProblemSchema } from '../plugins/problem-schema.ts'
import { HttpProblem } from '../plugins/problem.ts'
import { approveSubmission, canReadSubmission as canRead, rejectSubmission, submissionDiff } from '../../services/curation/moderation.ts'
import { moderateBatch, type BatchAction } from '../../services/curation/batch.ts'
import { nearbyVenues } from './nearby.ts'
import {
  ApproveBody,
  BatchBody,
  BatchResultSchema,
  RejectBody,
  ReportBody,
  SubmissionListQuery,
  SubmissionSchema,
  UuidParams,
  VenueIdParams,
} from './schemas.ts'

const security: Record<string, string[]>[] = [{ apiKey: [] }, { session: [] }]
const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema }
const moderators = { access: { roles: ['curator' as const, 'admin' as const] } }
/** Personal data of error reports is erased after this many months unless told otherwise (documented purge). */
export const REPORT_RETENTION_MONTHS = 12

function serialize(s: SubmissionRow) {
  const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString())
  const { submitter_id: _id, ...rest } = s
  return { ...rest, created_at: iso(s.created_at)!, reviewed_at: iso(s.reviewed_at) }
}

function encodeCursor(row: SubmissionRow): string {
  return Buffer.from(JSON.stringify({ created_at: new Date(row.created_at).toISOString(), id: row.id })).toString('base64url')
}
function decodeCursor(cursor: string): { created_at: string; id: string } {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
    // Only what we issue: a real instant and a uuid (anything else would fail in SQL, as a 500).
    if (value && typeof value.created_at === 'string' && !Number.isNaN(Date.parse(value.created_at)) && isUuid(value.id)) return value
  } catch {
    /* falls through */
  }
  throw new HttpProblem(400, 'Curseur invalide.', { errors: [{ field: 'cursor', message: 'curseur invalide' }] })
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/v1/submissions',
    {
      config: { access: { roles: [...ROLES] } },
      schema: {
        tags: ['contribution'],
        summary: 'File de modération',
        description:
          'Curateurs : les propositions et signalements de leur territoire ; administrateurs : tout ; collectivités : ' +
          'leurs propres propositions. Les plus récentes d’abord.',
        security,
        querystring: SubmissionListQuery,
        response: {
          200: Type.Object({ items: Type.Array(SubmissionSchema), next_cursor: Type.Union([Type.String(), Type.Null()]) }),
          ...errors,
        },
      },
    },
    async (request) => {
      const caller = callerOf(request)
      const q = request.query
      const rows = await listSubmissions(app.db, {
        status: q.status,
        kind: q.kind,
        venueId: q.venue_id,
        limit: q.limit,
        after: q.cursor ? decodeCursor(q.cursor) : null,
        territories: caller.role === 'curator' ? caller.territories : null,
        submitterId: caller.role === 'authority' ? submitterId(caller) : undefined,
        territory: q.territory?.split(','),
        author: q.author,
        olderThanDays: q.older_than_days,
        newerThanDays: q.newer_than_days,
      })
      const page = rows.slice(0, q.limit)
      const venues = new Map<string, string>()
      for (const id of new Set(page.map((r) => r.venue_id).filter((v): v is string => !!v))) {
        const v = await findVenue(app.db, id)
        if (v) venues.set(id, v.nom)
      }
      return {
        items: page.map((s) => ({
          ...serialize(s),
          venue_nom: s.venue_id ? (venues.get(s.venue_id) ?? null) : ((s.payload as { data?: { nom?: string } }).data?.nom ?? null),
        })),
        next_cursor: rows.length > q.limit ? encodeCursor(page[page.length - 1]) : null,
      }
    },
  )

  app.get(
    '/api/v1/submissions/:id',
    {
      config: { access: { roles: [...ROLES] } },
      schema: {
        tags: ['contribution'],
        summary: 'Lire une proposition et son issue',
        description:
          'Avec `diff` : chaque champ proposé face à sa valeur actuelle. Une collectivité lit ses propres propositions ' +
          '(statut, motif de refus, lieu publié).',
        security,
        params: UuidParams,
        response: { 200: SubmissionSchema, ...errors },
      },
    },
    async (request) => {
      const caller = callerOf(request)
      const s = await findSubmission(app.db, request.params.id)
      if (!s || !canRead(caller, s)) throw new HttpProblem(404, `Aucune proposition ${request.params.id} visible pour vous.`)
      const venue = s.venue_id ? await findVenue(app.db, s.venue_id) : undefined
      const proposed = (s.payload as { data?: { nom?: string } }).data
      const nearby = s.kind === 'create' ? await nearbyVenues(app.readDb, s.payload) : undefined
      return {
        ...serialize(s),
        diff: submissionDiff(s, venue),
        venue_nom: venue?.nom ?? proposed?.nom ?? null,
        ...(nearby ? { nearby } : {}),
      }
    },
  )

  app.post(
    '/api/v1/submissions/:id/approve',
    {
      config: moderators,
      schema: {
        tags: ['contribution'],
        summary: 'Approuver une proposition',
        description:
          'Publie la proposition, éventuellement corrigée (`payload` : champs du standard). Pour un signalement, ' +
          '`payload` applique la correction ; sans, le signalement est marqué traité.',
        security,
        params: UuidParams,
        body: ApproveBody,
        response: { 200: SubmissionSchema, 409: ProblemSchema, ...errors },
      },
    },
    async (request) => {
      const closed = await approveSubmission(
        app.db,
        request.params.id,
        callerOf(request),
        request.body.payload,
        request.body.reason ?? null,
        request.body.rows,
      )
      return { ...serialize(closed), diff: [] }
    },
  )

  app.post(
    '/api/v1/submissions/batch',
    {
      config: moderators,
      schema: {
        tags: ['contribution'],
        summary: 'Approuver ou refuser plusieurs propositions',
        description:
          'Chaque proposition est traitée comme par la route unitaire, en tout ou rien pour elle seule ; la réponse ' +
          'donne le résultat de chacune (`status` : celui qu’aurait rendu la route unitaire). Une proposition refusée ' +
          'n’annule pas les autres. Si aucune n’a pu être traitée, la réponse est le problème de la première (par ' +
          'exemple 403 hors de votre territoire), avec `items`.',
        security,
        body: BatchBody,
        response: { 200: BatchResultSchema, 409: ProblemSchema, ...errors },
      },
    },
    async (request) => {
      const { action, ids, reason } = request.body
      const result = await moderateBatch(app.db, callerOf(request), action as BatchAction, ids, reason ?? null)
      const first = result.items[0]
      if (result.succeeded === 0 && first)
        throw new HttpProblem(first.status, first.detail ?? 'Aucune proposition n’a pu être traitée.', { items: result.items })
      return result
    },
  )

  app.post(
    '/api/v1/submissions/:id/reject',
    {
      config: moderators,
      schema: {
        tags: ['contribution'],
        summary: 'Refuser une proposition',
        description: 'Le motif est communiqué à l’auteur (lisible par GET /api/v1/submissions/{id}).',
        security,
        params: UuidParams,
        body: RejectBody,
        response: { 200: SubmissionSchema, 409: ProblemSchema, ...errors },
      },
    },
    async (request) => {
      const closed = await rejectSubmission(app.db, request.params.id, callerOf(request), request.body.reason)
      return { ...serialize(closed), diff: [] }
    },
  )

  app.post(
    '/api/v1/venues/:id/reports',
    {
      config: { access: 'public', rateLimit: { max: 5, timeWindow: '1 minute' } },
      schema: {
        tags: ['contribution'],
        summary: 'Signaler une erreur sur un lieu',
        description:
          `Ouvert à tous, sans compte, limité à 5 signalements par minute et par adresse IP. Le signalement rejoint la ` +
          `file de modération du territoire. Le nom et le courriel facultatifs ne servent qu’à répondre ; ils sont ` +
          `effacés après ${REPORT_RETENTION_MONTHS} mois (POST /api/v1/admin/reports/purge).`,
        params: VenueIdParams,
        body: ReportBody,
        response: {
          201: Type.Object({ id: Type.String(), message: Type.String() }),
          404: ProblemSchema,
          400: ProblemSchema,
          429: ProblemSchema,
        },
      },
    },
    async (request, reply) => {
      const venue = await findVenue(app.db, request.params.id)
      if (!venue || venue.status === 'pending') throw new HttpProblem(404, `Aucun lieu ne porte l'identifiant ${request.params.id}.`)
      const { message, nom, courriel, champ } = request.body
      const s = await insertSubmission(app.db, {
        kind: 'report',
        venueId: venue.id,
        baseVersion: venue.version,
        payload: champ ? { champ } : {},
        submittedBy: 'public',
        submitterId: 'public',
        departement: venue.departement,
        region: venue.region,
        message,
        reporterName: nom ?? null,
        reporterEmail: courriel ?? null,
      })
      await appendAudit(app.db, {
        actor: 'public',
        action: 'report.create',
        entity: 'submission',
        entity_id: s.id,
        detail: { venue_id: venue.id, champ: champ ?? null },
      })
      return reply
        .code(201)
        .send({ id: s.id, message: 'Merci ! Votre signalement a bien été transmis à l’équipe qui tient ce lieu à jour.' })
    },
  )

  app.post(
    '/api/v1/admin/reports/purge',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags: ['contribution'],
        summary: 'Effacer les données personnelles des anciens signalements',
        description:
          `Efface le nom et le courriel des signalements plus anciens que \`older_than_months\` (` +
          `${REPORT_RETENTION_MONTHS} par défaut). Le message et la décision restent. Seule suppression de données de ` +
          `Maillage.`,
        security,
        body: Type.Object(
          { older_than_months: Type.Integer({ minimum: 1, maximum: 120, default: REPORT_RETENTION_MONTHS }) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ purged: Type.Integer() }), ...errors },
      },
    },
    async (request) => {
      const caller = callerOf(request)
      const purged = await purgeReporterData(app.db, request.body.older_than_months)
      await appendAudit(app.db, {
        actor: caller.label,
        action: 'report.purge',
        entity: 'submission',
        detail: { older_than_months: request.body.older_than_months, purged },
      })
      return { purged }
    },
  )
}
export default routes
