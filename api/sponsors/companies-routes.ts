// Companies: public reads, admin writes (create, patch with If-Match, archive), history, nearby venues.
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { callerOf } from '../plugins/caller.ts'
import { assertCompanyEdit } from './company-rights.ts'
import { ProblemSchema } from '../plugins/problem-schema.ts'
import { HttpProblem } from '../plugins/problem.ts'
import { expectedVersion, versionEtag } from '../plugins/if-match.ts'
import { withStoreErrors } from '../../services/store-errors.ts'
import {
  communeExists,
  companyHistory,
  findCompany,
  findCompanyBySiret,
  insertCompany,
  listCompanies,
  listSponsorships,
  nearbyVenues,
  resolveCommune,
  sponsoredVenues,
  updateCompany,
  type CompanyValues,
} from '../../db/sponsors/repository.ts'
import {
  CompanyCreateSchema,
  CompanyDetailSchema,
  CompanyPatchSchema,
  CompanySchema,
  HistorySchema,
  IdParams,
  NearbyVenueSchema,
  CINOV_STATUSES,
  type CompanyPatch,
} from './schemas.ts'
import { companyErrors } from './validate.ts'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/types.ts'

const ADMIN = { access: { roles: ['admin' as const] } }
const WriteResponses = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
  412: ProblemSchema,
  428: ProblemSchema,
}

/** Checks and completes a company's values (SIRET normalised, commune resolved for the map). */
export async function prepareCompany(db: Kysely<Database>, input: CompanyPatch): Promise<CompanyValues> {
  const errors = companyErrors(input)
  if (errors.length) throw new HttpProblem(400, `Entreprise invalide : ${errors.map((e) => e.field).join(', ')}.`, { errors })
  const values: CompanyValues = { ...input } as CompanyValues
  if (input.siret !== undefined) values.siret = input.siret.replace(/\s/g, '')
  if (input.code_naf) values.code_naf = input.code_naf.replace(/^(\d{2})(\d{2})/, '$1.$2')
  if (input.code_insee && !(await communeExists(db, input.code_insee))) {
    throw new HttpProblem(400, 'Code INSEE inconnu du référentiel des communes.', {
      errors: [{ field: 'code_insee', message: 'commune inconnue' }],
    })
  }
  if (!input.code_insee && input.code_postal && input.commune)
    values.code_insee = await resolveCommune(db, input.code_postal, input.commune)
  return values
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/v1/companies',
    {
      config: { access: 'public' },
      schema: {
        tags: ['parrainages'],
        summary: 'Lister les entreprises membres',
        description: 'Entreprises adhérentes de CINOV-IT (non archivées), avec le nombre de parrainages en cours et de lieux parrainés.',
        querystring: Type.Object(
          {
            q: Type.Optional(Type.String({ maxLength: 200, description: 'Recherche sur le nom (sans accents ni casse)' })),
            cinov_status: Type.Optional(Type.String({ enum: [...CINOV_STATUSES] })),
            limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
            offset: Type.Integer({ minimum: 0, default: 0 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(CompanySchema) }), 400: ProblemSchema },
      },
    },
    async (request) => {
      const { q, cinov_status, limit, offset } = request.query
      return { items: await listCompanies(app.readDb, { q, status: cinov_status, limit, offset }) }
    },
  )

  app.get(
    '/api/v1/companies/:id',
    {
      config: { access: 'public' },
      schema: {
        tags: ['parrainages'],
        summary: 'Lire une entreprise',
        description: 'L’entreprise, ses parrainages (en cours et passés) et les lieux qu’elle parraine.',
        params: IdParams,
        response: { 200: CompanyDetailSchema, 400: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (request, reply) => {
      const company = await findCompany(app.readDb, request.params.id)
      if (!company) throw new HttpProblem(404, `Aucune entreprise ne porte l'identifiant ${request.params.id}.`)
      reply.header('ETag', versionEtag(company.id, company.version))
      const [sponsorships, venues] = await Promise.all([
        listSponsorships(app.readDb, { company_id: company.id }),
        sponsoredVenues(app.readDb, company.id),
      ])
      return { ...company, sponsorships, venues }
    },
  )

  app.get(
    '/api/v1/companies/:id/history',
    {
      config: { access: 'public' },
      schema: {
        tags: ['parrainages'],
        summary: 'Historique d’une entreprise',
        params: IdParams,
        response: { 200: HistorySchema, 400: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (request) => {
      const items = await companyHistory(app.readDb, request.params.id)
      if (items.length === 0) throw new HttpProblem(404, `Aucune entreprise ne porte l'identifiant ${request.params.id}.`)
      return { items }
    },
  )

  app.get(
    '/api/v1/companies/:id/nearby-venues',
    {
      config: { access: 'public' },
      schema: {
        tags: ['parrainages'],
        summary: 'Lieux proches d’une entreprise',
        description:
          'Lieux publiés à moins de `radius` mètres (distance géodésique) de l’entreprise, du plus proche au plus ' +
          'lointain. `unsponsored=true` : seulement ceux qui n’ont aucun parrainage en cours.',
        params: IdParams,
        querystring: Type.Object(
          {
            radius: Type.Integer({ minimum: 1, maximum: 200000, default: 10000, description: 'Rayon en mètres' }),
            unsponsored: Type.Boolean({ default: false }),
            limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ items: Type.Array(NearbyVenueSchema) }),
          400: ProblemSchema,
          404: ProblemSchema,
          409: ProblemSchema,
        },
      },
    },
    async (request) => {
      const company = await findCompany(app.readDb, request.params.id)
      if (!company || company.archived_at) throw new HttpProblem(404, `Aucune entreprise ne porte l'identifiant ${request.params.id}.`)
      if (company.latitude === null)
        throw new HttpProblem(409, 'Cette entreprise n’est pas localisée : renseignez ses coordonnées ou sa commune.')
      const { radius, unsponsored, limit } = request.query
      return { items: await nearbyVenues(app.readDb, company.id, radius, unsponsored, limit) }
    },
  )

  app.post(
    '/api/v1/companies',
    {
      config: ADMIN,
      schema: {
        tags: ['parrainages'],
        summary: 'Créer une entreprise',
        description: 'Réservé aux administrateurs. SIRET contrôlé (clé de Luhn, exception La Poste).',
        body: CompanyCreateSchema,
        response: { 201: CompanySchema, ...WriteResponses },
      },
    },
    async (request, reply) => {
      const caller = callerOf(request)
      const values = await prepareCompany(app.db, request.body)
      const id = await app.db.transaction().execute(async (trx) => {
        if (await findCompanyBySiret(trx, values.siret!)) {
          throw new HttpProblem(409, `Une entreprise porte déjà le SIRET ${values.siret}.`, {
            errors: [{ field: 'siret', message: 'déjà enregistré' }],
          })
        }
        return insertCompany(trx, values as CompanyValues & { siret: string; nom: string }, { actor: caller.label, reason: 'création' })
      })
      const company = (await findCompany(app.db, id))!
      reply.header('ETag', versionEtag(id, company.version)).header('Location', `/api/v1/companies/${id}`)
      return reply.code(201).send(company)
    },
  )

  app.patch(
    '/api/v1/companies/:id',
    {
      config: { access: { roles: ['admin', 'company', 'cinov'] } },
      schema: {
        tags: ['parrainages'],
        summary: 'Modifier une entreprise',
        description:
          'Administrateurs ; le représentant d’une entreprise pour sa propre fiche (ni SIRET ni adhésion) ; le référent ' +
          'CINOV-IT pour l’adhésion seule (`cinov_member_since`, `cinov_status`). `If-Match` obligatoire (ETag lu), 412 ' +
          'si la fiche a changé entre-temps.',
        params: IdParams,
        body: CompanyPatchSchema,
        response: { 200: CompanySchema, ...WriteResponses },
      },
    },
    async (request, reply) => {
      const caller = callerOf(request)
      assertCompanyEdit(caller, request.params.id, Object.keys(request.body))
      const version = expectedVersion(request.headers['if-match'], request.params.id, true, '/api/v1/companies/{id}')
      const values = await prepareCompany(app.db, request.body)
      await app.db.transaction().execute(async (trx) => {
        if (values.siret) {
          const other = await findCompanyBySiret(trx, values.siret)
          if (other && other.id !== request.params.id)
            throw new HttpProblem(409, `Une entreprise porte déjà le SIRET ${values.siret}.`, {
              errors: [{ field: 'siret', message: 'déjà enregistré' }],
            })
        }
        await writeCompany(trx, request.params.id, values, version, {
          actor: caller.label,
          reason: 'modification',
          action: 'company.update',
        })
      })
      const company = (await findCompany(app.db, request.params.id))!
      reply.header('ETag', versionEtag(company.id, company.version))
      return company
    },
  )

  app.delete(
    '/api/v1/companies/:id',
    {
      config: ADMIN,
      schema: {
        tags: ['parrainages'],
        summary: 'Archiver une entreprise',
        description:
          'Réservé aux administrateurs. Archive (jamais d’effacement) : l’entreprise disparaît des listes publiques, ses ' +
          'parrainages ne comptent plus. `If-Match` facultatif.',
        params: IdParams,
        response: { 200: CompanySchema, ...WriteResponses },
      },
    },
    async (request, reply) => {
      const caller = callerOf(request)
      const version = expectedVersion(request.headers['if-match'], request.params.id, false, '/api/v1/companies/{id}')
      await app.db.transaction().execute(async (trx) => {
        await writeCompany(trx, request.params.id, { archived_at: new Date() }, version, {
          actor: caller.label,
          reason: 'archivage',
          action: 'company.archive',
        })
      })
      const company = (await findCompany(app.db, request.params.id))!
      reply.header('ETag', versionEtag(company.id, company.version))
      return company
    },
  )

  async function writeCompany(
    db: Kysely<Database>,
    id: string,
    values: CompanyValues,
    version: number | null,
    context: { actor: string; reason: string; action: string },
  ) {
    const done = await withStoreErrors(() => updateCompany(db, id, values, version, context))
    if (!done) throw new HttpProblem(404, `Aucune entreprise ne porte l'identifiant ${id}.`)
  }
}
export default routes
