// The public search API documents itself: every route, parameter and error in /openapi.json; 429 + Retry-After.
import { expect, it } from 'vitest'
import { LIST_FILTER_FIELDS } from '../../../db/search/filters.ts'
import { describeEachApp } from '../../helpers/databases.ts'

type Operation = {
  summary?: string
  description?: string
  tags?: string[]
  parameters?: { name: string; in: string; description?: string }[]
  responses: Record<string, unknown>
}

describeEachApp(
  'OpenAPI of the search API, and rate limits',
  (ctx) => {
    it('describes every public search route with its parameters and errors', async () => {
      const doc = (await ctx.app.inject({ url: '/openapi.json' })).json() as { paths: Record<string, Record<string, Operation>> }
      const routes: [string, string[]][] = [
        [
          '/api/v1/venues',
          [
            'near',
            'radius',
            'bbox',
            'q',
            'commune',
            'departement',
            'region',
            'labels',
            'open_at',
            'sponsored',
            'limit',
            'cursor',
            'format',
            ...LIST_FILTER_FIELDS,
          ],
        ],
        ['/api/v1/venues/facets', ['near', 'q', 'open_at', ...LIST_FILTER_FIELDS]],
        ['/api/v1/venues/{id}', ['id']],
        ['/api/v1/geocode', ['q', 'limit']],
        ['/api/v1/export/mediation-numerique.csv', ['departement', 'services']],
        ['/api/v1/export/mediation-numerique.json', ['departement']],
        ['/api/v1/export/data-inclusion/structures.json', ['departement']],
        ['/api/v1/export/data-inclusion/services.json', ['departement']],
        ['/tiles/venues/{z}/{x}/{y}', ['z', 'x', 'y', 'services']],
        ['/ogc/collections/{collectionId}/items', ['bbox', 'limit', 'offset', 'datetime']],
      ]
      for (const [path, params] of routes) {
        const operation = doc.paths[path]?.get
        expect(operation, path).toBeTruthy()
        expect(operation.summary, path).toBeTruthy()
        expect(operation.tags?.length, path).toBeGreaterThan(0)
        const names = (operation.parameters ?? []).map((p) => p.name)
        for (const name of params) expect(names, `${path} ${name}`).toContain(name)
        for (const p of operation.parameters ?? []) if (p.in === 'query') expect(p.description, `${path} ${p.name}`).toBeTruthy()
        expect(Object.keys(operation.responses), path).toContain('200')
      }
      expect(Object.keys(doc.paths['/api/v1/venues'].get.responses)).toEqual(expect.arrayContaining(['200', '400', '429']))
      expect(Object.keys(doc.paths['/api/v1/venues/{id}'].get.responses)).toEqual(expect.arrayContaining(['200', '304', '404']))
      const services = doc.paths['/api/v1/venues'].get.parameters!.find((p) => p.name === 'services')!
      expect(services.description).toContain('Aide aux démarches administratives')
    })

    it('answers 429 with Retry-After and a problem once the limit is spent', async () => {
      let limited: Awaited<ReturnType<typeof ctx.app.inject>> | undefined
      for (let i = 0; i < 20 && !limited; i++) {
        const response = await ctx.app.inject({ url: '/api/v1/venues?limit=1', remoteAddress: '203.0.113.7' })
        if (response.statusCode === 429) limited = response
        else expect(response.statusCode).toBe(200)
      }
      expect(limited).toBeTruthy()
      expect(Number(limited!.headers['retry-after'])).toBeGreaterThan(0)
      expect(limited!.json()).toMatchObject({ status: 429, title: 'Trop de requêtes' })
      // Another client is not affected.
      expect((await ctx.app.inject({ url: '/api/v1/venues?limit=1', remoteAddress: '203.0.113.8' })).statusCode).toBe(200)
    })
  },
  { rateLimitMax: 8 },
) // a low limit makes 429 cheap to reach
