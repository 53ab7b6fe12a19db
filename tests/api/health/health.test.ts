import { expect, it } from 'vitest'
import { describeEachApp } from '../../helpers/databases.ts'

describeEachApp('health and OpenAPI', (ctx) => {
  it('answers /healthz and /readyz with the database kind', async () => {
    expect((await ctx.app.inject('/healthz')).json()).toEqual({ status: 'ok' })
    const ready = await ctx.app.inject('/readyz')
    expect(ready.statusCode).toBe(200)
    expect(ready.json()).toEqual({ status: 'ready', database: ctx.kind })
  })

  it('serves an OpenAPI 3 document that lists the venue routes', async () => {
    const doc = (await ctx.app.inject('/openapi.json')).json()
    expect(doc.openapi).toMatch(/^3\./)
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/venues', '/api/v1/venues/{id}']))
  })

  it('answers unknown paths with a French problem+json', async () => {
    const res = await ctx.app.inject('/nope')
    expect(res.statusCode).toBe(404)
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(res.json()).toMatchObject({ status: 404, title: 'Introuvable' })
  })
})
