// The OpenAPI 3.0 definition linked as `service-desc` from /ogc (the OGC test suite wants 3.0 and the
// bbox/limit/datetime parameters spelled out with style=form, explode=false).
const problem = {
  description: 'Erreur (RFC 9457)',
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
}
const json = (description: string, example?: unknown) => ({
  description,
  content: { 'application/json': { schema: { type: 'object' }, ...(example ? { example } : {}) } },
})
const geojson = (description: string) => ({
  description,
  content: { 'application/geo+json': { schema: { type: 'object' } }, 'application/json': { schema: { type: 'object' } } },
})

export function ogcOpenApi(base: string) {
  const collectionId = {
    name: 'collectionId',
    in: 'path',
    required: true,
    schema: { type: 'string', enum: ['venues'] },
    description: 'Identifiant de la collection',
  }
  return {
    openapi: '3.0.3',
    info: {
      title: 'Maillage — OGC API – Features',
      version: '1.0.0',
      description: 'Les lieux de médiation numérique en OGC API – Features, partie 1 (cœur).',
    },
    servers: [{ url: base }],
    paths: {
      '/ogc': {
        get: {
          summary: 'Page d’accueil',
          operationId: 'getLandingPage',
          tags: ['ogc'],
          responses: { 200: json('Liens vers la définition de l’API, la conformité et les données'), 500: problem },
        },
      },
      '/ogc/conformance': {
        get: {
          summary: 'Classes de conformité',
          operationId: 'getConformanceDeclaration',
          tags: ['ogc'],
          responses: { 200: json('conformsTo'), 500: problem },
        },
      },
      '/ogc/collections': {
        get: {
          summary: 'Collections',
          operationId: 'getCollections',
          tags: ['ogc'],
          responses: { 200: json('La collection `venues`'), 500: problem },
        },
      },
      '/ogc/collections/{collectionId}': {
        get: {
          summary: 'Une collection',
          operationId: 'describeCollection',
          tags: ['ogc'],
          parameters: [collectionId],
          responses: { 200: json('Description de la collection'), 404: problem },
        },
      },
      '/ogc/collections/{collectionId}/items': {
        get: {
          summary: 'Les lieux',
          operationId: 'getFeatures',
          tags: ['ogc'],
          parameters: [
            collectionId,
            {
              name: 'limit',
              in: 'query',
              required: false,
              style: 'form',
              explode: false,
              description: 'Nombre maximal d’entités (au-delà de 1000, ramené à 1000)',
              schema: { type: 'integer', minimum: 1, maximum: 10000, default: 10 },
            },
            {
              name: 'bbox',
              in: 'query',
              required: false,
              style: 'form',
              explode: false,
              description: 'Emprise minLon,minLat,maxLon,maxLat (CRS84), ou 6 nombres en 3D',
              schema: { type: 'array', minItems: 4, maxItems: 6, items: { type: 'number' } },
            },
            {
              name: 'datetime',
              in: 'query',
              required: false,
              style: 'form',
              explode: false,
              description: 'Instant ou intervalle RFC 3339 (`a/b`, `../b`, `a/..`) sur la date de mise à jour `date_maj`',
              schema: { type: 'string' },
            },
            {
              name: 'offset',
              in: 'query',
              required: false,
              style: 'form',
              explode: false,
              description: 'Nombre d’entités à sauter (pagination, voir le lien `next`)',
              schema: { type: 'integer', minimum: 0, default: 0 },
            },
            {
              name: 'f',
              in: 'query',
              required: false,
              schema: { type: 'string', enum: ['geojson', 'json'] },
              description: 'Format (GeoJSON par défaut)',
            },
            {
              name: 'q',
              in: 'query',
              required: false,
              schema: { type: 'string' },
              description: 'Recherche plein texte (comme `GET /api/v1/venues`)',
            },
            {
              name: 'departement',
              in: 'query',
              required: false,
              schema: { type: 'string' },
              description: 'Codes de départements, séparés par des virgules',
            },
            {
              name: 'services',
              in: 'query',
              required: false,
              schema: { type: 'string' },
              description: 'Services du standard, séparés par des virgules (autres champs listes du standard acceptés de même)',
            },
          ],
          responses: {
            200: geojson('FeatureCollection GeoJSON avec numberMatched, numberReturned, timeStamp et liens next/prev'),
            400: problem,
            404: problem,
          },
        },
      },
      '/ogc/collections/{collectionId}/items/{featureId}': {
        get: {
          summary: 'Un lieu',
          operationId: 'getFeature',
          tags: ['ogc'],
          parameters: [
            collectionId,
            { name: 'featureId', in: 'path', required: true, schema: { type: 'string' }, description: 'Identifiant du lieu' },
          ],
          responses: { 200: geojson('Feature GeoJSON'), 404: problem },
        },
      },
    },
    components: {
      schemas: {
        Problem: {
          type: 'object',
          required: ['title', 'status'],
          properties: { type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' } },
        },
      },
    },
  }
}
