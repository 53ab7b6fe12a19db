// Confirming a company's proposal (issue 16): the venue's curator (territory-checked), an admin or the CINOV-IT
// referent accepts — the sponsorship becomes active and the need it answers is met — or declines it.
// The CINOV-IT referent also follows all members' activity.
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { membersActivity } from '../../db/partners/activity.ts'
import { updateNeed } from '../../db/partners/needs.ts'
import { findSponsorship, findSponsorshipRow, listSponsorships, updateSponsorship, venueExists } from '../../db/sponsors/repository.ts'
import { withStoreErrors } from '../../services/store-errors.ts'
import { authorizeVenueWrite, callerOf } from '../plugins/caller.ts'
import { expectedVersion, versionEtag } from '../plugins/if-match.ts'
import { ProblemSchema } from '../plugins/problem-schema.ts'
import { HttpProblem } from '../plugins/problem.ts'
import { IdParams, SponsorshipSchema } from './schemas.ts'

const REVIEWERS = { access: { roles: ['curator' as const, 'admin' as const, 'cinov' as const] } }
const Responses = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema, 412: ProblemSchema }

const routes: FastifyPluginAsyncTypebox = async (app) => {
  for (const decision of ['accept', 'decline'] as const) {
    app.post(
      `/api/v1/sponsorships/:id/${decision}`,
      {
        config: REVIEWERS,
        schema: {
          tags: ['parrainages'],
          summary: decision === 'accept' ? 'Accepter un parrainage proposé' : 'Décliner un parrainage proposé',
          description:
            decision === 'accept'
              ? 'Le curateur du territoire du lieu, un administrateur ou le référent CINOV-IT confirme un parrainage « en ' +
                'attente » : il devient actif et le besoin auquel il répond est satisfait (clos). `If-Match` facultatif.'
              : 'Le curateur du territoire du lieu, un administrateur ou le référent CINOV-IT décline un parrainage « en ' +
                'attente » ; le besoin reste ouvert. `If-Match` facultatif.',
          params: IdParams,
          body: Type.Optional(Type.Object({ reason: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false })),
          response: { 200: SponsorshipSchema, ...Responses },
        },
      },
      async (request, reply) => {
        const caller = callerOf(request)
        const id = request.params.id
        const version = expectedVersion(request.headers['if-match'], id, false, `/api/v1/sponsorships/{id}/${decision}`)
        const current = await findSponsorshipRow(app.db, id)
        if (!current) throw new HttpProblem(404, `Aucun parrainage ne porte l'identifiant ${id}.`)
        // The referent confirms for the whole network; a curator or an admin through the write gate of the venue.
        if (caller.role !== 'cinov') {
          const venue = await venueExists(app.db, current.venue_id)
          if (venue) authorizeVenueWrite(caller, { kind: 'sponsorship', stored: venue, result: venue })
        }
        if (current.status !== 'pending')
          throw new HttpProblem(409, 'Ce parrainage n’est pas en attente de confirmation.', {
            errors: [{ field: 'status', message: `statut actuel : ${current.status}` }],
          })
        const reason = request.body?.reason
        await withStoreErrors(() =>
          app.db.transaction().execute(async (trx) => {
            const done = await updateSponsorship(trx, id, { status: decision === 'accept' ? 'active' : 'declined' }, version, {
              actor: caller.label,
              reason: decision === 'accept' ? 'acceptation' : `refus${reason ? ` : ${reason}` : ''}`,
              action: `sponsorship.${decision}`,
            })
            if (!done) throw new HttpProblem(404, `Aucun parrainage ne porte l'identifiant ${id}.`)
            if (decision === 'accept' && current.need_id)
              await updateNeed(trx, current.need_id, { status: 'met', met_by_sponsorship: id }, null, {
                actor: caller.label,
                reason: `satisfait par le parrainage ${id}`,
                action: 'need.met',
              })
          }),
        )
        const item = (await findSponsorship(app.db, id))!
        reply.header('ETag', versionEtag(item.id, item.version))
        return item
      },
    )
  }

  app.get(
    '/api/v1/partners/activity',
    {
      config: { access: { roles: ['cinov', 'admin'] } },
      schema: {
        tags: ['parrainages'],
        summary: 'Activité des entreprises membres',
        description:
          'Référent CINOV-IT et administrateurs : pour chaque entreprise, ses parrainages par statut, et les propositions en attente.',
        response: {
          200: Type.Object({
            companies: Type.Array(
              Type.Object({
                id: Type.String(),
                nom: Type.String(),
                commune: Type.Union([Type.String(), Type.Null()]),
                cinov_status: Type.String(),
                cinov_member_since: Type.Union([Type.String(), Type.Null()]),
                is_example: Type.Boolean(),
                pending: Type.Integer(),
                active: Type.Integer(),
                other: Type.Integer(),
                last_activity: Type.Union([Type.String(), Type.Null()]),
              }),
            ),
            pending: Type.Array(SponsorshipSchema),
          }),
          401: ProblemSchema,
          403: ProblemSchema,
        },
      },
    },
    async () => {
      const [companies, pending] = await Promise.all([membersActivity(app.readDb), listSponsorships(app.readDb, { status: 'pending' })])
      return { companies, pending }
    },
  )
}
export default routes
