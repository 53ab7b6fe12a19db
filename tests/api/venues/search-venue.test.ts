// One venue: ETag/304, open_now + next_opening, labels and sponsors, 404, merged venues; open_at on the list.
import { sql } from 'kysely'
import { stringify } from 'csv-stringify/sync'
import { beforeAll, expect, it } from 'vitest'
import { importFile } from '../../../db/import/importer.ts'
import { isOpenAt, nextOpening } from '../../../db/search/opening-hours.ts'
import { STANDARD_FIELDS } from '../../../db/standard/index.ts'
import { describeEachApp } from '../../helpers/databases.ts'
import { vincenty } from './search-fixtures.ts'

const HOURS: Record<string, string> = {
  dimanche: 'Su 08:00-12:00',
  semaine: 'Mo-Fr 09:00-12:00; PH off',
  semaine_feries: 'Mo-Fr 09:00-12:00',
  toujours: '24/7',
  jamais: 'off',
}

function csv(): Uint8Array {
  const rows = Object.entries(HOURS).map(([key, horaires]) => ({
    id: `oh-${key}`,
    pivot: '00000000000000',
    nom: `Lieu ${key}`,
    commune: 'Bordeaux',
    code_postal: '33000',
    code_insee: '33063',
    adresse: '1 place de la Bourse',
    latitude: '44.8412',
    longitude: '-0.5697',
    horaires,
    date_maj: '2026-01-15',
    services: 'Aide aux démarches administratives',
  }))
  return new TextEncoder().encode(stringify(rows, { header: true, columns: [...STANDARD_FIELDS] }))
}

describeEachApp('GET /api/v1/venues/{id} and open_at', (ctx) => {
  const ids: Record<string, string> = {}

  beforeAll(async () => {
    const report = await importFile(ctx.database.db, csv(), { source: 'essai-horaires', fileName: 'h.csv', actor: 'test' })
    expect(report.status).toBe('applied')
    const rows = await ctx.database.db.selectFrom('venues').select(['id', 'source_id']).where('source', '=', 'essai-horaires').execute()
    for (const row of rows) ids[row.source_id.replace('oh-', '')] = row.id
  })

  const openAt = async (at: string) => {
    const response = await ctx.app.inject({ url: `/api/v1/venues?open_at=${encodeURIComponent(at)}&limit=100` })
    expect(response.statusCode, response.body).toBe(200)
    return (response.json().items as { nom: string }[]).map((i) => i.nom.replace('Lieu ', '')).sort()
  }

  it('open_at is exact on the last Sunday of March (spring forward)', async () => {
    expect(await openAt('2026-03-29T06:30:00Z')).toEqual(['dimanche', 'toujours']) // 08:30 CEST
    expect(await openAt('2026-03-29T05:30:00Z')).toEqual(['toujours']) // 07:30 CEST
    expect(await openAt('2026-03-29T08:30')).toEqual(['dimanche', 'toujours'])
  })

  it('open_at is exact on the last Sunday of October (fall back)', async () => {
    expect(await openAt('2026-10-25T06:30:00Z')).toEqual(['toujours']) // 07:30 CET
    expect(await openAt('2026-10-25T07:30:00Z')).toEqual(['dimanche', 'toujours']) // 08:30 CET
    expect(await openAt('2026-10-25T11:59')).toEqual(['dimanche', 'toujours'])
    expect(await openAt('2026-10-25T12:00')).toEqual(['toujours'])
  })

  it('open_at is exact on 14 July (public holiday) and the day after', async () => {
    expect(await openAt('2026-07-14T10:00')).toEqual(['semaine_feries', 'toujours'])
    expect(await openAt('2026-07-15T10:00')).toEqual(['semaine', 'semaine_feries', 'toujours'])
    expect(await openAt('2026-07-15T10:00:00+02:00')).toEqual(['semaine', 'semaine_feries', 'toujours'])
  })

  it('open_on keeps the venues open at some time that day (Paris), holidays included', async () => {
    const openOn = async (day: string) => {
      const response = await ctx.app.inject({ url: `/api/v1/venues?open_on=${day}&limit=100` })
      expect(response.statusCode, response.body).toBe(200)
      return (response.json().items as { nom: string }[]).map((i) => i.nom.replace('Lieu ', '')).sort()
    }
    expect(await openOn('2026-07-14')).toEqual(['semaine_feries', 'toujours']) // Tuesday, Fête nationale
    expect(await openOn('2026-07-15')).toEqual(['semaine', 'semaine_feries', 'toujours'])
    expect(await openOn('2026-03-29')).toEqual(['dimanche', 'toujours']) // Sunday, clocks spring forward
    const weekday = await ctx.app.inject({ url: '/api/v1/venues?open_on=su&limit=100' })
    expect((weekday.json().items as { nom: string }[]).map((i) => i.nom).sort()).toEqual(['Lieu dimanche', 'Lieu toujours'])
    const bad = await ctx.app.inject({ url: '/api/v1/venues?open_on=samedi' })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().errors[0].field).toBe('open_on')
  })

  it('open_at combines with near (distance order, ties by id)', async () => {
    const response = await ctx.app.inject({ url: '/api/v1/venues?near=44.8378,-0.5792&open_at=2026-07-14T10:00&limit=1' })
    const first = response.json()
    expect(first.items).toHaveLength(1)
    const reference = vincenty(44.8378, -0.5792, 44.8412, -0.5697)
    expect(Math.abs(first.items[0].distance_m - reference)).toBeLessThan(reference * 0.005)
    const second = (
      await ctx.app.inject({ url: `/api/v1/venues?near=44.8378,-0.5792&open_at=2026-07-14T10:00&limit=1&cursor=${first.next_cursor}` })
    ).json()
    const names = [first.items[0].nom, second.items[0].nom].map((n: string) => n.replace('Lieu ', ''))
    expect(names.slice().sort()).toEqual(['semaine_feries', 'toujours'])
    expect([first.items[0].id, second.items[0].id]).toEqual([ids[names[0]], ids[names[1]]].slice().sort())
    expect(second.next_cursor).toBeNull()
  })

  it('open_at=now agrees with the hours evaluated now; a bad value is a 400', async () => {
    const now = new Date()
    const expected = Object.entries(HOURS)
      .filter(([, h]) => isOpenAt(h, now))
      .map(([k]) => k)
      .sort()
    expect(await openAt('now')).toEqual(expected)
    const bad = await ctx.app.inject({ url: '/api/v1/venues?open_at=demain' })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().errors[0].field).toBe('open_at')
  })

  it('a venue carries open_now, next_opening, labels and sponsors, with a strong ETag and 304', async () => {
    const response = await ctx.app.inject({ url: `/api/v1/venues/${ids.semaine}` })
    expect(response.statusCode).toBe(200)
    const venue = response.json()
    const now = new Date()
    expect(venue.open_now).toBe(isOpenAt(HOURS.semaine, now))
    expect(venue.next_opening).toBe(nextOpening(HOURS.semaine, now)?.toISOString() ?? null)
    expect(new Date(venue.next_opening).getTime()).toBeGreaterThan(now.getTime())
    expect(venue.labels).toEqual([])
    expect(venue.sponsors).toEqual([])
    const always = (await ctx.app.inject({ url: `/api/v1/venues/${ids.toujours}` })).json()
    expect(always.open_now).toBe(true)
    expect(always.next_opening).toBeNull()
    const never = (await ctx.app.inject({ url: `/api/v1/venues/${ids.jamais}` })).json()
    expect(never.open_now).toBe(false)
    expect(never.next_opening).toBeNull()
    const etag = response.headers.etag as string
    expect(etag).toMatch(/^"[^"]+"$/)
    const again = await ctx.app.inject({ url: `/api/v1/venues/${ids.semaine}`, headers: { 'if-none-match': etag } })
    expect(again.statusCode).toBe(304)
    const stale = await ctx.app.inject({ url: `/api/v1/venues/${ids.semaine}`, headers: { 'if-none-match': '"autre"' } })
    expect(stale.statusCode).toBe(200)
  })

  it('an unknown id is a 404 problem; a merged venue points to the one kept', async () => {
    const missing = await ctx.app.inject({ url: '/api/v1/venues/00000000-0000-4000-8000-000000000000' })
    expect(missing.statusCode).toBe(404)
    expect(missing.headers['content-type']).toContain('application/problem+json')
    expect(missing.json().status).toBe(404)
    expect((await ctx.app.inject({ url: '/api/v1/venues/pas-un-uuid' })).statusCode).toBe(404)
    await sql`UPDATE venues SET merged_into = ${ids.toujours}, status = 'archived' WHERE id = ${ids.jamais}`.execute(ctx.database.db)
    const merged = await ctx.app.inject({ url: `/api/v1/venues/${ids.jamais}` })
    expect(merged.statusCode).toBe(301)
    expect(merged.headers.location).toBe(`/api/v1/venues/${ids.toujours}`)
    // Archived venues leave the search.
    expect(await openAt('2026-07-14T10:00')).toEqual(['semaine_feries', 'toujours'])
  })
})
