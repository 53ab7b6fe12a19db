// The write API on venues: create, patch (If-Match), archive, restore, history and revert. A curator's or
// admin's write is published at once inside their territory; an authority's becomes a submission (202).
import { channelLabel, channelOf } from '../../domain/change-channel.ts'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply } from 'fastify'
import { findVenue, listVersions, venueExistsBySourceId } from '../../db/curation/history.ts'
import type { SubmissionKind } from '../../db/curation/submissions.ts'
import type { VenueRow } from '../../db/types.ts'
import { proposeChange } from '../../services/curation/moderation.ts'
import { authorizeVenueWrite, callerOf, type Caller } from '../plugins/caller.ts'
import { ProblemSchema } from '../plugins/problem-schema.ts'
import { HttpProblem } from '../plugins/problem.ts'
import { changesOf, changeVenue, createVenue, revertChanges } from '../../services/venues/writes.ts'
import {
  HistorySchema,
  IfMatchHeaders,
  RevertBody,
  SubmissionAcceptedSchema,
  VenueIdParams,
  VenueInputSchema,
  VenueOutSchema,
  WriteReasonQuery,
} from '../curation/schemas.ts'
import { venueFromCreateBody, venueFromPatch } from '../../services/venues/input.ts'
import { expectedVersion } from '../plugins/if-match.ts'
import { staleVersion } from '../../services/store-errors.ts'
import { sendVenue, venueEtag, venueResponse } from './serialize.ts'
import { hideAccountEmails } from '../../services/venues/history-actors.ts'

const writers = { access: { roles: ['authority' as const, 'curator' as const, 'admin' as const] } }
const security: Record<string, string[]>[] = [{ apiKey: [] }, { session: [] }]
const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema }

async function propose(
  reply: FastifyReply,
  app: { db: import('kysely').Kysely<import('../../db/types.ts').Database> },
  caller: Caller,
  kind: SubmissionKind,
  venue: { id: string; version: number } | null,
  payload: Record<string, unknown>,
  territory: { departement: string | null; region: string | null },
  message: string | null,
) {
  const submission = await proposeChange(app.db, caller, { kind, venue, payload, territory, message })
  const location = `/api/v1/submissions/${submission.id}`
  return reply
    .code(202)
    .header('Location', location)
    .send({
      submission_id: submission.id,
      status: 'pending' as const,
      kind,
      location,
      message: 'Proposition enregistrée : elle sera publiée après validation par un curateur du territoire.',
    })
}

/** The 412 of a stale If-Match: the version to re-read, and its ETag. */
function conflict(current: VenueRow): HttpProblem {
  return staleVersion(current.version, { current_etag: venueEtag(current, venueResponse(current)) })
}

/** The venue to change, once the write gate has checked the caller against it as stored (before reading the body). */
async function loadForWrite(
  app: { db: import('kysely').Kysely<import('../../db/types.ts').Database> },
  id: string,
  caller: Caller,
  kind: 'update' | 'archive' | 'restore' | 'revert',
): Promise<VenueRow> {
  const current = await findVenue(app.db, id)
  if (!current) throw new HttpProblem(404, `Aucun lieu ne porte l'identifiant ${id}.`)
  authorizeVenueWrite(caller, { kind, stored: current, result: null })
  return current
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/v1/venues',
    {
      config: writers,
      schema: {
        tags: ['contribution'],
        summary: 'Créer un lieu',
        security,
        description:
          'Publie le lieu (201) pour un curateur ou un administrateur dans son territoire ; pour une collectivité, crée ' +
          'une proposition soumise à modération (202, `Location` pour en lire l’issue). Le corps est validé par le ' +
          'standard : chaque champ invalide est nommé (400) et rien n’est écrit.',
        querystring: WriteReasonQuery,
        body: VenueInputSchema,
        response: { 201: VenueOutSchema, 202: SubmissionAcceptedSchema, 409: ProblemSchema, ...errors },
      },
    },
    async (request, reply) => {
      const caller = callerOf(request)
      const located = await venueFromCreateBody(app.db, request.body as Record<string, unknown>, caller)
      // A create naming an existing (source, id) is checked against that venue too: it must not reveal or reach one outside.
      const existing = await venueExistsBySourceId(app.db, located.data.source, located.data.source_id)
      const { publish } = authorizeVenueWrite(caller, {
        kind: 'create',
        stored: existing ?? null,
        result: { ...located, source: located.data.source },
      })
      if (existing) {
        throw new HttpProblem(
          409,
          `La source « ${located.data.source} » a déjà un lieu d’identifiant « ${located.data.source_id} » : modifiez-le (PATCH).`,
        )
      }
      if (!publish) return propose(reply, app, caller, 'create', null, { data: located.data }, located, null)
      const row = await createVenue(
        app.db,
        located.data,
        caller.label,
        request.query.reason ?? (caller.kind === 'session' ? 'création dans l’interface' : 'création par l’API'),
      )
      reply.header('Location', `/api/v1/venues/${row.id}`)
      return sendVenue(reply, row, 201)
    },
  )

  app.patch(
    '/api/v1/venues/:id',
    {
      config: writers,
      schema: {
        tags: ['contribution'],
        summary: 'Modifier un lieu',
        security,
        description:
          'Modifie les champs donnés (les autres restent). `If-Match` obligatoire (428 sinon) : l’ETag lu par GET ; si ' +
          'la fiche a changé depuis, 412 avec `current_version`. Une collectivité obtient une proposition (202).',
        params: VenueIdParams,
        headers: IfMatchHeaders,
        querystring: WriteReasonQuery,
        body: VenueInputSchema,
        response: { 200: VenueOutSchema, 202: SubmissionAcceptedSchema, 412: ProblemSchema, 428: ProblemSchema, ...errors },
      },
    },
    async (request, reply) => {
      const caller = callerOf(request)
      const current = await loadForWrite(app, request.params.id, caller, 'update')
      const expected = expectedVersion(request.headers['if-match'], current.id, true, '/api/v1/venues/{id}')
      if (expected !== null && expected !== current.version) throw conflict(current)
      const located = await venueFromPatch(app.db, current, request.body as Record<string, unknown>, caller)
      const { publish } = authorizeVenueWrite(caller, {
        kind: 'update',
        stored: current,
        result: { ...located, source: located.data.source },
      })
      const changes = changesOf(current, located.data)
      if (Object.keys(changes).length === 0) return sendVenue(reply, current)
      if (!publish) return propose(reply, app, caller, 'update', current, { changes }, located, null)
      const row = await changeVenue(
        app.db,
        current.id,
        changes,
        { expectedVersion: expected ?? current.version, action: 'venue.update' },
        caller.label,
        request.query.reason ?? (caller.kind === 'session' ? 'modification dans l’interface' : 'modification par l’API'),
      )
      return sendVenue(reply, row)
    },
  )

  app.delete(
    '/api/v1/venues/:id',
    {
      config: writers,
      schema: {
        tags: ['contribution'],
        summary: 'Archiver un lieu',
        description:
          'Archive le lieu (statut `archived`) : il disparaît de la carte mais rien n’est effacé ; `POST …/restore` le ' +
          'rétablit. `If-Match` facultatif (vérifié s’il est donné).',
        security,
        params: VenueIdParams,
        headers: IfMatchHeaders,
        querystring: WriteReasonQuery,
        response: { 200: VenueOutSchema, 202: SubmissionAcceptedSchema, 412: ProblemSchema, ...errors },
      },
    },
    async (request, reply) => {
      const caller = callerOf(request)
      const current = await loadForWrite(app, request.params.id, caller, 'archive')
      const expected = expectedVersion(request.headers['if-match'], current.id, false, '/api/v1/venues/{id}')
      if (expected !== null && expected !== current.version) throw conflict(current)
      if (current.status === 'archived') return sendVenue(reply, current)
      const { publish } = authorizeVenueWrite(caller, { kind: 'archive', stored: current, result: current })
      if (!publish) return propose(reply, app, caller, 'archive', current, {}, current, request.query.reason ?? null)
      const row = await changeVenue(
        app.db,
        current.id,
        {},
        { expectedVersion: expected ?? current.version, status: 'archived', action: 'venue.archive' },
        caller.label,
        request.query.reason ?? 'archivage',
      )
      return sendVenue(reply, row)
    },
  )

  app.post(
    '/api/v1/venues/:id/restore',
    {
      config: writers,
      schema: {
        tags: ['contribution'],
        summary: 'Rétablir un lieu archivé',
        description: 'Republie un lieu archivé (nouvelle version). Un lieu fusionné dans un autre ne se rétablit pas (409).',
        security,
        params: VenueIdParams,
        headers: IfMatchHeaders,
        querystring: WriteReasonQuery,
        response: { 200: VenueOutSchema, 202: SubmissionAcceptedSchema, 409: ProblemSchema, 412: ProblemSchema, ...errors },
      },
    },
    async (request, reply) => {
      const caller = callerOf(request)
      const current = await loadForWrite(app, request.params.id, caller, 'restore')
      const expected = expectedVersion(request.headers['if-match'], current.id, false, '/api/v1/venues/{id}')
      if (expected !== null && expected !== current.version) throw conflict(current)
      if (current.merged_into) throw new HttpProblem(409, `Ce lieu a été fusionné dans ${current.merged_into} : modifiez plutôt celui-ci.`)
      if (current.status === 'published') return sendVenue(reply, current)
      const { publish } = authorizeVenueWrite(caller, { kind: 'restore', stored: current, result: current })
      if (!publish) return propose(reply, app, caller, 'restore', current, {}, current, request.query.reason ?? null)
      const row = await changeVenue(
        app.db,
        current.id,
        {},
        { expectedVersion: expected ?? current.version, status: 'published', action: 'venue.restore' },
        caller.label,
        request.query.reason ?? 'rétablissement',
      )
      return sendVenue(reply, row)
    },
  )

  app.get(
    '/api/v1/venues/:id/history',
    {
      config: writers,
      schema: {
        tags: ['contribution'],
        summary: 'Historique des versions d’un lieu',
        description:
          'Chaque écriture est une version complète : qui, quand, pourquoi, quoi (`data`), et par quel canal (`channel` ' +
          ': interface, api, import, sync, harvest, merge, moderation, system ; `channel_label` le dit en français, avec ' +
          'le nom de la clé, du fichier ou de la source). La plus récente en premier.',
        security,
        params: VenueIdParams,
        response: { 200: HistorySchema, ...errors },
      },
    },
    async (request) => {
      const venue = await findVenue(app.db, request.params.id)
      if (!venue) throw new HttpProblem(404, `Aucun lieu ne porte l'identifiant ${request.params.id}.`)
      const rows = await listVersions(app.db, venue.id)
      const items = rows.map(({ channel: stored, channel_detail: storedDetail, ...r }) => {
        const channel = channelOf({ ...r, channel: stored, channel_detail: storedDetail })
        return {
          ...r,
          changed_at: new Date(r.changed_at).toISOString(),
          channel: channel.kind,
          channel_detail: channel.detail,
          channel_label: channelLabel(channel),
        }
      })
      return { items: callerOf(request).role === 'authority' ? await hideAccountEmails(app.db, items) : items }
    },
  )

  app.post(
    '/api/v1/venues/:id/revert',
    {
      config: writers,
      schema: {
        tags: ['contribution'],
        summary: 'Revenir à une version antérieure',
        description:
          'Restaure le contenu exact de la version `version` comme une nouvelle version (rien n’est perdu : la version ' +
          'annulée reste dans l’historique). `If-Match` obligatoire. Une collectivité obtient une proposition (202).',
        security,
        params: VenueIdParams,
        headers: IfMatchHeaders,
        body: RevertBody,
        response: { 200: VenueOutSchema, 202: SubmissionAcceptedSchema, 412: ProblemSchema, 428: ProblemSchema, ...errors },
      },
    },
    async (request, reply) => {
      const caller = callerOf(request)
      const current = await loadForWrite(app, request.params.id, caller, 'revert')
      const expected = expectedVersion(request.headers['if-match'], current.id, true, '/api/v1/venues/{id}')
      if (expected !== null && expected !== current.version) throw conflict(current)
      const { target, changes, result } = await revertChanges(app.db, current, request.body.version)
      const { publish } = authorizeVenueWrite(caller, {
        kind: 'revert',
        stored: current,
        result: { ...result, source: changes.source ?? current.source },
      })
      const reason = request.body.reason ?? `retour à la version ${target.version}`
      if (!publish) return propose(reply, app, caller, 'update', current, { changes, revert_to: target.version }, current, reason)
      const row = await changeVenue(
        app.db,
        current.id,
        changes,
        { expectedVersion: expected ?? current.version, action: 'venue.revert' },
        caller.label,
        reason,
      )
      return sendVenue(reply, row)
    },
  )
}
export default routes
