// The network criteria (art. 8): the version in force with, per computable criterion, the share of the
// territory's published venues meeting it; a new version is adopted by an admin on the committee's decision.
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { CriterionMeasure, NetworkCriterion } from '../../domain/committees.ts'
import { TERRITORY_SOURCE } from '../../domain/territory.ts'
import { adoptCriteria, listCriteriaVersions, measureShares } from '../../db/committees/criteria.ts'
import { findMeeting } from '../../db/committees/meetings.ts'
import { parseTerritory } from '../../db/territory.ts'
import { callerOf } from '../plugins/caller.ts'
import { ProblemSchema } from '../plugins/problem-schema.ts'
import { HttpProblem } from '../plugins/problem.ts'
import { CriteriaAdoptSchema, CriteriaSchema } from './schemas.ts'

const routes: FastifyPluginAsyncTypebox = async (app) => {
  async function criteriaFor(territoryCode: string) {
    const territory = parseTerritory(territoryCode)
    if (!territory)
      throw new HttpProblem(400, `Territoire inconnu : ${territoryCode}.`, {
        errors: [{ field: 'territory', message: 'fr, reg:XX ou dep:XX' }],
      })
    const versions = await listCriteriaVersions(app.readDb)
    const current = versions[0]
    const measures = (current?.criteria ?? []).map((c) => c.mesure).filter((m): m is CriterionMeasure => m !== null)
    const shares = await measureShares(app.readDb, territory, measures)
    return {
      territory: territoryCode,
      published: shares.published,
      version: current?.version ?? null,
      adopted_on: current?.adopted_on ?? null,
      meeting_id: current?.meeting_id ?? null,
      criteria: (current?.criteria ?? []).map((c) => ({
        ...c,
        venues: c.mesure ? shares.measures[c.mesure].venues : null,
        share: c.mesure ? shares.measures[c.mesure].share : null,
      })),
      versions: versions.map(({ version, adopted_on, meeting_id }) => ({ version, adopted_on, meeting_id })),
    }
  }

  app.get(
    '/api/v1/governance/criteria',
    {
      config: { access: 'public' },
      schema: {
        tags: ['gouvernance'],
        summary: 'Critères du réseau',
        description:
          'Les critères du réseau de médiation numérique adoptés par le comité (version en vigueur) et, pour chaque ' +
          'critère calculable, la part des lieux publiés du territoire qui le remplissent.',
        querystring: Type.Object(
          { territory: Type.String({ default: 'fr', pattern: TERRITORY_SOURCE, description: 'fr, reg:XX ou dep:XX' }) },
          { additionalProperties: false },
        ),
        response: { 200: CriteriaSchema, 400: ProblemSchema },
      },
    },
    async (request) => criteriaFor(request.query.territory),
  )

  app.post(
    '/api/v1/governance/criteria',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags: ['gouvernance'],
        summary: 'Adopter une version des critères',
        description:
          'Réservé aux administrateurs : enregistre la liste adoptée par le comité (nouvelle version ; les précédentes restent lisibles).',
        body: CriteriaAdoptSchema,
        response: { 201: CriteriaSchema, 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema },
      },
    },
    async (request, reply) => {
      const caller = callerOf(request)
      const { adopted_on, criteria } = request.body
      const meetingId = request.body.meeting_id ?? null
      const codes = criteria.map((c) => c.code)
      const duplicate = codes.find((c, i) => codes.indexOf(c) !== i)
      if (duplicate)
        throw new HttpProblem(400, `Le code de critère « ${duplicate} » figure deux fois.`, {
          errors: [{ field: 'criteria', message: 'codes en double' }],
        })
      if (meetingId && !(await findMeeting(app.db, meetingId)))
        throw new HttpProblem(400, 'Séance inconnue.', { errors: [{ field: 'meeting_id', message: 'aucune séance de cet identifiant' }] })
      await app.db
        .transaction()
        .execute((trx) => adoptCriteria(trx, { adopted_on, meeting_id: meetingId, criteria: criteria as NetworkCriterion[] }, caller.label))
      return reply.code(201).send(await criteriaFor('fr'))
    },
  )
}
export default routes
