// OGC API – Features Part 1 (core) at /ogc, collection `venues` (GeoJSON, CRS84).
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { parseBbox } from '../../db/search/filters.ts'
import { ProblemSchema } from '../plugins/problem-schema.ts'
import { HttpProblem } from '../plugins/problem.ts'
import { FilterProperties, filterFromQuery } from '../plugins/search-params.ts'
import { CONFORMANCE, GEOJSON, JSON_TYPE, landingPage, OPENAPI_30, venueFeature, venuesCollection } from './documents.ts'
import { ogcOpenApi } from './openapi-30.ts'
import { ogcItem, ogcItems, venuesExtent } from '../../db/ogc/queries.ts'

const MAX_LIMIT = 1000
const { near: _n, radius: _r, bbox: _b, open_at: _o, ...searchFilters } = FilterProperties

const ItemsQuery = Type.Object(
  {
    ...searchFilters,
    bbox: Type.Optional(
      Type.String({ description: 'minLon,minLat,maxLon,maxLat (CRS84), ou 6 nombres en 3D', examples: ['-0.7,44.7,-0.5,44.9'] }),
    ),
    limit: Type.Integer({ minimum: 1, default: 10, description: `Nombre maximal d’entités (ramené à ${MAX_LIMIT})` }),
    offset: Type.Integer({ minimum: 0, default: 0, description: 'Entités à sauter' }),
    datetime: Type.Optional(Type.String({ description: 'Instant ou intervalle RFC 3339 sur `date_maj`' })),
    f: Type.Optional(
      Type.String({ enum: ['geojson', 'json'], description: 'Format : geojson (défaut, application/geo+json) ou json (application/json)' }),
    ),
  },
  { additionalProperties: false },
)
const CollectionParams = Type.Object({ collectionId: Type.String() })
const ItemParams = Type.Object({ collectionId: Type.String(), featureId: Type.String() })
const OgcDocument = Type.Object({}, { additionalProperties: true })

function baseUrl(request: FastifyRequest, configured: string | null): string {
  return configured ? configured.replace(/\/$/, '') : `${request.protocol}://${request.host}`
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2}))?$/i

/** `datetime` → inclusive date bounds on date_maj; null bounds are open. */
function parseDatetime(value: string | undefined): { from: string | null; to: string | null } {
  if (value === undefined) return { from: null, to: null }
  const bad = () =>
    new HttpProblem(
      400,
      'datetime : instant ou intervalle RFC 3339 attendu (ex. 2026-01-01T00:00:00Z, 2025-01-01/2026-01-01, ../2026-01-01).',
      { errors: [{ field: 'datetime', message: 'format RFC 3339 attendu' }] },
    )
  const parts = value.split('/')
  if (parts.length > 2) throw bad()
  const bound = (part: string) => {
    if (part === '..' || part === '') return null
    if (!RFC3339.test(part) || Number.isNaN(new Date(part).getTime())) throw bad()
    return part.slice(0, 10)
  }
  if (parts.length === 1) {
    const day = bound(parts[0])
    if (day === null) throw bad()
    return { from: day, to: day }
  }
  const [from, to] = [bound(parts[0]), bound(parts[1])]
  if (from && to && from > to) throw bad()
  return { from, to }
}

function checkCollection(collectionId: string) {
  if (collectionId !== 'venues') throw new HttpProblem(404, `Aucune collection « ${collectionId} » : la seule collection est « venues ».`)
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  const common = { tags: ['ogc'], response: { 200: OgcDocument, 400: ProblemSchema, 404: ProblemSchema } }

  app.get(
    '/ogc',
    { config: { access: 'public' }, schema: { ...common, summary: 'OGC API – Features : page d’accueil' } },
    async (request) => landingPage(baseUrl(request, app.config.publicBaseUrl)),
  )

  app.get(
    '/ogc/api',
    { config: { access: 'public' }, schema: { ...common, summary: 'OGC API – Features : définition OpenAPI 3.0' } },
    async (request, reply) =>
      reply
        .type(OPENAPI_30)
        .serializer(JSON.stringify)
        .send(ogcOpenApi(baseUrl(request, app.config.publicBaseUrl))),
  )

  app.get(
    '/ogc/conformance',
    { config: { access: 'public' }, schema: { ...common, summary: 'OGC API – Features : conformité' } },
    async () => ({ conformsTo: CONFORMANCE }),
  )

  app.get(
    '/ogc/collections',
    { config: { access: 'public' }, schema: { ...common, summary: 'OGC API – Features : collections' } },
    async (request) => {
      const base = baseUrl(request, app.config.publicBaseUrl)
      return {
        links: [{ href: `${base}/ogc/collections`, rel: 'self', type: JSON_TYPE, title: 'Collections' }],
        collections: [venuesCollection(base, await venuesExtent(app.readDb))],
      }
    },
  )

  app.get(
    '/ogc/collections/:collectionId',
    {
      config: { access: 'public' },
      schema: { ...common, summary: 'OGC API – Features : la collection', params: CollectionParams },
    },
    async (request) => {
      checkCollection(request.params.collectionId)
      return venuesCollection(baseUrl(request, app.config.publicBaseUrl), await venuesExtent(app.readDb))
    },
  )

  app.get(
    '/ogc/collections/:collectionId/items',
    {
      config: { access: 'public' },
      schema: {
        ...common,
        summary: 'OGC API – Features : les lieux',
        description:
          'FeatureCollection GeoJSON, paginée par `limit`/`offset` avec liens `next`/`prev` ; `bbox`, `datetime` (sur ' +
          '`date_maj`) et les filtres de la recherche.',
        params: CollectionParams,
        querystring: ItemsQuery,
      },
    },
    async (request, reply) => {
      checkCollection(request.params.collectionId)
      const { limit: asked, offset, datetime, f, bbox: rawBbox, ...rest } = request.query
      const limit = Math.min(asked, MAX_LIMIT)
      const filter = filterFromQuery(rest)
      if (rawBbox !== undefined) {
        const numbers = rawBbox.split(',')
        const four = numbers.length === 6 ? [numbers[0], numbers[1], numbers[3], numbers[4]].join(',') : rawBbox
        const bbox = numbers.length === 4 || numbers.length === 6 ? parseBbox(four) : null
        if (!bbox)
          throw new HttpProblem(400, 'bbox : 4 (ou 6) nombres attendus, minLon,minLat,maxLon,maxLat en CRS84.', {
            errors: [{ field: 'bbox', message: 'emprise invalide' }],
          })
        filter.bbox = bbox
      }
      const { rows, matched } = await ogcItems(app.readDb, filter, parseDatetime(datetime), limit, offset)
      const base = baseUrl(request, app.config.publicBaseUrl)
      const pageUrl = (newOffset: number, format?: string) => {
        const url = new URL(request.url, base)
        url.searchParams.set('offset', String(newOffset))
        url.searchParams.set('limit', String(limit))
        if (format) url.searchParams.set('f', format)
        return `${base}${url.pathname}${url.search}`
      }
      const type = f === 'json' ? JSON_TYPE : GEOJSON
      const links = [
        { href: pageUrl(offset, f === 'json' ? 'json' : 'geojson'), rel: 'self', type, title: 'Cette page' },
        {
          href: pageUrl(offset, f === 'json' ? 'geojson' : 'json'),
          rel: 'alternate',
          type: f === 'json' ? GEOJSON : JSON_TYPE,
          title: 'Cette page, autre format',
        },
        { href: `${base}/ogc/collections/venues`, rel: 'collection', type: JSON_TYPE, title: 'La collection' },
      ]
      if (offset + rows.length < matched) links.push({ href: pageUrl(offset + limit, f), rel: 'next', type, title: 'Page suivante' })
      if (offset > 0) links.push({ href: pageUrl(Math.max(0, offset - limit), f), rel: 'prev', type, title: 'Page précédente' })
      return reply
        .type(type)
        .serializer(JSON.stringify)
        .send({
          type: 'FeatureCollection',
          features: rows.map(venueFeature),
          numberMatched: matched,
          numberReturned: rows.length,
          timeStamp: new Date().toISOString(),
          links,
        } as never)
    },
  )

  app.get(
    '/ogc/collections/:collectionId/items/:featureId',
    {
      config: { access: 'public' },
      schema: {
        ...common,
        summary: 'OGC API – Features : un lieu',
        params: ItemParams,
        querystring: Type.Object(
          { f: Type.Optional(Type.String({ enum: ['geojson', 'json'], description: 'Format : geojson (défaut) ou json' })) },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      checkCollection(request.params.collectionId)
      const venue = await ogcItem(app.readDb, request.params.featureId)
      if (!venue) throw new HttpProblem(404, `Aucun lieu « ${request.params.featureId} » dans la collection venues.`)
      const base = baseUrl(request, app.config.publicBaseUrl)
      const self = `${base}/ogc/collections/venues/items/${venue.id}`
      const type = request.query.f === 'json' ? JSON_TYPE : GEOJSON
      reply.header('ETag', `"${venue.id}-v${venue.version}"`)
      return reply
        .type(type)
        .serializer(JSON.stringify)
        .send({
          ...venueFeature(venue),
          links: [
            { href: `${self}?f=${type === GEOJSON ? 'geojson' : 'json'}`, rel: 'self', type, title: 'Ce lieu' },
            {
              href: `${self}?f=${type === GEOJSON ? 'json' : 'geojson'}`,
              rel: 'alternate',
              type: type === GEOJSON ? JSON_TYPE : GEOJSON,
              title: 'Ce lieu, autre format',
            },
            { href: `${base}/ogc/collections/venues`, rel: 'collection', type: JSON_TYPE, title: 'La collection' },
          ],
        } as never)
    },
  )
}
export default routes
