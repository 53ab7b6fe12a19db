// Server-rendered pages: /lieux/{id} (works without JavaScript) and its no-JS "Signaler une erreur" form
// post, plus /api/v1/config which tells the public map which basemap to load.
import formbody from '@fastify/formbody'
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { loadVenueExtras } from '../../db/venue-extras.ts'
import { offersNearVenue } from '../../db/jobs/offers.ts'
import { OFFERS_NEAR_VENUE_KM } from '../../domain/committees.ts'
import { html } from './html.ts'
import { ProblemSchema } from '../plugins/problem-schema.ts'
import { layout } from './layout.ts'
import { findVenueForPage } from '../../db/pages/queries.ts'
import { renderVenuePage } from './venue-page.ts'

const IdParams = Type.Object({ id: Type.String({ maxLength: 100, description: 'Identifiant du lieu (UUID)' }) })
const PageQuery = Type.Object(
  {
    signalement: Type.Optional(Type.String({ maxLength: 20, description: '`envoye` après un signalement sans JavaScript' })),
  },
  { additionalProperties: true },
)
const ReportForm = Type.Object(
  {
    message: Type.Optional(Type.String({ maxLength: 5000 })),
    nom: Type.Optional(Type.String({ maxLength: 500 })),
    courriel: Type.Optional(Type.String({ maxLength: 500 })),
    champ: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: true },
)

const ConfigSchema = Type.Object(
  {
    basemap_style_url: Type.String({ description: 'Style MapLibre du fond de carte (BASEMAP_STYLE_URL, sinon le style hors ligne livré)' }),
    basemap_offline: Type.Boolean({ description: 'Vrai quand le fond de carte est le style hors ligne livré' }),
  },
  { examples: [{ basemap_style_url: '/basemap/style.json', basemap_offline: true }] },
)

function notFoundPage(id: string): string {
  return layout({
    title: 'Lieu introuvable — Maillage',
    description: 'Ce lieu de médiation numérique est introuvable.',
    body: html`<div class="fr-container fr-my-6w"><h1>Lieu introuvable</h1>
      <p>Aucun lieu publié ne porte l’identifiant « ${id} ». Il a peut-être été retiré de l’annuaire.</p>
      <p><a class="fr-btn" href="/">Chercher un lieu sur la carte</a></p></div>`,
  })
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(formbody)

  app.get(
    '/api/v1/config',
    {
      config: { access: 'public' },
      schema: {
        tags: ['carte'],
        summary: 'Configuration de la carte publique',
        description:
          'Le style MapLibre du fond de carte : `BASEMAP_STYLE_URL` si configuré (IGN Plan, OpenFreeMap…), sinon le ' +
          'style hors ligne livré avec l’application.',
        response: { 200: ConfigSchema },
      },
    },
    async (_request, reply) => {
      reply.header('Cache-Control', 'public, max-age=300')
      const url = app.config.basemapStyleUrl
      return { basemap_style_url: url ?? '/basemap/style.json', basemap_offline: !url }
    },
  )

  // The yearly report lives at /gouvernance/rapport/{year}: without a year, the current one.
  app.get(
    '/gouvernance/rapport',
    {
      config: { access: 'public' },
      schema: { hide: true, querystring: Type.Object({}, { additionalProperties: true }), response: { 302: Type.Null() } },
    },
    async (request, reply) => {
      const query = new URLSearchParams(request.query as Record<string, string>).toString()
      return reply
        .code(302)
        .header('Location', `/gouvernance/rapport/${new Date().getUTCFullYear()}${query ? `?${query}` : ''}`)
        .send(null)
    },
  )

  app.get(
    '/lieux/:id',
    {
      config: { access: 'public' },
      schema: {
        tags: ['pages'],
        summary: 'Page HTML d’un lieu',
        description: 'Page publique d’un lieu, rendue côté serveur (fonctionne sans JavaScript), avec données structurées JSON-LD.',
        params: IdParams,
        querystring: PageQuery,
        response: { 200: Type.String({ description: 'Page HTML' }), 301: Type.Null(), 404: Type.String({ description: 'Page HTML' }) },
      },
    },
    async (request, reply) => {
      const venue = await findVenueForPage(app.readDb, request.params.id)
      reply.header('Content-Type', 'text/html; charset=utf-8')
      if (venue?.merged_into) return reply.code(301).header('Location', `/lieux/${venue.merged_into}`).send(null)
      if (!venue || venue.status === 'pending') return reply.code(404).send(notFoundPage(request.params.id))
      const extras = (await loadVenueExtras(app.readDb, [venue.id])).get(venue.id) ?? { labels: [], sponsors: [], needs: [] }
      reply.header('Cache-Control', 'no-cache')
      const offers = await offersNearVenue(app.readDb, venue.id, OFFERS_NEAR_VENUE_KM * 1000)
      return renderVenuePage({
        venue,
        extras,
        offers,
        baseUrl: app.config.publicBaseUrl,
        reportStatus: request.query.signalement === 'envoye' ? 'sent' : null,
      })
    },
  )

  // Without JavaScript the form posts here; the report goes through the public reports endpoint so its
  // validation and rate limit apply, then the visitor is sent back to the page with a confirmation.
  app.post(
    '/lieux/:id/signaler',
    {
      config: { access: 'public' },
      schema: {
        tags: ['pages'],
        summary: 'Signaler une erreur (formulaire sans JavaScript)',
        description: 'Reçoit le formulaire HTML et le transmet à `POST /api/v1/venues/{id}/reports`.',
        params: IdParams,
        body: ReportForm,
        response: {
          303: Type.Null(),
          200: Type.String(),
          // The form's own refusals come back as the page (HTML); a request the route's schema refuses before the
          // handler runs (a malformed id or body) gets the API's problem+json, as every route does.
          400: {
            description: 'Formulaire refusé',
            content: { 'text/html': { schema: Type.String() }, 'application/problem+json': { schema: ProblemSchema } },
          },
          404: Type.String(),
          429: Type.String(),
        },
      },
    },
    async (request, reply) => {
      const venue = await findVenueForPage(app.readDb, request.params.id)
      reply.header('Content-Type', 'text/html; charset=utf-8')
      if (!venue || venue.status === 'pending') return reply.code(404).send(notFoundPage(request.params.id))
      const form = request.body
      const payload: Record<string, string> = { message: (form.message ?? '').trim() }
      for (const key of ['nom', 'courriel', 'champ'] as const) {
        const value = form[key]?.trim()
        if (value) payload[key] = value
      }
      const response = await app.inject({
        method: 'POST',
        url: `/api/v1/venues/${venue.id}/reports`,
        payload,
        remoteAddress: request.ip,
        headers: { 'content-type': 'application/json', 'user-agent': request.headers['user-agent'] ?? '' },
      })
      if (response.statusCode >= 200 && response.statusCode < 300) {
        return reply.code(303).header('Location', `/lieux/${venue.id}?signalement=envoye#signaler`).send(null)
      }
      let error = 'Le service de signalement est indisponible ; réessayez plus tard.'
      try {
        const problem = response.json() as { detail?: string; errors?: { field: string; message: string }[] }
        if (problem.detail) error = problem.detail
        if (problem.errors?.length) error += ` (${problem.errors.map((e) => `${e.field} : ${e.message}`).join(' ; ')})`
      } catch {
        /* not JSON: keep the generic message */
      }
      const extras = (await loadVenueExtras(app.readDb, [venue.id])).get(venue.id) ?? { labels: [], sponsors: [], needs: [] }
      const status = response.statusCode === 429 ? 429 : response.statusCode === 404 ? 404 : 400
      return reply.code(status).send(renderVenuePage({ venue, extras, baseUrl: app.config.publicBaseUrl, reportStatus: { error } }))
    },
  )
}
export default routes
