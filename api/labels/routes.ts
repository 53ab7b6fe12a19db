// Labels: the public catalogue, its administration, and awards to venues (grant, renew, revoke).
// Mapping with the standard: a catalogue label may name a value of `dispositif_programmes_nationaux` or
// `formations_labels`; a venue declaring that value shows the label as *declared* (the producer's word),
// while an *award* is a curator's decision with dates, evidence and a lifecycle. Only awards are "active
// labels" (venue payload `labels`, search filter `labels`); declared values stay searchable by their own field.
import { todayInParis } from '../../domain/time.ts'
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { findVenue } from '../../db/curation/history.ts'
import {
  declaredLabels,
  findAward,
  findLabel,
  insertAward,
  insertLabel,
  listAwards,
  listLabels,
  renewAward,
  revokeAward,
  updateLabel,
} from '../../db/labels/repository.ts'
import { authorizeVenueWrite, callerOf } from '../plugins/caller.ts'
import { ProblemSchema } from '../plugins/problem-schema.ts'
import { HttpProblem } from '../plugins/problem.ts'
import {
  AwardBody,
  AwardParams,
  AwardSchema,
  LabelBody,
  LabelPatchBody,
  LabelSchema,
  RenewBody,
  RevokeBody,
  VenueParams,
} from './schemas.ts'

const security: Record<string, string[]>[] = [{ apiKey: [] }, { session: [] }]
const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema }
type StandardFieldName = 'dispositif_programmes_nationaux' | 'formations_labels'
const curators = { access: { roles: ['curator' as const, 'admin' as const] } }

const isoDate = (d: unknown) => (d instanceof Date ? d.toISOString().slice(0, 10) : d === null ? null : String(d))
const isoTime = (d: unknown) => (d instanceof Date ? d.toISOString() : String(d))

function label<T extends { created_at: Date; active_awards?: number | null }>(row: T) {
  return { ...row, created_at: isoTime(row.created_at), ...('active_awards' in row ? { active_awards: row.active_awards ?? 0 } : {}) }
}
function award<T extends { granted_on: string; expires_on: string | null; revoked_on: string | null; created_at: Date }>(row: T) {
  return {
    ...row,
    granted_on: isoDate(row.granted_on)!,
    expires_on: isoDate(row.expires_on),
    revoked_on: isoDate(row.revoked_on),
    created_at: isoTime(row.created_at),
  }
}

/** `date` plus `months` months, as YYYY-MM-DD. */
export function addMonths(date: string, months: number): string {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCMonth(d.getUTCMonth() + months)
  return d.toISOString().slice(0, 10)
}
const today = () => todayInParis()

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/v1/labels',
    {
      config: { access: 'public' },
      schema: {
        tags: ['labels'],
        summary: 'Catalogue des labels',
        description:
          'Labels de type NetPublic : émetteur, critères, logo, durée de validité par défaut, valeur du standard ' +
          'correspondante et nombre d’attributions actives.',
        response: { 200: Type.Object({ items: Type.Array(LabelSchema) }) },
      },
    },
    async () => ({ items: (await listLabels(app.readDb)).map(label) }),
  )

  app.post(
    '/api/v1/labels',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags: ['labels'],
        summary: 'Ajouter un label au catalogue',
        description:
          'Nom, émetteur, critères, logo, durée de validité par défaut, et la valeur du standard ' +
          '(`dispositif_programmes_nationaux` ou `formations_labels`) qu’il représente le cas échéant.',
        security,
        body: LabelBody,
        response: { 201: LabelSchema, 409: ProblemSchema, ...errors },
      },
    },
    async (request, reply) => {
      const b = request.body
      try {
        const row = await insertLabel(
          app.db,
          {
            slug: b.slug,
            nom: b.nom,
            issuer: b.issuer ?? '',
            criteria: b.criteria ?? '',
            logo_url: b.logo_url ?? null,
            default_validity_months: b.default_validity_months ?? null,
            standard_field: (b.standard_field ?? null) as StandardFieldName | null,
            standard_value: b.standard_value ?? null,
          },
          callerOf(request).label,
        )
        return reply.code(201).send(label(row))
      } catch (error) {
        if ((error as { code?: string }).code === '23505') throw new HttpProblem(409, `Un label porte déjà l’identifiant « ${b.slug} ».`)
        throw error
      }
    },
  )

  app.patch(
    '/api/v1/labels/:id',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags: ['labels'],
        summary: 'Modifier un label du catalogue',
        description: 'Les attributions existantes gardent leurs dates.',
        security,
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        body: LabelPatchBody,
        response: { 200: LabelSchema, ...errors },
      },
    },
    async (request) => {
      const row = await updateLabel(app.db, request.params.id, request.body as Parameters<typeof updateLabel>[2], callerOf(request).label)
      if (!row) throw new HttpProblem(404, `Aucun label n° ${request.params.id}.`)
      return label(row)
    },
  )

  app.get(
    '/api/v1/venues/:id/labels',
    {
      config: { access: 'public' },
      schema: {
        tags: ['labels'],
        summary: 'Labels d’un lieu',
        description:
          '`awards` : attributions avec leur état (`active`, `upcoming`, `expired`, `revoked`) ; `declared` : labels du ' +
          'catalogue que le producteur déclare dans `dispositif_programmes_nationaux` ou `formations_labels`.',
        params: VenueParams,
        response: {
          200: Type.Object({
            awards: Type.Array(AwardSchema),
            declared: Type.Array(
              Type.Object({
                id: Type.Integer(),
                slug: Type.String(),
                nom: Type.String(),
                standard_field: Type.Union([Type.String(), Type.Null()]),
                standard_value: Type.Union([Type.String(), Type.Null()]),
              }),
            ),
          }),
          404: ProblemSchema,
        },
      },
    },
    async (request) => {
      const venue = await findVenue(app.readDb, request.params.id)
      if (!venue || venue.status === 'pending') throw new HttpProblem(404, `Aucun lieu ne porte l'identifiant ${request.params.id}.`)
      const [awards, declared] = await Promise.all([listAwards(app.readDb, venue.id), declaredLabels(app.readDb, venue.id)])
      return { awards: awards.map(award), declared }
    },
  )

  app.post(
    '/api/v1/venues/:id/labels',
    {
      config: curators,
      schema: {
        tags: ['labels'],
        summary: 'Attribuer un label à un lieu',
        description:
          'Début `granted_on` (aujourd’hui par défaut), fin `expires_on` (par défaut : la durée de validité du label), ' +
          'justificatif `evidence`. Dans votre territoire.',
        security,
        params: VenueParams,
        body: AwardBody,
        response: { 201: AwardSchema, ...errors },
      },
    },
    async (request, reply) => {
      const caller = callerOf(request)
      const venue = await findVenue(app.db, request.params.id)
      if (!venue) throw new HttpProblem(404, `Aucun lieu ne porte l'identifiant ${request.params.id}.`)
      authorizeVenueWrite(caller, { kind: 'label', stored: venue, result: venue })
      const l = await findLabel(app.db, request.body.label_id)
      if (!l)
        throw new HttpProblem(400, `Aucun label n° ${request.body.label_id}.`, {
          errors: [{ field: 'label_id', message: 'label inconnu' }],
        })
      const grantedOn = request.body.granted_on ?? today()
      const expiresOn =
        request.body.expires_on !== undefined
          ? request.body.expires_on
          : l.default_validity_months
            ? addMonths(grantedOn, l.default_validity_months)
            : null
      if (expiresOn !== null && expiresOn < grantedOn)
        throw new HttpProblem(400, 'La fin précède le début.', { errors: [{ field: 'expires_on', message: 'antérieure à granted_on' }] })
      const row = await insertAward(
        app.db,
        { venueId: venue.id, labelId: l.id, grantedOn, expiresOn, evidence: request.body.evidence ?? null },
        caller.label,
      )
      const full = (await listAwards(app.db, venue.id)).find((a) => a.id === row.id)!
      return reply.code(201).send(award(full))
    },
  )

  app.post(
    '/api/v1/venues/:id/labels/:award_id/renew',
    {
      config: curators,
      schema: {
        tags: ['labels'],
        summary: 'Renouveler une attribution',
        description:
          'Repousse la fin à `expires_on` (par défaut : la durée de validité du label à compter de la fin actuelle, ou ' +
          'd’aujourd’hui si elle est passée).',
        security,
        params: AwardParams,
        body: RenewBody,
        response: { 200: AwardSchema, 409: ProblemSchema, ...errors },
      },
    },
    async (request) => {
      const caller = callerOf(request)
      const venue = await findVenue(app.db, request.params.id)
      if (!venue) throw new HttpProblem(404, `Aucun lieu ne porte l'identifiant ${request.params.id}.`)
      authorizeVenueWrite(caller, { kind: 'label', stored: venue, result: venue })
      const current = await findAward(app.db, venue.id, request.params.award_id)
      if (!current) throw new HttpProblem(404, 'Attribution introuvable pour ce lieu.')
      if (current.revoked_on) throw new HttpProblem(409, 'Attribution retirée : attribuez le label à nouveau.')
      const l = (await findLabel(app.db, current.label_id))!
      const from = current.expires_on && isoDate(current.expires_on)! > today() ? isoDate(current.expires_on)! : today()
      const expiresOn =
        request.body.expires_on !== undefined
          ? request.body.expires_on
          : l.default_validity_months
            ? addMonths(from, l.default_validity_months)
            : null
      await renewAward(app.db, current.id, expiresOn, request.body.evidence ?? null, caller.label)
      return award((await listAwards(app.db, venue.id)).find((a) => a.id === current.id)!)
    },
  )

  app.post(
    '/api/v1/venues/:id/labels/:award_id/revoke',
    {
      config: curators,
      schema: {
        tags: ['labels'],
        summary: 'Retirer une attribution',
        description: 'Le motif est obligatoire ; l’attribution reste dans l’historique du lieu.',
        security,
        params: AwardParams,
        body: RevokeBody,
        response: { 200: AwardSchema, 409: ProblemSchema, ...errors },
      },
    },
    async (request) => {
      const caller = callerOf(request)
      const venue = await findVenue(app.db, request.params.id)
      if (!venue) throw new HttpProblem(404, `Aucun lieu ne porte l'identifiant ${request.params.id}.`)
      authorizeVenueWrite(caller, { kind: 'label', stored: venue, result: venue })
      const current = await findAward(app.db, venue.id, request.params.award_id)
      if (!current) throw new HttpProblem(404, 'Attribution introuvable pour ce lieu.')
      if (!(await revokeAward(app.db, current.id, request.body.reason, caller.label)))
        throw new HttpProblem(409, 'Attribution déjà retirée.')
      return award((await listAwards(app.db, venue.id)).find((a) => a.id === current.id)!)
    },
  )
}
export default routes
