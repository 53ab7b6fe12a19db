// /data/ on both databases: full exports rebuilt after changes, gzip, ETag/Last-Modified revalidation, catalog.json.
import { gunzipSync } from 'node:zlib'
import { expect, it } from 'vitest'
import { updateVenue } from '../../../db/venue-store.ts'
import { describeEachApp } from '../../helpers/databases.ts'
import { createVenue } from '../curation/curation-fixtures.ts'

describeEachApp('open data files', (ctx) => {
  it('serves the exports with a data.gouv.fr-shaped catalog, gzip, 304 on revalidation, and rebuilds after a change', async () => {
    const venue = await createVenue(ctx.database.db, { nom: 'Fabrique ouverte' })
    const first = await ctx.app.openData.refresh()
    expect(await ctx.app.openData.refresh()).toBe(first) // nothing changed: no rebuild

    const catalog = await ctx.app.inject({ url: '/data/catalog.json' })
    expect(catalog.statusCode).toBe(200)
    const { resources, license } = catalog.json()
    expect(license).toBe('lov2')
    expect(resources.map((r: { url: string }) => r.url)).toEqual([
      '/data/lieux-mediation-numerique.csv',
      '/data/lieux-mediation-numerique.json',
      '/data/data-inclusion-structures.json',
      '/data/data-inclusion-services.json',
    ])
    for (const r of resources) {
      expect(r).toMatchObject({
        type: 'main',
        title: expect.any(String),
        format: expect.stringMatching(/^(csv|json)$/),
        filesize: expect.any(Number),
        checksum: { type: 'sha256' },
        last_modified: expect.any(String),
        license: { id: 'lov2' },
      })
    }
    expect(
      (await ctx.app.inject({ url: '/data/catalog.json', headers: { 'if-none-match': catalog.headers.etag as string } })).statusCode,
    ).toBe(304)

    const plain = await ctx.app.inject({ url: '/data/lieux-mediation-numerique.json' })
    expect(plain.statusCode).toBe(200)
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(Number(plain.headers['content-length'])).toBe(resources[1].filesize)
    const records = plain.json() as { id: string; nom: string }[]
    expect(records.find((r) => r.id === venue.source_id)?.nom).toBe('Fabrique ouverte')

    const zipped = await ctx.app.inject({ url: '/data/lieux-mediation-numerique.json', headers: { 'accept-encoding': 'gzip, br' } })
    expect(zipped.headers['content-encoding']).toBe('gzip')
    expect(zipped.headers.vary).toMatch(/Accept-Encoding/)
    expect(gunzipSync(zipped.rawPayload).toString()).toBe(plain.body)
    expect(zipped.rawPayload.length).toBeLessThan(plain.rawPayload.length)

    const etag = plain.headers.etag as string
    const lastModified = plain.headers['last-modified'] as string
    expect((await ctx.app.inject({ url: '/data/lieux-mediation-numerique.json', headers: { 'if-none-match': etag } })).statusCode).toBe(304)
    expect(
      (await ctx.app.inject({ url: '/data/lieux-mediation-numerique.json', headers: { 'if-modified-since': lastModified } })).statusCode,
    ).toBe(304)
    const csv = await ctx.app.inject({ url: '/data/lieux-mediation-numerique.csv' })
    expect(csv.headers['content-type']).toMatch(/^text\/csv/)
    expect(csv.body).toContain('Fabrique ouverte')

    await updateVenue(ctx.database.db, venue.id, { nom: 'Fabrique renommée' }, { expectedVersion: null }, { actor: 'test', reason: 'test' })
    await ctx.app.openData.refresh()
    const changed = await ctx.app.inject({ url: '/data/lieux-mediation-numerique.json', headers: { 'if-none-match': etag } })
    expect(changed.statusCode).toBe(200)
    expect(changed.headers.etag).not.toBe(etag)
    expect((changed.json() as { id: string; nom: string }[]).find((r) => r.id === venue.source_id)?.nom).toBe('Fabrique renommée')
    const structures = await ctx.app.inject({ url: '/data/data-inclusion-structures.json' })
    expect(structures.body).toContain('Fabrique renommée')
  })

  it('answers an unknown file with a 404 problem', async () => {
    const res = await ctx.app.inject({ url: '/data/secret.txt' })
    expect(res.statusCode).toBe(404)
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/)
  })
})
