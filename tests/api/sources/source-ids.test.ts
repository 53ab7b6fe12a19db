// Producers address venues by their own ids: `source`/`source_id` filters on the search, OGC items and exports,
// and GET|PATCH /api/v1/sources/{source}/venues/{id} behaving exactly as the UUID routes (ETag, If-Match, gate).
import { beforeAll, expect, it } from 'vitest'
import { describeEachApp } from '../../helpers/databases.ts'
import { bearer, createPersonaKeys, createVenue, type Persona } from '../curation/curation-fixtures.ts'

describeEachApp('producers’ own ids', (ctx) => {
  let keys: Record<Persona, string | null>
  let target: { id: string }
  beforeAll(async () => {
    keys = await createPersonaKeys(ctx.database.db)
    target = await createVenue(ctx.database.db, { source: 'gironde', source_id: 'cd33-7', nom: 'Médiathèque de Talence' })
    await createVenue(ctx.database.db, { source: 'gironde', source_id: 'cd33-8' })
    await createVenue(ctx.database.db, { source: 'autre', source_id: 'cd33-7' })
  })

  it('filters by source and source_id on the search, OGC items and exports; a blank source names the parameter', async () => {
    const list = await ctx.app.inject({ url: '/api/v1/venues?source=gironde&source_id=cd33-7' })
    expect(list.json().items.map((v: { id: string }) => v.id)).toEqual([target.id])
    expect((await ctx.app.inject({ url: '/api/v1/venues?source=gironde' })).json().items).toHaveLength(2)
    expect((await ctx.app.inject({ url: '/api/v1/venues?source_id=cd33-7' })).json().items).toHaveLength(2)
    const ogc = await ctx.app.inject({ url: '/ogc/collections/venues/items?source=gironde&source_id=cd33-7' })
    expect(ogc.statusCode).toBe(200)
    expect(ogc.json().features.map((f: { id: string }) => f.id)).toEqual([target.id])
    const csv = await ctx.app.inject({ url: '/api/v1/export/mediation-numerique.csv?source=gironde' })
    expect(csv.statusCode).toBe(200)
    expect(csv.body.trim().split('\n')).toHaveLength(3)
    const bad = await ctx.app.inject({ url: '/api/v1/venues?source=%20' })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().errors).toEqual([expect.objectContaining({ field: 'source' })])
  })

  it('GET and PATCH by (source, id) share the UUID routes’ ETag and If-Match rules', async () => {
    const byUuid = await ctx.app.inject({ url: `/api/v1/venues/${target.id}` })
    const alias = await ctx.app.inject({ url: '/api/v1/sources/gironde/venues/cd33-7' })
    expect(alias.statusCode).toBe(200)
    expect(alias.json()).toMatchObject({ id: target.id, source: 'gironde', source_id: 'cd33-7' })
    expect(alias.headers.etag).toBe(byUuid.headers.etag)
    expect(
      (await ctx.app.inject({ url: '/api/v1/sources/gironde/venues/cd33-7', headers: { 'if-none-match': String(alias.headers.etag) } }))
        .statusCode,
    ).toBe(304)
    const missing = await ctx.app.inject({ url: '/api/v1/sources/gironde/venues/nope' })
    expect(missing.statusCode).toBe(404)
    expect(missing.headers['content-type']).toMatch(/problem\+json/)

    const url = '/api/v1/sources/gironde/venues/cd33-7'
    const headers = { ...bearer(keys.curatorOwn), 'content-type': 'application/json' }
    expect((await ctx.app.inject({ method: 'PATCH', url, headers, payload: { nom: 'Médiathèque Castagnéra' } })).statusCode).toBe(428)
    const ok = await ctx.app.inject({
      method: 'PATCH',
      url,
      headers: { ...headers, 'if-match': String(alias.headers.etag) },
      payload: { nom: 'Médiathèque Castagnéra' },
    })
    expect(ok.statusCode).toBe(200)
    expect(ok.json()).toMatchObject({ id: target.id, nom: 'Médiathèque Castagnéra', version: 2 })
    // The old ETag is now stale: 412, as on the UUID route; outside the territory: 403; anonymous: 401.
    expect(
      (
        await ctx.app.inject({
          method: 'PATCH',
          url,
          headers: { ...headers, 'if-match': String(alias.headers.etag) },
          payload: { nom: 'X' },
        })
      ).statusCode,
    ).toBe(412)
    expect(
      (
        await ctx.app.inject({
          method: 'PATCH',
          url,
          headers: { ...bearer(keys.curatorOther), 'content-type': 'application/json', 'if-match': String(ok.headers.etag) },
          payload: { nom: 'X' },
        })
      ).statusCode,
    ).toBe(403)
    expect(
      (
        await ctx.app.inject({
          method: 'PATCH',
          url,
          headers: { 'content-type': 'application/json', 'if-match': String(ok.headers.etag) },
          payload: { nom: 'X' },
        })
      ).statusCode,
    ).toBe(401)
    const openapi = (await ctx.app.inject({ url: '/openapi.json' })).json()
    expect(Object.keys(openapi.paths['/api/v1/sources/{source}/venues/{id}'])).toEqual(expect.arrayContaining(['get', 'patch']))
    expect(openapi.paths['/api/v1/venues'].get.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['source', 'source_id']),
    )
  })
})
