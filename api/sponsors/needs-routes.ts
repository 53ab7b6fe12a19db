// Venues' needs (issue 16, item 2): public list by distance and kind; declared and edited by the venue's curator
// or authority (territory-checked by the write gate); a company's representative answers with "Proposer mon aide".
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { findNeed, insertNeed, listNeeds, updateNeed, type NeedValues } from '../../db/partners/needs.ts'
import { findCompany, findSponsorship, insertSponsorship, listSponsorships, venueExists } from '../../db/sponsors/repository.ts'
import type { NeedKind } from '../../domain/needs.ts'
import { todayInParis } from '../../domain/time.ts'
import { authorizeVenueWrite, callerOf, type Caller } from '../plugins/caller.ts'
import { expectedVersion, versionEtag } from '../plugins/if-match.ts'
import { withStoreErrors } from '../../services/store-errors.ts'
import { ProblemSchema } from '../plugins/problem-schema.ts'
import { HttpProblem } from '../plugins/problem.ts'
import { NeedCreateSchema, NeedPatchSchema, NeedSchema, OfferSchema, type Offer } from './needs-schemas.ts'
import { needErrors } from './need-rules.ts'
import { IdParams, SponsorshipSchema, SPONSORSHIP_KINDS } from './schemas.ts'
import { invalid } from './sponsorships-routes.ts'
import { sponsorshipErrors, threeYearsAfter } from './validate.ts'
import type { Need } from '../../db/partners/needs.ts'

const VENUE_WRITERS = { access: { roles: ['authority' as const, 'curator' as const, 'admin' as const] } }
const WriteResponses = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema }

const notFound = (id: string) => new HttpProblem(404, `Aucun besoin ne porte l'identifiant ${id}.`)

async function gateVenue(app: { db: Parameters<typeof venueExists>[0] }, caller: Caller, venueId: string) {
  const venue = await venueExists(app.db, venueId)
  if (!venue || venue.status === 'archived') throw new HttpProblem(404, `Aucun lieu ne porte l'identifiant ${venueId}.`)
  // A need shows on the venue's page: declaring one is a venue write, inside the writer's territory only.
  authorizeVenueWrite(caller, { kind: 'need', stored: venue, result: venue })
}

/** The sponsorship a company offers for a need: the need's kind, its figures, the company's own details. */
function offerValues(need: Need, offer: Offer, started: string) {
  switch (need.kind) {
    case 'emploi_avenir':
      return {
        youth_count: 1,
        tutor_name: 'à désigner par le lieu',
        sponsor_name: offer.sponsor_name ?? 'à désigner par l’entreprise',
        ended_on: threeYearsAfter(started),
      }
    case 'don_materiel':
      return { devices_count: need.devices_count, refurbisher: offer.refurbisher ?? 'à préciser' }
    case 'fonds_solidarites_numeriques':
      return { amount_eur: need.amount_eur }
    default:
      return { description: offer.message ?? need.skills }
  }
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/v1/needs',
    {
      config: { access: 'public' },
      schema: {
        tags: ['parrainages'],
        summary: 'Lieux qui cherchent un parrain',
        description:
          'Besoins des lieux publiés (ouverts par défaut). `near=lat,lon` les ordonne du plus proche au plus lointain ' +
          '(`distance_m`) ; `radius` (mètres) borne la distance ; `kind` filtre par type (liste séparée par des ' +
          'virgules).',
        querystring: Type.Object(
          {
            near: Type.Optional(Type.String({ pattern: '^-?\\d{1,2}(\\.\\d+)?,-?\\d{1,3}(\\.\\d+)?$', examples: ['44.84,-0.58'] })),
            radius: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000000 })),
            kind: Type.Optional(Type.String({ pattern: `^(${SPONSORSHIP_KINDS.join('|')})(,(${SPONSORSHIP_KINDS.join('|')}))*$` })),
            status: Type.String({ enum: ['open', 'met', 'withdrawn'], default: 'open' }),
            venue_id: Type.Optional(Type.String({ format: 'uuid' })),
            limit: Type.Integer({ minimum: 1, maximum: 1000, default: 200 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(NeedSchema) }), 400: ProblemSchema },
      },
    },
    async (request) => {
      const { near, radius, kind, status, venue_id, limit } = request.query
      const point = near ? (near.split(',').map(Number) as [number, number]) : undefined
      if (point && (Math.abs(point[0]) > 90 || Math.abs(point[1]) > 180))
        throw new HttpProblem(400, 'Coordonnées hors limites.', {
          errors: [{ field: 'near', message: 'latitude ou longitude hors limites' }],
        })
      if (radius && !point)
        throw new HttpProblem(400, 'Le rayon suppose un point de départ.', {
          errors: [{ field: 'radius', message: 'donnez aussi near=lat,lon' }],
        })
      return { items: await listNeeds(app.readDb, { near: point, radius, kinds: kind?.split(','), status, venue_id }, limit) }
    },
  )

  app.get(
    '/api/v1/needs/:id',
    {
      config: { access: 'public' },
      schema: {
        tags: ['parrainages'],
        summary: 'Lire un besoin',
        params: IdParams,
        response: { 200: NeedSchema, 400: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (request, reply) => {
      const need = await findNeed(app.readDb, request.params.id)
      if (!need) throw notFound(request.params.id)
      reply.header('ETag', versionEtag(need.id, need.version))
      return need
    },
  )

  app.post(
    '/api/v1/venues/:id/needs',
    {
      config: VENUE_WRITERS,
      schema: {
        tags: ['parrainages'],
        summary: 'Déclarer un besoin du lieu',
        description:
          `Curateur, administrateur ou collectivité, dans son territoire. ` +
          `${(NeedCreateSchema as { description?: string }).description}`,
        params: IdParams,
        body: NeedCreateSchema,
        response: { 201: NeedSchema, ...WriteResponses },
      },
    },
    async (request, reply) => {
      const caller = callerOf(request)
      const body = request.body as NeedValues & { kind: NeedKind }
      const errors = needErrors(body as Record<string, unknown> & { kind: NeedKind })
      if (errors.length) throw new HttpProblem(400, `Besoin invalide : ${errors.map((e) => e.field).join(', ')}.`, { errors })
      await gateVenue(app, caller, request.params.id)
      const id = await app.db.transaction().execute((trx) => insertNeed(trx, request.params.id, body, caller.label))
      const need = (await findNeed(app.db, id))!
      reply.header('Location', `/api/v1/needs/${id}`).header('ETag', versionEtag(id, need.version))
      return reply.code(201).send(need)
    },
  )

  app.patch(
    '/api/v1/needs/:id',
    {
      config: VENUE_WRITERS,
      schema: {
        tags: ['parrainages'],
        summary: 'Modifier ou retirer un besoin',
        description:
          'Curateur, administrateur ou collectivité du territoire du lieu. Un besoin satisfait se clôt par l’acceptation ' +
          'd’un parrainage. Chaque modification est une nouvelle version (historique et journal) ; `If-Match` facultatif ' +
          '(412 si la version lue est périmée).',
        params: IdParams,
        body: NeedPatchSchema,
        response: { 200: NeedSchema, ...WriteResponses, 412: ProblemSchema },
      },
    },
    async (request, reply) => {
      const caller = callerOf(request)
      const version = expectedVersion(request.headers['if-match'], request.params.id, false, '/api/v1/needs/{id}')
      const need = await findNeed(app.db, request.params.id)
      if (!need) throw notFound(request.params.id)
      await gateVenue(app, caller, need.venue_id)
      const changes = request.body as NeedValues
      const errors = needErrors({ ...need, ...changes, kind: need.kind as NeedKind })
      if (errors.length) throw new HttpProblem(400, `Besoin invalide : ${errors.map((e) => e.field).join(', ')}.`, { errors })
      if (need.status === 'met' && changes.status === 'open')
        throw new HttpProblem(409, 'Ce besoin est satisfait par un parrainage : déclarez-en un nouveau.', {
          errors: [{ field: 'status', message: 'besoin déjà satisfait' }],
        })
      const reason = changes.status === 'withdrawn' ? 'besoin retiré' : changes.status === 'open' ? 'besoin rouvert' : 'modification'
      await withStoreErrors(() =>
        app.db.transaction().execute((trx) => updateNeed(trx, need.id, changes, version, { actor: caller.label, reason })),
      )
      const updated = (await findNeed(app.db, need.id))!
      reply.header('ETag', versionEtag(updated.id, updated.version))
      return updated
    },
  )

  app.post(
    '/api/v1/needs/:id/offers',
    {
      config: { access: { roles: ['company' as const] } },
      schema: {
        tags: ['parrainages'],
        summary: 'Proposer mon aide',
        description:
          'Le représentant d’une entreprise membre propose de répondre au besoin : un parrainage « en attente » est ' +
          'créé, que le curateur du lieu (ou le référent CINOV-IT) accepte ; le besoin est alors satisfait.',
        params: IdParams,
        body: OfferSchema,
        response: { 201: SponsorshipSchema, ...WriteResponses },
      },
    },
    async (request, reply) => {
      const caller = callerOf(request)
      const need = await findNeed(app.db, request.params.id)
      if (!need) throw notFound(request.params.id)
      if (need.status !== 'open')
        throw new HttpProblem(409, 'Ce besoin n’est plus ouvert.', { errors: [{ field: 'id', message: 'besoin clos' }] })
      const company = caller.companyId ? await findCompany(app.db, caller.companyId) : undefined
      if (!company || company.archived_at) throw new HttpProblem(403, 'Votre compte n’est rattaché à aucune entreprise active.')
      const already = await listSponsorships(app.db, { company_id: company.id, status: 'pending' })
      if (already.some((s) => s.need_id === need.id))
        throw new HttpProblem(409, 'Votre entreprise a déjà proposé son aide pour ce besoin ; le lieu doit encore répondre.')
      const started = request.body.started_on ?? todayInParis()
      const values = {
        company_id: company.id,
        venue_id: need.venue_id,
        kind: need.kind as (typeof SPONSORSHIP_KINDS)[number],
        started_on: started,
        status: 'pending',
        need_id: need.id,
        proposed_by: caller.label,
        ...offerValues(need, request.body, started),
      }
      const errors = sponsorshipErrors(values)
      if (errors.length) invalid(errors)
      const id = await app.db
        .transaction()
        .execute((trx) => insertSponsorship(trx, values, { actor: caller.label, reason: `proposition d’aide (besoin ${need.id})` }))
      reply.header('Location', `/api/v1/sponsorships/${id}`)
      return reply.code(201).send((await findSponsorship(app.db, id))!)
    },
  )
}
export default routes
