// Sponsorships: public list and reads, admin writes with per-kind validation, If-Match and history.
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Kysely } from 'kysely'
import type { Database, SponsorshipKind } from '../../db/types.ts'
import { authorizeVenueWrite, callerOf, type Caller } from '../plugins/caller.ts'
import { ProblemSchema } from '../plugins/problem-schema.ts'
import { HttpProblem, type FieldError } from '../plugins/problem.ts'
import { expectedVersion, versionEtag } from '../plugins/if-match.ts'
import { withStoreErrors } from '../../services/store-errors.ts'
import {
  findCompany,
  findSponsorship,
  findSponsorshipRow,
  insertSponsorship,
  listSponsorships,
  sponsorshipHistory,
  updateSponsorship,
  venueExists,
  type SponsorshipValues,
} from '../../db/sponsors/repository.ts'
import {
  HistorySchema,
  IdParams,
  SponsorshipCreateSchema,
  SponsorshipPatchSchema,
  SponsorshipSchema,
  SPONSORSHIP_KINDS,
  SPONSORSHIP_STATUSES,
  type SponsorshipInput,
} from './schemas.ts'
import { sponsorshipErrors, threeYearsAfter } from './validate.ts'

const ADMIN = { access: { roles: ['admin' as const] } }
const WriteResponses = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  412: ProblemSchema,
  428: ProblemSchema,
}

export function invalid(errors: FieldError[]): never {
  throw new HttpProblem(400, `Parrainage invalide : ${[...new Set(errors.map((e) => e.field))].join(', ')}.`, { errors })
}

/** `proposal`: a company's pending sponsorship changes nothing shown on the venue until confirmed (the confirmation is gated). */
async function checkReferences(db: Kysely<Database>, caller: Caller, companyId: string, venueId: string, proposal = false) {
  const errors: FieldError[] = []
  const company = await findCompany(db, companyId)
  if (!company || company.archived_at) errors.push({ field: 'company_id', message: 'entreprise inconnue ou archivée' })
  const venue = await venueExists(db, venueId)
  if (!venue || venue.status === 'archived') errors.push({ field: 'venue_id', message: 'lieu inconnu ou archivé' })
  if (errors.length) invalid(errors)
  if (!proposal) authorizeVenueWrite(caller, { kind: 'sponsorship', stored: venue!, result: venue! })
}

/** A sponsorship shows on its venue's page: changing one goes through the write gate for that venue. */
async function gateSponsoredVenue(db: Kysely<Database>, caller: Caller, venueId: string | undefined) {
  const venue = venueId ? await venueExists(db, venueId) : undefined
  if (venue) authorizeVenueWrite(caller, { kind: 'sponsorship', stored: venue, result: venue })
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/v1/sponsorships',
    {
      config: { access: 'public' },
      schema: {
        tags: ['parrainages'],
        summary: 'Lister les parrainages',
        description: 'Parrainages non archivés ; filtres par entreprise, lieu, type, statut, en cours.',
        querystring: Type.Object(
          {
            company_id: Type.Optional(Type.String({ format: 'uuid' })),
            venue_id: Type.Optional(Type.String({ format: 'uuid' })),
            kind: Type.Optional(Type.String({ enum: [...SPONSORSHIP_KINDS] })),
            status: Type.Optional(Type.String({ enum: [...SPONSORSHIP_STATUSES] })),
            active: Type.Optional(Type.Boolean({ description: 'true : seulement les parrainages en cours aujourd’hui' })),
            limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
            offset: Type.Integer({ minimum: 0, default: 0 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(SponsorshipSchema) }), 400: ProblemSchema },
      },
    },
    async (request) => {
      const { limit, offset, ...filter } = request.query
      return { items: await listSponsorships(app.readDb, filter, limit, offset) }
    },
  )

  app.get(
    '/api/v1/sponsorships/:id',
    {
      config: { access: 'public' },
      schema: {
        tags: ['parrainages'],
        summary: 'Lire un parrainage',
        params: IdParams,
        response: { 200: SponsorshipSchema, 400: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (request, reply) => {
      const item = await findSponsorship(app.readDb, request.params.id)
      if (!item) throw new HttpProblem(404, `Aucun parrainage ne porte l'identifiant ${request.params.id}.`)
      reply.header('ETag', versionEtag(item.id, item.version))
      return item
    },
  )

  app.get(
    '/api/v1/sponsorships/:id/history',
    {
      config: { access: 'public' },
      schema: {
        tags: ['parrainages'],
        summary: 'Historique d’un parrainage',
        params: IdParams,
        response: { 200: HistorySchema, 400: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (request) => {
      const items = await sponsorshipHistory(app.readDb, request.params.id)
      if (items.length === 0) throw new HttpProblem(404, `Aucun parrainage ne porte l'identifiant ${request.params.id}.`)
      return { items }
    },
  )

  app.post(
    '/api/v1/sponsorships',
    {
      config: { access: { roles: ['admin', 'company'] } },
      schema: {
        tags: ['parrainages'],
        summary: 'Créer un parrainage',
        description:
          `Administrateurs ; ou le représentant d’une entreprise membre, pour sa propre entreprise : le parrainage est ` +
          `alors « en attente » jusqu’à ce qu’un curateur du territoire ou le référent CINOV-IT le confirme. ` +
          `${(SponsorshipCreateSchema as { description?: string }).description ?? ''}`,
        body: SponsorshipCreateSchema,
        response: { 201: SponsorshipSchema, ...WriteResponses },
      },
    },
    async (request, reply) => {
      const caller = callerOf(request)
      const input = { ...request.body } as SponsorshipInput
      if (input.kind === 'emploi_avenir' && input.ended_on === undefined && input.started_on)
        input.ended_on = threeYearsAfter(input.started_on)
      const errors = sponsorshipErrors(input)
      if (errors.length) invalid(errors)
      const proposal = caller.role === 'company'
      if (proposal && input.company_id !== caller.companyId) {
        throw new HttpProblem(403, 'Un représentant ne déclare des parrainages que pour sa propre entreprise.', {
          errors: [{ field: 'company_id', message: 'ce n’est pas votre entreprise' }],
        })
      }
      await checkReferences(app.db, caller, input.company_id!, input.venue_id!, proposal)
      const id = await app.db.transaction().execute((trx) =>
        insertSponsorship(
          trx,
          {
            ...(input as SponsorshipValues),
            ...(proposal ? { status: 'pending', proposed_by: caller.label } : {}),
            kind: input.kind as SponsorshipKind,
            company_id: input.company_id!,
            venue_id: input.venue_id!,
            started_on: input.started_on!,
          },
          { actor: caller.label, reason: 'création' },
        ),
      )
      const item = (await findSponsorship(app.db, id))!
      reply.header('ETag', versionEtag(id, item.version)).header('Location', `/api/v1/sponsorships/${id}`)
      return reply.code(201).send(item)
    },
  )

  app.patch(
    '/api/v1/sponsorships/:id',
    {
      config: ADMIN,
      schema: {
        tags: ['parrainages'],
        summary: 'Modifier un parrainage',
        description:
          'Réservé aux administrateurs ; `If-Match` obligatoire, 412 si périmé. Les règles par type s’appliquent au parrainage modifié.',
        params: IdParams,
        body: SponsorshipPatchSchema,
        response: { 200: SponsorshipSchema, ...WriteResponses },
      },
    },
    async (request, reply) => {
      const caller = callerOf(request)
      const version = expectedVersion(request.headers['if-match'], request.params.id, true, '/api/v1/sponsorships/{id}')
      const current = await findSponsorshipRow(app.db, request.params.id)
      if (!current) throw new HttpProblem(404, `Aucun parrainage ne porte l'identifiant ${request.params.id}.`)
      const merged = {
        ...current,
        amount_eur: current.amount_eur === null ? null : Number(current.amount_eur),
        ...request.body,
      } as SponsorshipInput
      const errors = sponsorshipErrors(merged)
      if (errors.length) invalid(errors)
      // The venue cannot change (venue_id is not patchable): gated against the one it is attached to.
      await gateSponsoredVenue(app.db, caller, current.venue_id)
      await write(request.params.id, request.body as SponsorshipValues, version, {
        actor: caller.label,
        reason: 'modification',
        action: 'sponsorship.update',
      })
      const item = (await findSponsorship(app.db, request.params.id))!
      reply.header('ETag', versionEtag(item.id, item.version))
      return item
    },
  )

  app.delete(
    '/api/v1/sponsorships/:id',
    {
      config: ADMIN,
      schema: {
        tags: ['parrainages'],
        summary: 'Archiver un parrainage',
        description: 'Réservé aux administrateurs. Archive (jamais d’effacement) ; `If-Match` facultatif.',
        params: IdParams,
        response: { 200: SponsorshipSchema, ...WriteResponses },
      },
    },
    async (request, reply) => {
      const caller = callerOf(request)
      const version = expectedVersion(request.headers['if-match'], request.params.id, false, '/api/v1/sponsorships/{id}')
      await gateSponsoredVenue(app.db, caller, (await findSponsorshipRow(app.db, request.params.id))?.venue_id)
      await write(request.params.id, { status: 'archived', archived_at: new Date() }, version, {
        actor: caller.label,
        reason: 'archivage',
        action: 'sponsorship.archive',
      })
      const item = (await findSponsorship(app.db, request.params.id))!
      reply.header('ETag', versionEtag(item.id, item.version))
      return item
    },
  )

  async function write(
    id: string,
    values: SponsorshipValues,
    version: number | null,
    context: { actor: string; reason: string; action: string },
  ) {
    const done = await withStoreErrors(() => app.db.transaction().execute((trx) => updateSponsorship(trx, id, values, version, context)))
    if (!done) throw new HttpProblem(404, `Aucun parrainage ne porte l'identifiant ${id}.`)
  }
}
export default routes
