// OpenAPI 3 document generated from the route schemas, served at /openapi.json and rendered at /docs.
import fp from 'fastify-plugin'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import { openapiTransform } from './openapi-transform.ts'

export default fp(
  async (app) => {
    await app.register(swagger, {
      transform: openapiTransform,
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Maillage — API des lieux de médiation numérique',
          version: '1.0.0',
          description: [
            'Annuaire national géolocalisé des lieux de médiation numérique, au format du standard national v1.0.2.',
            'Les lectures sont publiques ; les écritures demandent une clé (`Authorization: Bearer …`) limitée à un territoire.',
            'Les erreurs suivent la RFC 9457 (`application/problem+json`) et nomment chaque champ invalide dans `errors[]`.',
          ].join('\n\n'),
          license: { name: 'Licence Ouverte 2.0 (données)', url: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence' },
        },
        servers: [{ url: app.config.publicBaseUrl ?? '/', description: 'Ce service' }],
        components: {
          securitySchemes: {
            apiKey: { type: 'http', scheme: 'bearer', description: 'Clé d’API remise par un administrateur (affichée une seule fois).' },
            session: {
              type: 'apiKey',
              in: 'cookie',
              name: 'maillage_session',
              description: 'Session d’administration + en-tête x-csrf-token.',
            },
          },
        },
        tags: [
          { name: 'lieux', description: 'Recherche et lecture des lieux' },
          { name: 'géocodage', description: 'Communes et codes postaux' },
          { name: 'exports', description: 'Exports au standard et data·inclusion' },
          { name: 'tuiles', description: 'Tuiles vectorielles' },
          { name: 'ogc', description: 'OGC API – Features' },
          { name: 'contribution', description: 'Écriture, modération et historique' },
          { name: 'labels', description: 'Labels et leur cycle de vie' },
          { name: 'parrainages', description: 'Entreprises CINOV-IT et parrainages' },
          { name: 'gouvernance', description: 'Indicateurs du comité de gouvernance' },
          { name: 'emplois', description: 'Offres d’emploi des entreprises adhérentes de CINOV-IT' },
          { name: 'santé', description: 'Supervision' },
          { name: 'webhooks', description: 'Abonnés aux changements (envois signés)' },
        ],
      },
    })
    await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true, uiConfig: { docExpansion: 'list', deepLinking: true } })
    // Serialised once: the document (hundreds of kB) does not change while the process runs, and stringifying it
    // per request held the event loop for tens of milliseconds.
    let document: string | null = null
    app.get('/openapi.json', { schema: { hide: true } }, async (_request, reply) => {
      document ??= JSON.stringify(app.swagger())
      return reply.type('application/json; charset=utf-8').send(document)
    })
  },
  { name: 'openapi' },
)
