// Coordinates are part of the territory: a venue's point must lie in its commune's département, on every
// write path (REST create, PATCH moving the pin alone, moderation, imports), on both databases.
import { beforeAll, expect, it } from 'vitest'
import { sql } from 'kysely'
import { describeEachApp } from '../../helpers/databases.ts'
import { bearer, createPersonaKeys, createVenue, type Persona } from '../curation/curation-fixtures.ts'

const PARIS = { latitude: 48.8566, longitude: 2.3522 }
const BORDEAUX_VENUE = {
  nom: 'Espace numérique des Chartrons',
  adresse: '12 rue Notre-Dame',
  code_postal: '33000',
  commune: 'Bordeaux',
  code_insee: '33063',
  latitude: 44.852,
  longitude: -0.571,
  services: ['Aide aux démarches administratives'],
  frais_a_charge: ['Gratuit'],
}

const IMPORT_HEADER = 'id,nom,adresse,code_postal,commune,code_insee,latitude,longitude,pivot,date_maj'
const importRow = (id: string, lat: number, lon: number) =>
  `${id},Lieu ${id},1 rue du Test,33000,Bordeaux,33063,${lat},${lon},00000000000000,2025-05-01`

describeEachApp('coordinates must lie in the commune’s département', (ctx) => {
  let keys: Record<Persona, string | null>
  const as = (p: Persona) => bearer(keys[p])
  const venueCount = async () =>
    (await ctx.database.db.selectFrom('venues').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n
  beforeAll(async () => {
    keys = await createPersonaKeys(ctx.database.db)
  })

  it('refuses a POST with a Bordeaux commune and Paris coordinates (400 naming latitude and longitude), writes nothing', async () => {
    const before = await venueCount()
    for (const persona of ['admin', 'curatorOwn', 'authorityOwn'] as const) {
      const res = await ctx.app.inject({
        method: 'POST',
        url: '/api/v1/venues',
        headers: as(persona),
        payload: { ...BORDEAUX_VENUE, ...PARIS },
      })
      expect(res.statusCode, persona).toBe(400)
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/)
      const problem = res.json()
      expect(problem).toMatchObject({ status: 400, title: expect.any(String), detail: expect.any(String) })
      const fields = problem.errors.map((e: { field: string }) => e.field)
      expect(fields).toEqual(expect.arrayContaining(['latitude', 'longitude']))
      const message = problem.errors.find((e: { field: string }) => e.field === 'latitude').message
      expect(message).toMatch(/hors du département 33/)
      expect(message).toMatch(/Paris/)
    }
    expect(await venueCount()).toBe(before)
    expect(await ctx.database.db.selectFrom('submissions').select('id').execute()).toEqual([])
  })

  it('accepts the same venue with its own coordinates', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/venues',
      headers: as('curatorOwn'),
      payload: { ...BORDEAUX_VENUE, id: 'chartrons' },
    })
    expect(res.statusCode).toBe(201)
    expect(res.json()).toMatchObject({ departement: '33', latitude: 44.852, longitude: -0.571 })
  })

  it('refuses a PATCH moving only the coordinates into another département, and keeps the venue as it was', async () => {
    const venue = await createVenue(ctx.database.db, { latitude: 44.84, longitude: -0.57 })
    const res = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/v1/venues/${venue.id}`,
      headers: { ...as('curatorOwn'), 'if-match': `"${venue.id}-v1"` },
      payload: { latitude: 45.767, longitude: 4.834 },
    })
    expect(res.statusCode).toBe(400)
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/)
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['latitude', 'longitude']))
    expect(res.json().errors[0].message).toMatch(/Rhône/)
    const stored = await ctx.database.db
      .selectFrom('venues')
      .select(['version', 'latitude', 'longitude'])
      .where('id', '=', venue.id)
      .executeTakeFirstOrThrow()
    expect(stored).toEqual({ version: 1, latitude: 44.84, longitude: -0.57 })
    // A move within the département is still a plain edit.
    const ok = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/v1/venues/${venue.id}`,
      headers: { ...as('curatorOwn'), 'if-match': `"${venue.id}-v1"` },
      payload: { latitude: 44.8, longitude: -0.6 },
    })
    expect(ok.statusCode).toBe(200)
    expect(ok.json()).toMatchObject({ version: 2, latitude: 44.8, longitude: -0.6 })
  })

  it('refuses a PATCH changing the commune but leaving the pin in the old département', async () => {
    const venue = await createVenue(ctx.database.db, { latitude: 44.84, longitude: -0.57 })
    const res = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/v1/venues/${venue.id}`,
      headers: { ...as('admin'), 'if-match': '1' },
      payload: { commune: 'Lyon', code_postal: '69001', code_insee: '69381' },
    })
    expect(res.statusCode).toBe(400)
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['latitude', 'longitude']))
  })

  it('rejects an imported row whose point is outside its commune’s département, with its line and fields', async () => {
    const file = [IMPORT_HEADER, importRow('geo-ok', 44.84, -0.58), importRow('geo-paris', PARIS.latitude, PARIS.longitude)].join('\n')
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/imports?source=geo-import',
      headers: { ...as('admin'), 'content-type': 'text/csv' },
      payload: file,
    })
    expect(res.statusCode).toBe(422)
    const report = res.json()
    expect(report).toMatchObject({ status: 'rejected', totals: { rows: 2, rejected: 1 } })
    const rejected = report.rows.find((r: { id: string }) => r.id === 'geo-paris')
    expect(rejected.row).toBe(3)
    expect(rejected.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['latitude', 'longitude']))
    expect(await ctx.database.db.selectFrom('venues').select('id').where('source', '=', 'geo-import').execute()).toEqual([])
  })

  it('warns (without rejecting) about an imported row more than 20 km from its commune’s centre', async () => {
    // Arcachon's shore is in Gironde, about 55 km from the centre of Bordeaux.
    const file = [IMPORT_HEADER, importRow('geo-near', 44.84, -0.58), importRow('geo-far', 44.66, -1.17)].join('\n')
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/imports?source=geo-warn',
      headers: { ...as('admin'), 'content-type': 'text/csv' },
      payload: file,
    })
    expect(res.statusCode).toBe(201)
    const report = res.json()
    expect(report).toMatchObject({ status: 'applied', totals: { rows: 2, created: 2, rejected: 0 } })
    const far = report.rows.find((r: { id: string }) => r.id === 'geo-far')
    expect(far.warnings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'latitude', message: expect.stringMatching(/à \d+ km du centre de la commune/) }),
      ]),
    )
    const near = report.rows.find((r: { id: string }) => r.id === 'geo-near')
    expect(near.warnings.filter((w: { message: string }) => /km du centre/.test(w.message))).toEqual([])
  })
})
