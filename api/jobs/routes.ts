// Member companies' job offers (art. 6): a public, paginated feed ordered by distance; written by admins and
// curators, and by a company account for its own company only. Offers expire by themselves at their closing date.
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Kysely } from 'kysely'
import { todayInParis } from '../../domain/time.ts'
import { communeCentre, companyOfUser, findOffer, insertOffer, liveCompany, searchOffers, updateOffer } from '../../db/jobs/offers.ts'
import type { Database } from '../../db/types.ts'
import { staleVersion } from '../../services/store-errors.ts'
import { callerOf, type Caller, type CallerRole } from '../plugins/caller.ts'
import { expectedVersion, versionEtag } from '../plugins/if-match.ts'
import { ProblemSchema } from '../plugins/problem-schema.ts'
import { HttpProblem, type FieldError } from '../plugins/problem.ts'
import { OfferCreateSchema, OfferPatchSchema, OfferQuery, OfferSchema } from './schemas.ts'

/** `company` (a member company's representative) is given its account rights by the partners work (issue 16 item 1). */
const COMPANY = 'company' as CallerRole
const WRITERS: { access: { roles: CallerRole[] } } = { access: { roles: ['admin', 'curator', COMPANY] } }
const IdParams = Type.Object({ id: Type.String({ format: 'uuid', description: 'Identifiant de l’offre' }) })
const Errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 412: ProblemSchema }
const notFound = (id: string) => new HttpProblem(404, `Aucune offre d’emploi ne porte l’identifiant ${id}.`)

function invalid(errors: FieldError[]): never {
  throw new HttpProblem(400, `Offre invalide : ${errors.map((e) => e.field).join(', ')}.`, { errors })
}

/** The company a caller may publish for: any for admins and curators, its own for a company account. */
async function ownCompany(db: Kysely<Database>, caller: Caller): Promise<string | null> {
  if (caller.role !== COMPANY) return null
  const own = caller.kind === 'session' ? await companyOfUser(db, caller.id) : null
  if (!own) throw new HttpProblem(403, 'Ce compte entreprise n’est rattaché à aucune entreprise.')
  return own
}

async function checkFields(db: Kysely<Database>, body: { code_insee?: string; date_cloture?: string }): Promise<FieldError[]> {
  const errors: FieldError[] = []
  if (body.code_insee !== undefined && !(await communeCentre(db, body.code_insee)))
    errors.push({ field: 'code_insee', message: 'commune inconnue' })
  if (body.date_cloture !== undefined && body.date_cloture < todayInParis())
    errors.push({ field: 'date_cloture', message: 'date de clôture passée' })
  return errors
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/v1/job-offers',
    {
      config: { access: 'public' },
      schema: {
        tags: ['emplois'],
        summary: 'Offres d’emploi des entreprises adhérentes',
        description:
          'Offres ouvertes (date de clôture non passée), du plus proche au plus lointain de `near` ou du centre de ' +
          '`commune` ; `radius` en mètres. Pagination : `limit`, `offset` (`next_offset` dans la réponse).',
        querystring: OfferQuery,
        response: {
          200: Type.Object({ items: Type.Array(OfferSchema), next_offset: Type.Union([Type.Integer(), Type.Null()]) }),
          400: ProblemSchema,
        },
      },
    },
    async (request, reply) => {
      const { near, commune, radius, company_id, limit, offset } = request.query
      if (near !== undefined && commune !== undefined) invalid([{ field: 'near', message: 'donnez near ou commune, pas les deux' }])
      let point: { latitude: number; longitude: number } | null = null
      if (near !== undefined) {
        const m = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/.exec(near)
        const [lat, lon] = m ? [Number(m[1]), Number(m[2])] : [Number.NaN, Number.NaN]
        if (!m || Math.abs(lat) > 90 || Math.abs(lon) > 180)
          invalid([{ field: 'near', message: 'attendu « latitude,longitude » en degrés' }])
        point = { latitude: lat, longitude: lon }
      } else if (commune !== undefined) {
        const centre = await communeCentre(app.readDb, commune)
        if (!centre) invalid([{ field: 'commune', message: 'commune inconnue' }])
        point = { latitude: centre.latitude, longitude: centre.longitude }
      }
      if (radius !== undefined && !point) invalid([{ field: 'radius', message: 'un rayon demande near ou commune' }])
      const rows = await searchOffers(app.readDb, { near: point, radiusM: radius ?? null, companyId: company_id, limit: limit + 1, offset })
      const next = rows.length > limit ? offset + limit : null
      if (next !== null) {
        const params = new URLSearchParams(request.query as unknown as Record<string, string>)
        params.set('offset', String(next))
        reply.header('Link', `</api/v1/job-offers?${params}>; rel="next"`)
      }
      return { items: rows.slice(0, limit), next_offset: next }
    },
  )

  app.get(
    '/api/v1/job-offers/:id',
    {
      config: { access: 'public' },
      schema: {
        tags: ['emplois'],
        summary: 'Lire une offre',
        params: IdParams,
        response: { 200: OfferSchema, 400: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (request, reply) => {
      const offer = await findOffer(app.readDb, request.params.id)
      if (!offer) throw notFound(request.params.id)
      reply.header('ETag', versionEtag(offer.id, offer.version))
      return offer
    },
  )

  app.post(
    '/api/v1/job-offers',
    {
      config: WRITERS,
      schema: {
        tags: ['emplois'],
        summary: 'Publier une offre',
        description: 'Administrateurs et curateurs pour toute entreprise adhérente ; un compte entreprise pour la sienne.',
        body: OfferCreateSchema,
        response: { 201: OfferSchema, ...Errors },
      },
    },
    async (request, reply) => {
      const caller = callerOf(request)
      const own = await ownCompany(app.db, caller)
      const companyId = request.body.company_id ?? own
      if (own && companyId !== own) throw new HttpProblem(403, 'Un compte entreprise ne publie que pour sa propre entreprise.')
      const errors = await checkFields(app.db, request.body)
      if (!companyId) errors.unshift({ field: 'company_id', message: 'entreprise obligatoire' })
      else if (!(await liveCompany(app.db, companyId))) errors.unshift({ field: 'company_id', message: 'entreprise inconnue ou archivée' })
      if (errors.length) invalid(errors)
      const { titre, type_contrat, code_insee, url, date_cloture } = request.body
      const id = await app.db
        .transaction()
        .execute((trx) => insertOffer(trx, { company_id: companyId!, titre, type_contrat, code_insee, url, date_cloture }, caller.label))
      const offer = (await findOffer(app.db, id))!
      reply.header('ETag', versionEtag(id, offer.version)).header('Location', `/api/v1/job-offers/${id}`)
      return reply.code(201).send(offer)
    },
  )

  /** Loads the offer and checks that the caller may change it. */
  async function writable(caller: Caller, id: string) {
    const offer = await findOffer(app.db, id)
    if (!offer) throw notFound(id)
    const own = await ownCompany(app.db, caller)
    if (own && offer.company_id !== own) throw new HttpProblem(403, 'Cette offre est celle d’une autre entreprise.')
    return offer
  }

  async function write(id: string, change: Parameters<typeof updateOffer>[2], version: number | null, actor: string) {
    const done = await app.db.transaction().execute((trx) => updateOffer(trx, id, change, version, actor))
    if (done === false) throw notFound(id)
    if (typeof done === 'number') throw staleVersion(done)
  }

  app.patch(
    '/api/v1/job-offers/:id',
    {
      config: WRITERS,
      schema: {
        tags: ['emplois'],
        summary: 'Modifier une offre',
        description: '`If-Match` obligatoire (412 si périmé). Un compte entreprise ne modifie que les offres de son entreprise.',
        params: IdParams,
        body: OfferPatchSchema,
        response: { 200: OfferSchema, ...Errors, 428: ProblemSchema },
      },
    },
    async (request, reply) => {
      const caller = callerOf(request)
      const { id } = request.params
      const version = expectedVersion(request.headers['if-match'], id, true, '/api/v1/job-offers/{id}')
      await writable(caller, id)
      const errors = await checkFields(app.db, request.body)
      if (errors.length) invalid(errors)
      await write(id, request.body, version, caller.label)
      const offer = (await findOffer(app.db, id))!
      reply.header('ETag', versionEtag(id, offer.version))
      return offer
    },
  )

  app.delete(
    '/api/v1/job-offers/:id',
    {
      config: WRITERS,
      schema: {
        tags: ['emplois'],
        summary: 'Retirer une offre',
        description: 'Archive l’offre (jamais d’effacement) ; `If-Match` facultatif.',
        params: IdParams,
        response: { 200: OfferSchema, ...Errors },
      },
    },
    async (request, reply) => {
      const caller = callerOf(request)
      const { id } = request.params
      const version = expectedVersion(request.headers['if-match'], id, false, '/api/v1/job-offers/{id}')
      await writable(caller, id)
      await write(id, { archived: true }, version, caller.label)
      const offer = (await findOffer(app.db, id))!
      reply.header('ETag', versionEtag(id, offer.version))
      return offer
    },
  )
}
export default routes
