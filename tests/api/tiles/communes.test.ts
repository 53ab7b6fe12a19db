// The offline basemap's commune tiles (shipped pre-built, api/tiles/basemap/): same contract on both databases.
import { gunzipSync } from 'node:zlib'
import { VectorTile } from '@mapbox/vector-tile'
import { PbfReader } from 'pbf'
import { expect, it } from 'vitest'
import { describeEachApp } from '../../helpers/databases.ts'

// Lyon (69123) lies in tile 10/525/365.
const LYON_TILE = '/tiles/communes/10/525/365.mvt'

function layerProperties(body: Buffer, name: string): Record<string, string | number | boolean>[] {
  const layer = new VectorTile(new PbfReader(body)).layers[name]
  if (!layer) return []
  return Array.from({ length: layer.length }, (_, i) => layer.feature(i).properties as Record<string, string | number | boolean>)
}

describeEachApp('GET /tiles/communes/{z}/{x}/{y}.mvt', (ctx) => {
  const get = (url: string, headers: Record<string, string> = {}) => ctx.app.inject({ url, headers })

  it('Lyon’s tile holds the boundaries and names of Lyon and its neighbours, the 2018 vintage included', async () => {
    const response = await get(LYON_TILE)
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toBe('application/vnd.mapbox-vector-tile')
    expect(response.headers['content-encoding']).toBeUndefined()
    const shapes = layerProperties(response.rawPayload, 'communes')
    const labels = layerProperties(response.rawPayload, 'commune_labels')
    expect(shapes.map((p) => p.code)).toEqual(expect.arrayContaining(['69123', '69266']))
    const lyon = labels.find((p) => p.code === '69123')!
    expect(lyon.nom).toBe('Lyon')
    expect(Number(lyon.population)).toBeGreaterThan(400_000)
    expect(labels.find((p) => p.code === '69266')?.nom).toBe('Villeurbanne')
    const tile = new VectorTile(new PbfReader(response.rawPayload))
    expect(tile.layers.communes.feature(0).type).toBe(3)
    expect(tile.layers.commune_labels.feature(0).type).toBe(1)
  })

  it('sends the stored gzip as is to clients that accept it; ETag and 304', async () => {
    const plain = await get(LYON_TILE)
    const zipped = await get(LYON_TILE, { 'accept-encoding': 'gzip, br' })
    expect(zipped.headers['content-encoding']).toBe('gzip')
    expect(zipped.headers.vary).toContain('Accept-Encoding')
    expect(gunzipSync(zipped.rawPayload).equals(plain.rawPayload)).toBe(true)
    expect(zipped.rawPayload.length).toBeLessThan(plain.rawPayload.length)
    expect(plain.headers.etag).toBe(zipped.headers.etag)
    expect(plain.headers['cache-control']).toContain('max-age=86400')
    const again = await get(LYON_TILE, { 'if-none-match': String(plain.headers.etag) })
    expect(again.statusCode).toBe(304)
  })

  it('204 where no tile is shipped (other zooms, the open sea); 400 problem for a bad address', async () => {
    expect((await get('/tiles/communes/9/262/182.mvt')).statusCode).toBe(204)
    expect((await get('/tiles/communes/10/0/0.mvt')).statusCode).toBe(204)
    for (const url of ['/tiles/communes/10/525/1024.mvt', '/tiles/communes/10/x/364.mvt', '/tiles/communes/10/525/365.png']) {
      const response = await get(url)
      expect(response.statusCode).toBe(400)
      expect(response.headers['content-type']).toContain('application/problem+json')
      expect(response.json().detail ?? response.json().title).toMatch(/tuile/i)
    }
  })
})
