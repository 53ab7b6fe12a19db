// Committee meetings (art. 8–9): public reading, recorded and edited by admins, validated by a State and a
// CINOV-IT representative; once both validated, the minutes are final and any change is a 409.
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { COMMITTEES, PARTY_LABELS, type ValidatingRole } from '../../domain/committees.ts'
import { findMeeting, listMeetings, updateMeeting, validateMeeting, type MeetingWriteResult } from '../../db/committees/meetings.ts'
import { recordMeeting } from '../../services/committees/meetings.ts'
import { staleVersion } from '../../services/store-errors.ts'
import { callerOf } from '../plugins/caller.ts'
import { expectedVersion, versionEtag } from '../plugins/if-match.ts'
import { ProblemSchema } from '../plugins/problem-schema.ts'
import { HttpProblem } from '../plugins/problem.ts'
import { MeetingCreateSchema, MeetingPatchSchema, MeetingSchema } from './schemas.ts'

const IdParams = Type.Object({ id: Type.String({ format: 'uuid', description: 'Identifiant de la séance' }) })
const Errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema, 412: ProblemSchema }
const notFound = (id: string) => new HttpProblem(404, `Aucune séance de comité ne porte l’identifiant ${id}.`)

function outcome(result: MeetingWriteResult, id: string): void {
  if (result.ok) return
  if (result.reason === 'not_found') throw notFound(id)
  if (result.reason === 'stale') throw staleVersion(result.current ?? 0)
  throw new HttpProblem(409, 'Ce compte rendu a été validé par l’État et par CINOV-IT : il est définitif et ne peut plus être modifié.')
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/v1/committees/meetings',
    {
      config: { access: 'public' },
      schema: {
        tags: ['gouvernance'],
        summary: 'Séances des comités',
        description: 'Séances du comité de gouvernance (art. 8) et du comité de pilotage (art. 9), les plus récentes d’abord.',
        querystring: Type.Object(
          {
            committee: Type.Optional(Type.String({ enum: [...COMMITTEES] })),
            limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
            offset: Type.Integer({ minimum: 0, maximum: 100_000, default: 0 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(MeetingSchema) }), 400: ProblemSchema },
      },
    },
    async (request) => ({ items: await listMeetings(app.readDb, request.query) }),
  )

  app.get(
    '/api/v1/committees/meetings/:id',
    {
      config: { access: 'public' },
      schema: {
        tags: ['gouvernance'],
        summary: 'Lire une séance',
        params: IdParams,
        response: { 200: MeetingSchema, 400: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (request, reply) => {
      const meeting = await findMeeting(app.db, request.params.id)
      if (!meeting) throw notFound(request.params.id)
      reply.header('ETag', versionEtag(meeting.id, meeting.version)).header('Cache-Control', 'no-cache')
      return meeting
    },
  )

  app.post(
    '/api/v1/committees/meetings',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags: ['gouvernance'],
        summary: 'Enregistrer une séance',
        description: 'Réservé aux administrateurs. Le rapport annuel (`report_year`) est figé dans la séance à son enregistrement.',
        body: MeetingCreateSchema,
        response: { 201: MeetingSchema, ...Errors },
      },
    },
    async (request, reply) => {
      const caller = callerOf(request)
      const body = request.body
      const currentYear = new Date().getUTCFullYear()
      if (body.report_year !== undefined && body.report_year > currentYear)
        throw new HttpProblem(400, `L’année du rapport (${body.report_year}) n’est pas encore commencée.`, {
          errors: [{ field: 'report_year', message: 'année future' }],
        })
      const id = await recordMeeting(app.db, body, caller.label)
      const meeting = (await findMeeting(app.db, id))!
      reply.header('ETag', versionEtag(id, meeting.version)).header('Location', `/api/v1/committees/meetings/${id}`)
      return reply.code(201).send(meeting)
    },
  )

  app.patch(
    '/api/v1/committees/meetings/:id',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags: ['gouvernance'],
        summary: 'Modifier une séance',
        description:
          'Réservé aux administrateurs ; `If-Match` obligatoire. Une modification annule les validations déjà données. ' +
          'Compte rendu définitif : 409.',
        params: IdParams,
        body: MeetingPatchSchema,
        response: { 200: MeetingSchema, ...Errors, 428: ProblemSchema },
      },
    },
    async (request, reply) => {
      const caller = callerOf(request)
      const { id } = request.params
      const version = expectedVersion(request.headers['if-match'], id, true, '/api/v1/committees/meetings/{id}')
      const result = await app.db.transaction().execute((trx) => updateMeeting(trx, id, request.body, version, caller.label))
      outcome(result, id)
      const meeting = (await findMeeting(app.db, id))!
      reply.header('ETag', versionEtag(id, meeting.version))
      return meeting
    },
  )

  app.post(
    '/api/v1/committees/meetings/:id/validate',
    {
      config: { access: { roles: ['state', 'cinov'] } },
      schema: {
        tags: ['gouvernance'],
        summary: 'Valider le compte rendu',
        description:
          'Un représentant de l’État (`state`) ou de CINOV-IT (`cinov`) valide le compte rendu pour sa partie. Les deux ' +
          'validations le rendent définitif (empreinte sha256). `If-Match` facultatif : la version lue.',
        params: IdParams,
        response: { 200: MeetingSchema, ...Errors },
      },
    },
    async (request, reply) => {
      const caller = callerOf(request)
      const { id } = request.params
      const party = caller.role as ValidatingRole
      const version = expectedVersion(request.headers['if-match'], id, false, '/api/v1/committees/meetings/{id}')
      const current = await findMeeting(app.db, id)
      if (!current) throw notFound(id)
      if (!current.final && current.validations[party])
        throw new HttpProblem(409, `Ce compte rendu est déjà validé pour ${PARTY_LABELS[party]}.`)
      const result = await app.db.transaction().execute((trx) => validateMeeting(trx, id, party, version, caller.label))
      outcome(result, id)
      const meeting = (await findMeeting(app.db, id))!
      reply.header('ETag', versionEtag(id, meeting.version))
      return meeting
    },
  )
}
export default routes
