// Emplois d'avenir followed to their term (art. 3): the contracts ending within a window (or ended with no outcome
// yet), and the outcome recorded at the end as an aggregate category — never anything on the young person.
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { EMPLOI_AVENIR_OUTCOMES, type EmploiAvenirOutcome } from '../../domain/committees.ts'
import { todayInParis } from '../../domain/time.ts'
import { endingEmploisAvenir, findEmploiAvenir } from '../../db/sponsors/emplois-avenir.ts'
import { findSponsorship, updateSponsorship, venueExists } from '../../db/sponsors/repository.ts'
import { withStoreErrors } from '../../services/store-errors.ts'
import { authorizeVenueWrite, callerOf } from '../plugins/caller.ts'
import { expectedVersion, versionEtag } from '../plugins/if-match.ts'
import { ProblemSchema } from '../plugins/problem-schema.ts'
import { HttpProblem } from '../plugins/problem.ts'

/** Outcomes may be recorded from this many days before the term (a hiring is often known before the end). */
export const OUTCOME_WINDOW_DAYS = 90

const Ending = Type.Object({
  id: Type.String({ format: 'uuid' }),
  company_id: Type.String(),
  entreprise: Type.String(),
  venue_id: Type.String(),
  lieu: Type.String(),
  commune: Type.Union([Type.String(), Type.Null()]),
  started_on: Type.String({ format: 'date' }),
  ended_on: Type.String({ format: 'date', description: 'Terme du contrat (trois ans après le début, sauf mention contraire)' }),
  youth_count: Type.Union([Type.Integer(), Type.Null()]),
  outcome: Type.Union([Type.String({ enum: [...EMPLOI_AVENIR_OUTCOMES] }), Type.Null()]),
  days_left: Type.Integer({ description: 'Jours avant le terme (négatif : terme passé)' }),
  version: Type.Integer(),
})

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10)

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/v1/emplois-avenir/echeances',
    {
      config: { access: { roles: ['admin', 'curator', 'cinov'] } },
      schema: {
        tags: ['parrainages'],
        summary: 'Emplois d’avenir arrivant à terme',
        description:
          'Contrats d’emploi d’avenir dont le terme tombe dans les `within_days` prochains jours (90 par défaut), et ' +
          'ceux arrivés à terme dont le devenir reste à saisir.',
        querystring: Type.Object({ within_days: Type.Integer({ minimum: 1, maximum: 366, default: 90 }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ items: Type.Array(Ending) }), 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema },
      },
    },
    async (request) => ({ items: await endingEmploisAvenir(app.db, request.query.within_days) }),
  )

  app.post(
    '/api/v1/sponsorships/:id/outcome',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags: ['parrainages'],
        summary: 'Saisir le devenir à la fin d’un emploi d’avenir',
        description:
          `Réservé aux administrateurs. Catégorie agrégée (${EMPLOI_AVENIR_OUTCOMES.join(', ')}), aucune donnée ` +
          `personnelle. Possible dans les ${OUTCOME_WINDOW_DAYS} jours qui précèdent le terme et après. \`If-Match\` ` +
          `facultatif.`,
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        body: Type.Object({ outcome: Type.String({ enum: [...EMPLOI_AVENIR_OUTCOMES] }) }, { additionalProperties: false }),
        response: {
          200: Type.Object({ id: Type.String(), outcome: Type.String(), version: Type.Integer() }),
          400: ProblemSchema,
          401: ProblemSchema,
          403: ProblemSchema,
          404: ProblemSchema,
          412: ProblemSchema,
        },
      },
    },
    async (request, reply) => {
      const caller = callerOf(request)
      const { id } = request.params
      const version = expectedVersion(request.headers['if-match'], id, false, '/api/v1/sponsorships/{id}')
      const row = await findEmploiAvenir(app.db, id)
      if (!row || row.archived_at) throw new HttpProblem(404, `Aucun parrainage en cours ne porte l’identifiant ${id}.`)
      if (row.kind !== 'emploi_avenir')
        throw new HttpProblem(400, 'Le devenir ne se saisit que pour un emploi d’avenir.', {
          errors: [{ field: 'outcome', message: 'parrainage d’un autre type' }],
        })
      const opensOn = row.ended_on ? addDays(String(row.ended_on).slice(0, 10), -OUTCOME_WINDOW_DAYS) : null
      if (!opensOn || todayInParis() < opensOn)
        throw new HttpProblem(400, `Le devenir se saisit à l’approche du terme (à partir du ${opensOn ?? 'terme connu'}).`, {
          errors: [{ field: 'outcome', message: 'contrat loin de son terme' }],
        })
      const venue = await venueExists(app.db, row.venue_id)
      if (venue) authorizeVenueWrite(caller, { kind: 'sponsorship', stored: venue, result: venue })
      await withStoreErrors(() =>
        app.db.transaction().execute((trx) =>
          updateSponsorship(trx, id, { outcome: request.body.outcome as EmploiAvenirOutcome }, version, {
            actor: caller.label,
            reason: 'devenir en fin de contrat',
            action: 'sponsorship.outcome',
          }),
        ),
      )
      const item = (await findSponsorship(app.db, id))!
      reply.header('ETag', versionEtag(id, item.version))
      return { id, outcome: request.body.outcome, version: item.version }
    },
  )
}
export default routes
