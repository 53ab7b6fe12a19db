// Proximity is exact: nearest-N equals a brute-force geodesic ranking over all venues, everywhere in France.
import fc from 'fast-check'
import { beforeAll, expect, it } from 'vitest'
import { describeEachApp } from '../../helpers/databases.ts'
import { readFileSync } from 'node:fs'
import { importFile } from '../../../db/import/importer.ts'
import { importSynthetic, vincenty } from './search-fixtures.ts'

interface Item {
  id: string
  distance_m: number
  latitude: number
  longitude: number
}

const ZONES = [
  { name: 'metropole', lat: [42.3, 51.0], lon: [-4.8, 8.2] },
  { name: 'Nouvelle-Calédonie', lat: [-22.6, -21.9], lon: [166.0, 166.9] },
  { name: 'La Réunion', lat: [-21.4, -20.9], lon: [55.2, 55.8] },
  { name: 'Guadeloupe', lat: [15.9, 16.5], lon: [-61.8, -61.2] },
  { name: 'Guyane', lat: [3.0, 5.7], lon: [-54.5, -51.7] },
] as const

const pointArb = fc.constantFrom(...ZONES).chain((zone) =>
  fc.record({
    lat: fc.double({ min: zone.lat[0], max: zone.lat[1], noNaN: true }),
    lon: fc.double({ min: zone.lon[0], max: zone.lon[1], noNaN: true }),
  }),
)

describeEachApp('GET /api/v1/venues?near', (ctx) => {
  let all: { id: string; latitude: number; longitude: number }[] = []

  beforeAll(async () => {
    await importSynthetic(ctx.database.db, 320, 7)
    // Real venues too (shipped demo files), wherever they are in France.
    for (const file of ['la-creuse.csv', 'aix-en-provence.csv']) {
      const bytes = readFileSync(new URL(`../../../db/seed/data/venues/${file}`, import.meta.url))
      const report = await importFile(ctx.database.db, bytes, { fileName: file, actor: 'test', partial: true })
      expect(report.totals.created).toBeGreaterThan(20)
    }
    all = (await ctx.database.db
      .selectFrom('venues')
      .select(['id', 'latitude', 'longitude'])
      .where('status', '=', 'published')
      .where('latitude', 'is not', null)
      .execute()) as typeof all
    expect(all.length).toBeGreaterThan(420)
  })

  const brute = (lat: number, lon: number) =>
    all.map((v) => ({ id: v.id, d: vincenty(lat, lon, v.latitude, v.longitude) })).sort((a, b) => a.d - b.d || (a.id < b.id ? -1 : 1))

  it('nearest-N ids equal the brute-force geodesic ranking, distance_m within 0.5 %', async () => {
    await fc.assert(
      fc.asyncProperty(pointArb, fc.integer({ min: 1, max: 40 }), async ({ lat, lon }, n) => {
        const response = await ctx.app.inject({ url: `/api/v1/venues?near=${lat},${lon}&limit=${n}` })
        expect(response.statusCode, response.body).toBe(200)
        const items = response.json().items as Item[]
        const expected = brute(lat, lon)
        expect(items.map((i) => i.id)).toEqual(expected.slice(0, n).map((e) => e.id))
        for (const item of items) {
          const reference = vincenty(lat, lon, item.latitude, item.longitude)
          expect(Math.abs(item.distance_m - reference)).toBeLessThanOrEqual(reference * 0.005 + 0.01)
        }
      }),
      { numRuns: 30, seed: 20260326 },
    )
  })

  it('pages by (distance, id) cover the whole ranking without gaps or repeats (Nouméa)', async () => {
    const [lat, lon] = [-22.27, 166.45]
    const seen: string[] = []
    let cursor: string | null = null
    let pages = 0
    do {
      const response = await ctx.app.inject({ url: `/api/v1/venues?near=${lat},${lon}&limit=37${cursor ? `&cursor=${cursor}` : ''}` })
      expect(response.statusCode).toBe(200)
      const body = response.json() as { items: Item[]; next_cursor: string | null }
      seen.push(...body.items.map((i) => i.id))
      cursor = body.next_cursor
      pages++
    } while (cursor && pages < 20)
    expect(seen).toEqual(brute(lat, lon).map((e) => e.id))
  })

  it('radius keeps exactly the venues within that geodesic distance (La Réunion)', async () => {
    const [lat, lon, radius] = [-21.1, 55.5, 25_000]
    const response = await ctx.app.inject({ url: `/api/v1/venues?near=${lat},${lon}&radius=${radius}&limit=1000` })
    const ids = (response.json().items as Item[]).map((i) => i.id)
    const expected = brute(lat, lon)
      .filter((e) => e.d <= radius)
      .map((e) => e.id)
    expect(expected.length).toBeGreaterThan(3)
    expect(ids).toEqual(expected)
  })

  it('rejects a malformed point and radius without near', async () => {
    const bad = await ctx.app.inject({ url: '/api/v1/venues?near=91,2' })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().errors[0].field).toBe('near')
    const lonely = await ctx.app.inject({ url: '/api/v1/venues?radius=1000' })
    expect(lonely.statusCode).toBe(400)
    expect(lonely.json().errors[0].field).toBe('radius')
  })
})
