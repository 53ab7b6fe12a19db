// OGC API – Features Part 1 core: every assertion of ogc-features-core-checklist.md (ETS classes), re-implemented.
import { beforeAll, expect, it } from 'vitest'
import { describeEachApp } from '../../helpers/databases.ts'
import { importSynthetic } from '../venues/search-fixtures.ts'

type Link = { href: string; rel: string; type?: string }
const CORE = 'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core'
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/

describeEachApp('OGC API – Features /ogc', (ctx) => {
  let venues: { id: string; latitude: number; longitude: number; date_maj: string }[] = []

  beforeAll(async () => {
    await importSynthetic(ctx.database.db, 120, 3)
    venues = (await ctx.database.db
      .selectFrom('venues')
      .select(['id', 'latitude', 'longitude', 'date_maj'])
      .where('status', '=', 'published')
      .execute()) as typeof venues
  })

  const get = (url: string, headers: Record<string, string> = {}) => ctx.app.inject({ url, headers })
  const path = (href: string) => {
    const u = new URL(href)
    return u.pathname + u.search
  }

  it('landing page: links service-desc (OpenAPI 3.0 type), conformance, data (REQ_root-success)', async () => {
    const response = await get('/ogc')
    expect(response.statusCode).toBe(200)
    const links = response.json().links as Link[]
    const desc = links.find((l) => l.rel === 'service-desc')!
    expect(desc.type).toBe('application/vnd.oai.openapi+json;version=3.0')
    expect(links.some((l) => l.rel === 'service-doc')).toBe(true)
    expect(links.some((l) => l.rel === 'conformance')).toBe(true)
    expect(links.some((l) => l.rel === 'data')).toBe(true)
    expect(links.every((l) => typeof l.type === 'string')).toBe(true)
  })

  it('API definition: served with the OpenAPI 3.0 media type; declares bbox, limit and datetime literally (A14/A16/A18)', async () => {
    const landing = (await get('/ogc')).json()
    const href = (landing.links as Link[]).find((l) => l.rel === 'service-desc')!.href
    const response = await get(path(href))
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toContain('application/vnd.oai.openapi+json;version=3.0')
    const doc = response.json()
    expect(doc.openapi).toMatch(/^3\.0\.\d+$/)
    expect(doc.info.title).toBeTruthy()
    expect(doc.info.version).toBeTruthy()
    const items = doc.paths['/ogc/collections/{collectionId}/items'].get
    const param = (name: string) => items.parameters.find((p: { name: string }) => p.name === name)
    expect(param('bbox')).toMatchObject({
      in: 'query',
      required: false,
      style: 'form',
      explode: false,
      schema: { type: 'array', minItems: 4, maxItems: 6, items: { type: 'number' } },
    })
    expect(param('limit')).toMatchObject({ in: 'query', required: false, style: 'form', explode: false, schema: { type: 'integer' } })
    expect(param('limit').schema.minimum).toBeGreaterThanOrEqual(0)
    expect(param('limit').schema.default).toBeGreaterThanOrEqual(0)
    expect(param('datetime')).toMatchObject({ in: 'query', required: false, schema: { type: 'string' } })
    for (const p of [
      '/ogc',
      '/ogc/conformance',
      '/ogc/collections',
      '/ogc/collections/{collectionId}',
      '/ogc/collections/{collectionId}/items/{featureId}',
    ]) {
      expect(doc.paths[p]?.get?.responses?.['200'], p).toBeTruthy()
    }
  })

  it('conformance: conformsTo lists core, geojson and oas30', async () => {
    const response = await get('/ogc/conformance')
    expect(response.statusCode).toBe(200)
    const conformsTo = response.json().conformsTo as string[]
    expect(conformsTo).toContain(CORE)
    expect(conformsTo).toContain('http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson')
    expect(conformsTo).toContain('http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30')
  })

  it('collections: each has id and an items link with a type; extent bbox in CRS84; the collection page repeats it', async () => {
    const body = (await get('/ogc/collections')).json()
    expect(Array.isArray(body.links)).toBe(true)
    const venuesCollection = body.collections.find((c: { id: string }) => c.id === 'venues')
    expect(venuesCollection).toBeTruthy()
    for (const c of body.collections) {
      const items = (c.links as Link[]).filter((l) => l.rel === 'items')
      expect(items.length).toBeGreaterThan(0)
      expect(items.every((l) => typeof l.type === 'string')).toBe(true)
    }
    const [minLon, minLat, maxLon, maxLat] = venuesCollection.extent.spatial.bbox[0]
    expect(minLon).toBe(Math.min(...venues.map((v) => v.longitude)))
    expect(maxLat).toBe(Math.max(...venues.map((v) => v.latitude)))
    expect(minLat).toBeLessThan(maxLat)
    expect(maxLon).toBeGreaterThan(minLon)
    const single = (await get('/ogc/collections/venues')).json()
    for (const key of ['id', 'title', 'description', 'extent', 'itemType']) expect(single[key], key).toEqual(venuesCollection[key])
    expect((await get('/ogc/collections/ecoles')).statusCode).toBe(404)
  })

  it(
    'items: GeoJSON FeatureCollection, links self/alternate/next each typed, ' + 'numberMatched/numberReturned/timeStamp (A13, A22–A26)',
    async () => {
      const response = await get('/ogc/collections/venues/items?limit=25')
      expect(response.statusCode).toBe(200)
      expect(response.headers['content-type']).toContain('application/geo+json')
      const body = response.json()
      expect(body.type).toBe('FeatureCollection')
      expect(body.features).toHaveLength(25)
      expect(body.numberReturned).toBe(body.features.length)
      expect(body.numberMatched).toBe(venues.length)
      expect(body.timeStamp).toMatch(RFC3339)
      const links = body.links as Link[]
      for (const rel of ['self', 'alternate', 'next'])
        expect(
          links.some((l) => l.rel === rel),
          rel,
        ).toBe(true)
      for (const l of links.filter((l) => ['self', 'alternate', 'next', 'prev'].includes(l.rel))) expect(typeof l.type).toBe('string')
      // CRS84: [lon, lat]
      const f = body.features[0]
      const venue = venues.find((v) => v.id === f.id)!
      expect(f.geometry.coordinates).toEqual([venue.longitude, venue.latitude])
    },
  )

  it('next links walk every feature exactly once', async () => {
    const ids: string[] = []
    let url: string | null = '/ogc/collections/venues/items?limit=50'
    while (url) {
      const body: { features: { id: string }[]; links: Link[] } = (await get(url)).json()
      ids.push(...body.features.map((f: { id: string }) => f.id))
      const next: Link | undefined = body.links.find((l) => l.rel === 'next')
      url = next ? path(next.href) : null
    }
    expect(ids.sort()).toEqual(venues.map((v) => v.id).sort())
  })

  it('bbox: only features inside; 4 or 6 numbers; invalid → 400 (A15, A20)', async () => {
    const bbox = [-1.5, 44, 5, 46.5]
    const body = (await get(`/ogc/collections/venues/items?bbox=${bbox.join(',')}&limit=1000`)).json()
    const expected = venues.filter(
      (v) => v.longitude >= bbox[0] && v.longitude <= bbox[2] && v.latitude >= bbox[1] && v.latitude <= bbox[3],
    )
    expect(expected.length).toBeGreaterThan(0)
    expect(body.features.map((f: { id: string }) => f.id).sort()).toEqual(expected.map((v) => v.id).sort())
    expect(body.numberMatched).toBe(expected.length)
    const threeD = (await get(`/ogc/collections/venues/items?bbox=-1.5,44,0,5,46.5,100&limit=1000`)).json()
    expect(threeD.numberMatched).toBe(expected.length)
    for (const bad of ['1,2,3', 'a,b,c,d', '5,44,-1.5,46.5'])
      expect((await get(`/ogc/collections/venues/items?bbox=${bad}`)).statusCode, bad).toBe(400)
  })

  it('limit: never more than asked, above the maximum clamped not refused; invalid → 400 (A17, A20)', async () => {
    const body = (await get('/ogc/collections/venues/items?limit=7')).json()
    expect(body.features).toHaveLength(7)
    const huge = await get('/ogc/collections/venues/items?limit=50000')
    expect(huge.statusCode).toBe(200)
    expect(huge.json().features.length).toBe(Math.min(venues.length, 1000))
    for (const bad of ['0', '-1', 'abc']) expect((await get(`/ogc/collections/venues/items?limit=${bad}`)).statusCode, bad).toBe(400)
  })

  it('datetime: instants and intervals (closed and open) on date_maj; invalid → 400 (A19, A20)', async () => {
    const count = async (dt: string) =>
      (await get(`/ogc/collections/venues/items?datetime=${encodeURIComponent(dt)}&limit=1`)).json().numberMatched
    expect(await count('2026-01-15T00:00:00Z')).toBe(venues.length)
    expect(await count('2026-01-16T00:00:00Z')).toBe(0)
    expect(await count('2025-01-01T00:00:00Z/2026-12-31T00:00:00Z')).toBe(venues.length)
    expect(await count('../2026-01-01T00:00:00Z')).toBe(0)
    expect(await count('2026-01-01T00:00:00Z/..')).toBe(venues.length)
    for (const bad of ['hier', '2026-13-45T00:00:00Z', '2026-02-01T00:00:00Z/2026-01-01T00:00:00Z']) {
      expect((await get(`/ogc/collections/venues/items?datetime=${encodeURIComponent(bad)}`)).statusCode, bad).toBe(400)
    }
  })

  it('unknown query parameter → 400 (A21, REQ_query-param-unknown)', async () => {
    const response = await get('/ogc/collections/venues/items?colour=red')
    expect(response.statusCode).toBe(400)
    expect(response.json().errors[0].field).toBe('colour')
  })

  it('item: 200 with links self, alternate, collection, each typed (REQ_f-links); 404 for unknown', async () => {
    const id = venues[0].id
    const response = await get(`/ogc/collections/venues/items/${id}`)
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toContain('application/geo+json')
    const feature = response.json()
    expect(feature.type).toBe('Feature')
    expect(feature.id).toBe(id)
    const links = feature.links as Link[]
    for (const rel of ['self', 'alternate', 'collection']) {
      const link = links.find((l) => l.rel === rel)
      expect(link, rel).toBeTruthy()
      expect(typeof link!.type).toBe('string')
    }
    expect(response.headers.etag).toBeTruthy()
    expect((await get('/ogc/collections/venues/items/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404)
  })

  it('recommendations: CORS on GET, HEAD answers', async () => {
    const cors = await get('/ogc/collections/venues/items?limit=1', { origin: 'https://exemple.fr' })
    expect(cors.headers['access-control-allow-origin']).toBe('*')
    const head = await ctx.app.inject({ method: 'HEAD', url: '/ogc/collections/venues/items?limit=1' })
    expect(head.statusCode).toBe(200)
  })
})
