// Governance indicators (JSON or CSV per figure), the per-département breakdown and the yearly report page.
import { TERRITORY_SOURCE } from '../../domain/territory.ts'
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { cachedDepartementFigures, cachedIndicators } from '../../db/governance/cache.ts'
import { ProblemSchema } from '../plugins/problem-schema.ts'
import { HttpProblem } from '../plugins/problem.ts'
import { departementsCsv, figureCsv, type Figure } from './csv.ts'
import { renderReport } from '../../services/governance/report.ts'
import { DepartementsSchema, IndicatorsSchema, TerritoryQuery } from './schemas.ts'

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/v1/governance/indicators',
    {
      config: { access: 'public' },
      schema: {
        tags: ['gouvernance'],
        summary: 'Indicateurs du comité de gouvernance',
        description:
          'Lieux par statut et pour 10 000 habitants, couverture de la population à 5, 10 et 20 km (géodésique, lieux ' +
          'publiés où qu’ils soient), zones blanches (communes d’au moins 1 000 habitants à plus de 10 km de tout lieu ' +
          'publié), parrainages, labels actifs, dispositifs, fraîcheur, série mensuelle. `year` : état au 31 décembre. ' +
          '`format=csv&figure=…` : chaque tableau en CSV. Méthodes détaillées dans le rapport annuel ' +
          '(`/gouvernance/rapport/{année}`).',
        querystring: TerritoryQuery,
        response: { 200: IndicatorsSchema, 400: ProblemSchema },
      },
    },
    async (request, reply) => {
      const { territory, year, format, figure } = request.query
      const currentYear = new Date().getUTCFullYear()
      if (year && year > currentYear)
        throw new HttpProblem(400, `L’année ${year} n’est pas encore écoulée.`, { errors: [{ field: 'year', message: 'année future' }] })
      // The database is the read path unless history must be rebuilt (temporary table on the primary).
      const indicators = await cachedIndicators(year ? app.db : app.readDb, territory, year && year < currentYear ? year : null, app.db)
      reply.header('Cache-Control', 'public, max-age=60')
      if (format === 'csv') {
        const name = `indicateurs-${territory.replace(':', '-')}${year ? `-${year}` : ''}-${figure}.csv`
        return reply
          .type('text/csv; charset=utf-8')
          .header('Content-Disposition', `attachment; filename="${name}"`)
          .send(figureCsv(indicators, figure as Figure) as never)
      }
      return indicators
    },
  )

  app.get(
    '/api/v1/governance/departements',
    {
      config: { access: 'public' },
      schema: {
        tags: ['gouvernance'],
        summary: 'Indicateurs par département',
        description:
          'Pour la carte choroplèthe : population, lieux publiés (et pour 10 000 habitants), couverture à 5/10/20 km, ' +
          'zones blanches et parrainages en cours, par département. `format=csv` pour le tableau.',
        querystring: Type.Object({ format: Type.String({ enum: ['json', 'csv'], default: 'json' }) }, { additionalProperties: false }),
        response: { 200: DepartementsSchema, 400: ProblemSchema },
      },
    },
    async (request, reply) => {
      const items = await cachedDepartementFigures(app.readDb, app.db)
      reply.header('Cache-Control', 'public, max-age=60')
      if (request.query.format === 'csv') {
        return reply
          .type('text/csv; charset=utf-8')
          .header('Content-Disposition', 'attachment; filename="indicateurs-departements.csv"')
          .send(departementsCsv(items) as never)
      }
      return { items }
    },
  )

  app.get(
    '/gouvernance/rapport/:year',
    {
      config: { access: 'public' },
      schema: {
        hide: true,
        params: Type.Object({ year: Type.String() }),
        querystring: Type.Object({ territory: Type.String({ default: 'fr', pattern: TERRITORY_SOURCE }) }, { additionalProperties: false }),
      },
    },
    async (request, reply) => {
      const year = Number(request.params.year)
      const currentYear = new Date().getUTCFullYear()
      if (!/^\d{4}$/.test(request.params.year) || year < 2000 || year > currentYear) {
        return reply
          .code(404)
          .type('text/html; charset=utf-8')
          .send(
            `<!doctype html><html lang="fr"><meta charset="utf-8"><title>Rapport introuvable</title><main><h1>Rapport ` +
              `introuvable</h1><p>Les rapports annuels vont de 2000 à ${currentYear}.</p></main></html>`,
          )
      }
      const html = await renderReport(app.db, year, request.query.territory)
      return reply.type('text/html; charset=utf-8').send(html)
    },
  )
}
export default routes
