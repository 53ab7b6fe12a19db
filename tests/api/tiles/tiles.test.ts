// Vector tiles on both databases (ST_AsMVT on PostgreSQL, Node encoder on PGlite): one contract.
import { VectorTile } from '@mapbox/vector-tile'
import { PbfReader } from 'pbf'
import { beforeAll, expect, it } from 'vitest'
import { describeEachApp } from '../../helpers/databases.ts'
import { insertVenues, updateVenue } from '../../../db/venue-store.ts'
import { venueData } from '../governance/fixtures.ts'
import { importSynthetic } from '../venues/search-fixtures.ts'

interface Venue {
  id: string
  nom: string
  latitude: number
  longitude: number
  services: string[]
  frais_a_charge: string[]
  horaires: string | null
}

function tileOf(lon: number, lat: number, z: number) {
  const n = 2 ** z
  const sin = Math.sin((lat * Math.PI) / 180)
  return { z, x: Math.floor(((lon + 180) / 360) * n), y: Math.floor((0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * n) }
}

function inTile(v: { longitude: number; latitude: number }, t: { z: number; x: number; y: number }) {
  const s = tileOf(v.longitude, v.latitude, t.z)
  return s.x === t.x && s.y === t.y
}

function decode(body: Buffer) {
  const tile = new VectorTile(new PbfReader(body))
  const layer = tile.layers.venues
  return Array.from({ length: layer.length }, (_, i) => {
    const f = layer.feature(i)
    return {
      properties: f.properties as Record<string, string | number | boolean>,
      point: f.loadGeometry()[0][0],
      extent: layer.extent,
      type: f.type,
    }
  })
}

describeEachApp('GET /tiles/venues/{z}/{x}/{y}.mvt', (ctx) => {
  let venues: Venue[] = []
  const bordeaux = { lon: -0.5792, lat: 44.8378 }

  beforeAll(async () => {
    await importSynthetic(ctx.database.db, 300, 5)
    venues = (await ctx.database.db
      .selectFrom('venues')
      .select(['id', 'nom', 'latitude', 'longitude', 'services', 'frais_a_charge', 'horaires'])
      .where('status', '=', 'published')
      .execute()) as Venue[]
  })

  const get = (path: string, headers: Record<string, string> = {}) => ctx.app.inject({ url: path, headers })

  it('clusters at low zoom: point counts add up to the venues of the tile', async () => {
    const t = tileOf(bordeaux.lon, bordeaux.lat, 5)
    const response = await get(`/tiles/venues/${t.z}/${t.x}/${t.y}.mvt`)
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toBe('application/vnd.mapbox-vector-tile')
    expect(response.headers['cache-control']).toContain('max-age')
    const features = decode(response.rawPayload)
    const expected = venues.filter((v) => inTile(v, t))
    expect(expected.length).toBeGreaterThan(20)
    expect(features.reduce((sum, f) => sum + Number(f.properties.point_count), 0)).toBe(expected.length)
    const clusters = features.filter((f) => f.properties.cluster === true)
    expect(clusters.length).toBeGreaterThan(0)
    expect(Math.max(...clusters.map((f) => Number(f.properties.point_count)))).toBeGreaterThan(1)
    for (const f of features) {
      expect(f.type).toBe(1)
      expect(f.extent).toBe(4096)
      expect(f.point.x).toBeGreaterThanOrEqual(0)
      expect(f.point.x).toBeLessThanOrEqual(4096)
    }
    // A lone venue in its cell is shown as the venue itself.
    for (const f of features.filter((f) => f.properties.cluster === false)) expect(typeof f.properties.id).toBe('string')
  })

  it('one feature per venue at high zoom, with id, nom and flags, at the right place', async () => {
    const target = venues.find((v) => Math.abs(v.latitude - bordeaux.lat) < 0.2 && Math.abs(v.longitude - bordeaux.lon) < 0.2)!
    const t = tileOf(target.longitude, target.latitude, 13)
    const features = decode((await get(`/tiles/venues/${t.z}/${t.x}/${t.y}.mvt`)).rawPayload)
    const expected = venues.filter((v) => inTile(v, t))
    expect(features.map((f) => f.properties.id).sort()).toEqual(expected.map((v) => v.id).sort())
    const feature = features.find((f) => f.properties.id === target.id)!
    expect(feature.properties.nom).toBe(target.nom)
    expect(feature.properties.cluster).toBe(false)
    expect(feature.properties.gratuit).toBe(target.frais_a_charge.includes('Gratuit'))
    // Position: back to degrees within a pixel of the venue.
    const n = 2 ** 13
    const lon = ((t.x + feature.point.x / 4096) / n) * 360 - 180
    expect(Math.abs(lon - target.longitude)).toBeLessThan((360 / n / 4096) * 2)
  })

  it('honours the search filters, open_at included', async () => {
    const t = tileOf(bordeaux.lon, bordeaux.lat, 6)
    const service = 'Aide aux démarches administratives'
    const filtered = decode((await get(`/tiles/venues/${t.z}/${t.x}/${t.y}.mvt?services=${encodeURIComponent(service)}`)).rawPayload)
    const expected = venues.filter((v) => inTile(v, t) && v.services.includes(service))
    expect(filtered.reduce((s, f) => s + Number(f.properties.point_count), 0)).toBe(expected.length)
    const sunday = decode((await get(`/tiles/venues/${t.z}/${t.x}/${t.y}.mvt?open_at=2026-07-12T10:00`)).rawPayload)
    const openSunday = venues.filter((v) => inTile(v, t) && v.horaires !== null && /Tu-Su|Su 08|24\/7/.test(v.horaires))
    expect(sunday.reduce((s, f) => s + Number(f.properties.point_count), 0)).toBe(openSunday.length)
    expect((await get(`/tiles/venues/${t.z}/${t.x}/${t.y}.mvt?services=Rien`)).statusCode).toBe(400)
  })

  it('204 for an empty tile, 304 for a known ETag, 400 outside the grid', async () => {
    const ocean = tileOf(-30, 40, 8)
    const empty = await get(`/tiles/venues/${ocean.z}/${ocean.x}/${ocean.y}.mvt`)
    expect(empty.statusCode).toBe(204)
    expect(empty.body).toBe('')
    const t = tileOf(bordeaux.lon, bordeaux.lat, 8)
    const first = await get(`/tiles/venues/${t.z}/${t.x}/${t.y}.mvt`)
    expect(first.statusCode).toBe(200)
    const etag = first.headers.etag as string
    expect(etag).toMatch(/^"/)
    expect((await get(`/tiles/venues/${t.z}/${t.x}/${t.y}.mvt`, { 'if-none-match': etag })).statusCode).toBe(304)
    expect((await get('/tiles/venues/3/8/1.mvt')).statusCode).toBe(400)
    expect((await get('/tiles/venues/3/1/1.png')).statusCode).toBe(400)
  })

  it('a venue write invalidates cached tiles: the next request shows it (grid zooms and others)', async () => {
    const at = { latitude: 44.91, longitude: -0.43 }
    const count = async (z: number) => {
      const t = tileOf(at.longitude, at.latitude, z)
      const response = await get(`/tiles/venues/${t.z}/${t.x}/${t.y}.mvt`)
      return response.statusCode === 204 ? 0 : decode(response.rawPayload).reduce((sum, f) => sum + Number(f.properties.point_count), 0)
    }
    const zooms = [3, 5, 7, 9]
    const before = await Promise.all(zooms.map(count))
    expect(await Promise.all(zooms.map(count))).toEqual(before) // now cached
    const [created] = await insertVenues(ctx.database.db, [{ data: venueData(9001, at.latitude, at.longitude) }], {
      actor: 'test',
      reason: 'tuiles',
    })
    expect(await Promise.all(zooms.map(count))).toEqual(before.map((n) => n + 1))
    // A venue leaving the published set leaves the tiles at once too.
    await updateVenue(ctx.database.db, created.id, {}, { expectedVersion: null, status: 'archived' }, { actor: 'test', reason: 'tuiles' })
    expect(await Promise.all(zooms.map(count))).toEqual(before)
  })

  it('grid zooms count exactly the published venues of the tile, every tile of a zoom', async () => {
    const published = (await ctx.database.db
      .selectFrom('venues')
      .select(['latitude', 'longitude'])
      .where('status', '=', 'published')
      .execute()) as { latitude: number; longitude: number }[]
    for (const z of [2, 4, 6]) {
      const tiles = new Map<string, number>()
      for (const v of published) {
        const t = tileOf(v.longitude, v.latitude, z)
        tiles.set(`${t.z}/${t.x}/${t.y}`, (tiles.get(`${t.z}/${t.x}/${t.y}`) ?? 0) + 1)
      }
      for (const [path, expected] of tiles) {
        const features = decode((await get(`/tiles/venues/${path}.mvt`)).rawPayload)
        expect(features.reduce((sum, f) => sum + Number(f.properties.point_count), 0)).toBe(expected)
        for (const f of features.filter((f) => f.properties.cluster === false)) expect(typeof f.properties.id).toBe('string')
      }
    }
  })
})
