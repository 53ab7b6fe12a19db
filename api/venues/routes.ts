// Public venue reads: search with every filter (JSON, GeoJSON, CSV), facets, and one venue with an ETag.
import { UUID_PATTERN as UUID } from '../../domain/ids.ts'
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { LIST_FILTER_FIELDS } from '../../db/search/filters.ts'
import { isOpenAt, nextOpening } from '../../db/search/opening-hours.ts'
import { countByListValue, countVenues, findVenueById, searchVenues, type SearchCursor } from '../../db/search/query.ts'
import { loadVenueExtras } from '../../db/venue-extras.ts'
import { ProblemSchema } from '../plugins/problem-schema.ts'
import { HttpProblem } from '../plugins/problem.ts'
import { FilterProperties, filterFromQuery, filterParamsOf, FormatParam } from '../plugins/search-params.ts'
import { answerFacetOptions } from './facet-options.ts'
import { decodeCursor, encodeCursor } from './cursor.ts'
import { pickFormat, toFeature, toStandardCsv } from './representations.ts'
import { FacetsSchema, VenueIdParams, VenueListSchema, VenueSchema } from './schemas.ts'
import { toApiVenue, venueEtag } from './serialize.ts'

const ListQuery = Type.Object(
  {
    ...FilterProperties,
    limit: Type.Integer({ minimum: 1, maximum: 1000, default: 20, description: 'Nombre de lieux par page (1 à 1000)' }),
    cursor: Type.Optional(Type.String({ maxLength: 500, description: 'Curseur `next_cursor` de la page précédente' })),
    format: FormatParam,
  },
  { additionalProperties: false },
)

const FacetsQuery = Type.Object(
  {
    ...FilterProperties,
    count_with: Type.Optional(
      Type.String({
        maxLength: 4000,
        description:
          'Comptes « et si » : éléments « paramètre:valeur » séparés par « | » ; pour chacun, le total si ce filtre ' +
          'était ajouté (ou remplacé)',
        examples: ['open_at:now|open_on:sa|labels:netpublic|radius:20000'],
      }),
    ),
    count_without: Type.Optional(
      Type.String({
        maxLength: 1000,
        description: 'Noms de paramètres séparés par « | » ; pour chacun, le total sans ce filtre',
        examples: ['services|open_at'],
      }),
    ),
  },
  { additionalProperties: false },
)

const LIST_EXAMPLE =
  'GET /api/v1/venues?near=44.8378,-0.5792&radius=10000&services=Aide aux démarches administratives&frais_a_charge=Gratuit&open_at=now'

function parseCursor(cursor: string | undefined, near: boolean, relevance: boolean): SearchCursor | null {
  if (!cursor) return null
  const value = decodeCursor<SearchCursor>(cursor)
  // Only what we issue: an object with our uuid and finite numbers, nothing else reaches the SQL.
  const valid =
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    typeof value.id === 'string' &&
    UUID.test(value.id) &&
    Object.keys(value).every((k) => k === 'id' || k === 'd' || k === 's') &&
    (near ? typeof value.d === 'number' && Number.isFinite(value.d) && value.d >= 0 : value.d === undefined) &&
    (relevance && !near ? typeof value.s === 'number' && Number.isFinite(value.s) : value.s === undefined)
  if (!valid)
    throw new HttpProblem(400, 'Curseur invalide : reprenez la pagination depuis le début, avec les mêmes filtres.', {
      errors: [{ field: 'cursor', message: 'curseur invalide' }],
    })
  return value
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/v1/venues',
    {
      config: { access: 'public' },
      schema: {
        tags: ['lieux'],
        summary: 'Rechercher les lieux publiés',
        description:
          'Recherche par proximité (`near`, `radius`), emprise, texte, territoire, chaque champ liste du standard, ' +
          'labels, ouverture et parrainage. ' +
          'Filtres combinés en ET ; valeurs d’un même filtre en OU. Ordre : par distance avec `near`, par pertinence ' +
          'avec `q`, sinon par identifiant. ' +
          'Pagination par curseur stable (`next_cursor`, aussi en en-tête `Link`). ' +
          'JSON par défaut, GeoJSON (`Accept: application/geo+json` ou `format=geojson`), CSV du standard v1.0.2 (`format=csv`). ' +
          `Exemple : \`${LIST_EXAMPLE}\``,
        querystring: ListQuery,
        response: { 200: VenueListSchema, 400: ProblemSchema, 429: ProblemSchema },
      },
    },
    async (request, reply) => {
      const { limit, cursor, format } = request.query
      const filter = filterFromQuery(request.query)
      const after = parseCursor(cursor, Boolean(filter.near), Boolean(filter.q))
      const page = await searchVenues(app.readDb, filter, limit, after)
      const items = page.rows.map((row) => toApiVenue(row))
      const nextCursor = page.next ? encodeCursor(page.next) : null
      if (nextCursor) {
        const url = new URL(request.url, 'http://x')
        url.searchParams.set('cursor', nextCursor)
        reply.header('Link', `<${url.pathname}${url.search}>; rel="next"`)
      }
      const chosen = pickFormat(format, request.headers.accept)
      if (chosen === 'geojson') {
        return reply
          .type('application/geo+json')
          .serializer(JSON.stringify)
          .send({ type: 'FeatureCollection', features: items.map(toFeature), next_cursor: nextCursor } as never)
      }
      if (chosen === 'csv') {
        return reply
          .type('text/csv; charset=utf-8')
          .serializer((x: unknown) => String(x))
          .send(toStandardCsv(items) as never)
      }
      return { items, next_cursor: nextCursor }
    },
  )

  app.get(
    '/api/v1/venues/facets',
    {
      config: { access: 'public' },
      schema: {
        tags: ['lieux'],
        summary: 'Compter les lieux par valeur de chaque champ liste',
        description:
          'Mêmes filtres que la recherche ; pour chaque champ liste du standard, le nombre de lieux par valeur ' +
          '(ex. « Aide aux démarches administratives » : 42), et le total. Avec `count_with` / `count_without`, aussi les comptes ' +
          'qu’un formulaire de recherche affiche à côté de ses filtres, en une requête (`facets_alone`, `counts_with`, `counts_without`).',
        querystring: FacetsQuery,
        response: { 200: FacetsSchema, 400: ProblemSchema },
      },
    },
    async (request) => {
      const filter = filterFromQuery(request.query)
      const { count_with: countWith, count_without: countWithout } = request.query as { count_with?: string; count_without?: string }
      if (countWith === undefined && countWithout === undefined) {
        const [total, facets] = await Promise.all([
          countVenues(app.readDb, filter),
          countByListValue(app.readDb, filter, LIST_FILTER_FIELDS),
        ])
        return { total, facets }
      }
      return answerFacetOptions(app.readDb, filterParamsOf(request.query), filter, countWith, countWithout)
    },
  )

  app.get(
    '/api/v1/venues/:id',
    {
      config: { access: 'public' },
      schema: {
        tags: ['lieux'],
        summary: 'Lire un lieu',
        description:
          'Le lieu, ses labels et parrainages actifs, `open_now` et `next_opening` (heure de Paris). ' +
          'ETag fort : `If-None-Match` donne 304. Un lieu fusionné dans un autre répond 301 vers le lieu conservé.',
        params: VenueIdParams,
        response: {
          200: VenueSchema,
          301: Type.Null({ description: 'Lieu fusionné : `Location` donne le lieu conservé' }),
          304: Type.Null({ description: 'Inchangé depuis l’ETag donné' }),
          404: ProblemSchema,
        },
      },
    },
    async (request, reply) => {
      const row = await findVenueById(app.readDb, request.params.id)
      if (!row || row.status === 'pending') throw new HttpProblem(404, `Aucun lieu ne porte l'identifiant ${request.params.id}.`)
      if (row.merged_into) {
        return reply
          .code(301)
          .header('Location', `/api/v1/venues/${row.merged_into}`)
          .header('Cache-Control', 'public, max-age=60')
          .send(null)
      }
      const extras = await loadVenueExtras(app.readDb, [row.id])
      const now = new Date()
      const readable = Boolean(row.horaires)
      const next = nextOpening(row.horaires, now)
      const venue = toApiVenue(row, extras.get(row.id), {
        open_now: readable ? isOpenAt(row.horaires, now) : null,
        next_opening: next ? next.toISOString() : null,
      })
      // The id and version lead the tag so a client can send it back as If-Match on PATCH;
      // the hash covers what changes without a new version (labels, sponsors, open now).
      const etag = venueEtag(row, venue)
      reply.header('ETag', etag).header('Cache-Control', 'public, max-age=60')
      const ifNoneMatch = request.headers['if-none-match']
      if (
        ifNoneMatch &&
        ifNoneMatch
          .split(',')
          .map((s) => s.trim().replace(/^W\//, ''))
          .includes(etag)
      )
        return reply.code(304).send(null)
      return venue
    },
  )
}
export default routes
