// Streamed bulk exports honouring the search filters: the national standard and data·inclusion v1.
import { Readable } from 'node:stream'
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { Kysely } from 'kysely'
import type { SearchFilter } from '../../db/search/filters.ts'
import { servicesStream, standardCsvStream, standardJsonStream, structuresStream } from '../../db/search/export-streams.ts'
import type { Database } from '../../db/types.ts'
import { ProblemSchema } from '../plugins/problem-schema.ts'
import { FilterProperties, filterFromQuery } from '../plugins/search-params.ts'

const ExportQuery = Type.Object({ ...FilterProperties }, { additionalProperties: false })

const EXPORTS: {
  path: string
  type: string
  file: string
  summary: string
  stream: (db: Kysely<Database>, filter: SearchFilter) => AsyncGenerator<string>
}[] = [
  {
    path: '/api/v1/export/mediation-numerique.csv',
    type: 'text/csv; charset=utf-8',
    file: 'lieux-mediation-numerique.csv',
    summary: 'Exporter au standard v1.0.2 (CSV)',
    stream: standardCsvStream,
  },
  {
    path: '/api/v1/export/mediation-numerique.json',
    type: 'application/json; charset=utf-8',
    file: 'lieux-mediation-numerique.json',
    summary: 'Exporter au standard v1.0.2 (JSON)',
    stream: standardJsonStream,
  },
  {
    path: '/api/v1/export/data-inclusion/structures.json',
    type: 'application/json; charset=utf-8',
    file: 'structures.json',
    summary: 'Exporter les structures data·inclusion v1',
    stream: structuresStream,
  },
  {
    path: '/api/v1/export/data-inclusion/services.json',
    type: 'application/json; charset=utf-8',
    file: 'services.json',
    summary: 'Exporter les services data·inclusion v1',
    stream: servicesStream,
  },
]

const routes: FastifyPluginAsyncTypebox = async (app) => {
  for (const spec of EXPORTS) {
    app.get(
      spec.path,
      {
        config: { access: 'public' },
        schema: {
          tags: ['exports'],
          summary: spec.summary,
          description:
            'Tous les lieux publiés qui répondent aux filtres (mêmes paramètres que `GET /api/v1/venues`), transmis au fil de l’eau. ' +
            'data·inclusion : une structure et un service « Médiation numérique » par lieu, selon la table de ' +
            'correspondance de data·inclusion.',
          querystring: ExportQuery,
          produces: [spec.type.split(';')[0]],
          response: { 200: Type.String({ description: 'Le fichier' }), 400: ProblemSchema },
        },
      },
      async (request, reply) => {
        const filter = filterFromQuery(request.query)
        return reply
          .type(spec.type)
          .header('Content-Disposition', `attachment; filename="${spec.file}"`)
          .header('Cache-Control', 'public, max-age=300')
          .send(Readable.from(spec.stream(app.readDb, filter)) as never)
      },
    )
  }
}
export default routes
