// Companies and sponsorships: admin CRUD with SIRET/NAF/per-kind validation, If-Match, history and audit,
// CSV import (all-or-nothing), nearby venues, and the venue payload's sponsors (both databases).
import { Geodesic } from 'geographiclib-geodesic'
import { beforeAll, expect, it } from 'vitest'
import { createApiKey } from '../../../db/auth/api-keys.ts'
import { loadVenueExtras } from '../../../db/venue-extras.ts'
import { insertVenues } from '../../../db/venue-store.ts'
import { describeEachApp } from '../../helpers/databases.ts'
import { venueData } from '../governance/fixtures.ts'

describeEachApp('sponsors: companies and sponsorships', (ctx) => {
  let admin: Record<string, string>
  let curator: Record<string, string>
  let venues: string[] = []

  beforeAll(async () => {
    const db = ctx.database.db
    admin = {
      authorization: `Bearer ${(await createApiKey(db, { name: 'admin test', role: 'admin', territories: [], createdBy: 'test' })).key}`,
    }
    curator = {
      authorization:
        `Bearer ` +
        `${(await createApiKey(db, { name: 'curator test', role: 'curator', territories: ['dep:33'], createdBy: 'test' })).key}`,
    }
    // Bordeaux centre, Mérignac (~8 km), Libourne (~30 km), and a pending one in Bordeaux.
    const rows = await insertVenues(
      db,
      [
        { data: venueData(1, 44.8378, -0.5792) },
        { data: venueData(2, 44.8386, -0.6436) },
        { data: venueData(3, 44.9152, -0.2436) },
        { data: venueData(4, 44.84, -0.575), status: 'pending' as const },
      ],
      { actor: 'test', reason: 'jeu de test' },
    )
    venues = rows.map((r) => r.id)
  })

  const post = (url: string, payload: unknown, headers = admin) =>
    ctx.app.inject({ method: 'POST', url, payload: payload as object, headers })

  it('creates a company (admin only), checks SIRET and NAF, places it at its commune', async () => {
    expect((await post('/api/v1/companies', { siret: '73282932000074', nom: 'X' }, {})).statusCode).toBe(401)
    expect((await post('/api/v1/companies', { siret: '73282932000074', nom: 'X' }, curator)).statusCode).toBe(403)
    const bad = await post('/api/v1/companies', { siret: '73282932000075', nom: 'X', code_naf: '6202' })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toContain('code_naf')
    const badSiret = await post('/api/v1/companies', { siret: '73282932000075', nom: 'X' })
    expect(badSiret.statusCode).toBe(400)
    expect(badSiret.json().errors).toEqual([{ field: 'siret', message: expect.stringMatching(/Luhn/) }])
    const res = await post('/api/v1/companies', {
      siret: '732 829 320 00074',
      nom: 'Numérique Solidaire',
      code_naf: '6202A',
      adresse: '1 place de la Bourse',
      code_postal: '33000',
      commune: 'Bordeaux',
      cinov_member_since: '2024-01-15',
      contact_courriel: 'contact@example.fr',
    })
    expect(res.statusCode).toBe(201)
    const company = res.json()
    expect(company).toMatchObject({
      siret: '73282932000074',
      code_naf: '62.02A',
      code_insee: '33063',
      location_approximate: true,
      cinov_status: 'active',
      version: 1,
    })
    expect(company.latitude).toBeCloseTo(44.85, 1)
    expect(res.headers.etag).toBe(`"${company.id}-v1"`)
    expect((await post('/api/v1/companies', { siret: '73282932000074', nom: 'Doublon' })).statusCode).toBe(409)
    // La Poste: SIREN 356000000, sum of digits a multiple of 5 (not Luhn).
    const poste = await post('/api/v1/companies', {
      siret: '35600000049837',
      nom: 'La Poste — établissement',
      latitude: 44.83,
      longitude: -0.57,
    })
    expect(poste.statusCode).toBe(201)
    expect(poste.json().location_approximate).toBe(false)
  })

  it('patches with If-Match (428 without, 412 stale), archives, and keeps history and audit', async () => {
    const created = (await post('/api/v1/companies', { siret: '44306184100047', nom: 'Beta' })).json()
    const url = `/api/v1/companies/${created.id}`
    expect((await ctx.app.inject({ method: 'PATCH', url, payload: { nom: 'Beta 2' }, headers: admin })).statusCode).toBe(428)
    const ok = await ctx.app.inject({
      method: 'PATCH',
      url,
      payload: { nom: 'Beta 2' },
      headers: { ...admin, 'if-match': `"${created.id}-v1"` },
    })
    expect(ok.statusCode).toBe(200)
    expect(ok.json()).toMatchObject({ nom: 'Beta 2', version: 2 })
    const stale = await ctx.app.inject({
      method: 'PATCH',
      url,
      payload: { nom: 'Beta 3' },
      headers: { ...admin, 'if-match': `"${created.id}-v1"` },
    })
    expect(stale.statusCode).toBe(412)
    expect(stale.json()).toMatchObject({ current_version: 2 })
    // An unreadable If-Match cannot match the current version: 412 with the version to use, as for venues.
    const malformed = await ctx.app.inject({
      method: 'PATCH',
      url,
      payload: { nom: 'Beta 3' },
      headers: { ...admin, 'if-match': 'pas-un-etag' },
    })
    expect(malformed.statusCode).toBe(412)
    expect(malformed.json()).toMatchObject({ current_version: 2 })
    const archived = await ctx.app.inject({ method: 'DELETE', url, headers: admin })
    expect(archived.json()).toMatchObject({ version: 3, archived_at: expect.any(String) })
    const list = (await ctx.app.inject('/api/v1/companies')).json().items
    expect(list.map((c: { id: string }) => c.id)).not.toContain(created.id)
    const history = (await ctx.app.inject(`${url}/history`)).json().items
    expect(history.map((h: { version: number }) => h.version)).toEqual([3, 2, 1])
    expect(history[1].data.nom).toBe('Beta 2')
    const audit = await ctx.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor'])
      .where('entity_id', '=', created.id)
      .orderBy('id')
      .execute()
    expect(audit.map((a) => a.action)).toEqual(['company.create', 'company.update', 'company.archive'])
    expect(audit[0].actor).toMatch(/admin test/)
  })

  it('validates sponsorships per kind with field-named errors and defaults a 3-year contract', async () => {
    const company = (await ctx.app.inject('/api/v1/companies?q=numerique solidaire')).json().items[0]
    const base = { company_id: company.id, venue_id: venues[0], started_on: '2025-09-01' }
    const missing = await post('/api/v1/sponsorships', { ...base, kind: 'emploi_avenir', youth_count: 2 })
    expect(missing.statusCode).toBe(400)
    expect(
      missing
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['sponsor_name', 'tutor_name'])
    const wrong = await post('/api/v1/sponsorships', {
      ...base,
      kind: 'don_materiel',
      devices_count: 5,
      refurbisher: 'Ateliers',
      amount_eur: 10,
    })
    expect(wrong.json().errors).toEqual([{ field: 'amount_eur', message: expect.stringMatching(/sans objet/) }])
    expect((await post('/api/v1/sponsorships', { ...base, kind: 'fonds_solidarites_numeriques' })).json().errors[0].field).toBe(
      'amount_eur',
    )
    expect(
      (await post('/api/v1/sponsorships', { ...base, kind: 'mecenat', description: 'x', ended_on: '2020-01-01' })).json().errors[0].field,
    ).toBe('ended_on')
    expect((await post('/api/v1/sponsorships', { ...base, kind: 'nope' })).json().errors[0].field).toBe('kind')
    const unknownVenue = await post('/api/v1/sponsorships', {
      ...base,
      venue_id: '00000000-0000-4000-8000-000000000000',
      kind: 'mecenat',
      description: 'x',
    })
    expect(unknownVenue.json().errors[0].field).toBe('venue_id')

    const ea = await post('/api/v1/sponsorships', {
      ...base,
      kind: 'emploi_avenir',
      youth_count: 2,
      tutor_name: 'Camille',
      sponsor_name: 'Louis',
    })
    expect(ea.statusCode).toBe(201)
    expect(ea.json()).toMatchObject({
      kind: 'emploi_avenir',
      ended_on: '2028-09-01',
      active: true,
      company_nom: 'Numérique Solidaire',
      version: 1,
    })
    const don = await post('/api/v1/sponsorships', {
      company_id: company.id,
      venue_id: venues[1],
      kind: 'don_materiel',
      started_on: '2025-10-01',
      devices_count: 12,
      refurbisher: 'Ateliers du Bocage',
    })
    expect(don.statusCode).toBe(201)

    // The venue payload's sponsors (shared extras) list the company.
    const extras = await loadVenueExtras(ctx.database.db, [venues[0], venues[1], venues[2]])
    expect(extras.get(venues[0])!.sponsors).toEqual([
      expect.objectContaining({ company_id: company.id, nom: 'Numérique Solidaire', kind: 'emploi_avenir' }),
    ])
    expect(extras.get(venues[2])!.sponsors).toEqual([])

    // PATCH re-validates the merged sponsorship, with If-Match.
    const id = ea.json().id
    const patchBad = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/v1/sponsorships/${id}`,
      payload: { tutor_name: null },
      headers: { ...admin, 'if-match': '1' },
    })
    expect(patchBad.json().errors[0].field).toBe('tutor_name')
    const patched = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/v1/sponsorships/${id}`,
      payload: { youth_count: 3 },
      headers: { ...admin, 'if-match': `"${id}-v1"` },
    })
    expect(patched.json()).toMatchObject({ youth_count: 3, version: 2 })
    const malformed = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/v1/sponsorships/${id}`,
      payload: { youth_count: 4 },
      headers: { ...admin, 'if-match': 'W/"v2' },
    })
    expect(malformed.statusCode).toBe(412)
    expect(malformed.json()).toMatchObject({ current_version: 2 })
    expect(
      (await ctx.app.inject(`/api/v1/sponsorships/${id}/history`))
        .json()
        .items.map((h: { data: { youth_count: number } }) => h.data.youth_count),
    ).toEqual([3, 2])

    const list = (await ctx.app.inject(`/api/v1/sponsorships?company_id=${company.id}&kind=don_materiel`)).json().items
    expect(list).toHaveLength(1)
    expect(list[0]).toMatchObject({ devices_count: 12, venue_id: venues[1] })
    const detail = (await ctx.app.inject(`/api/v1/companies/${company.id}`)).json()
    expect(detail.sponsorships).toHaveLength(2)
    expect(detail.venues.map((v: { id: string }) => v.id).sort()).toEqual([venues[0], venues[1]].sort())
  })

  it('archives a sponsorship: it stops counting on the venue', async () => {
    const company = (await ctx.app.inject('/api/v1/companies?q=poste')).json().items[0]
    const created = (
      await post('/api/v1/sponsorships', {
        company_id: company.id,
        venue_id: venues[2],
        kind: 'mecenat',
        started_on: '2025-01-01',
        description: 'Ateliers',
      })
    ).json()
    expect((await loadVenueExtras(ctx.database.db, [venues[2]])).get(venues[2])!.sponsors).toHaveLength(1)
    const archived = await ctx.app.inject({ method: 'DELETE', url: `/api/v1/sponsorships/${created.id}`, headers: admin })
    expect(archived.json()).toMatchObject({ status: 'archived', active: false })
    expect((await loadVenueExtras(ctx.database.db, [venues[2]])).get(venues[2])!.sponsors).toHaveLength(0)
    expect((await ctx.app.inject(`/api/v1/sponsorships?venue_id=${venues[2]}`)).json().items).toHaveLength(0)
  })

  it('lists nearby published venues by geodesic distance, optionally only unsponsored', async () => {
    const company = (await ctx.app.inject('/api/v1/companies?q=poste')).json().items[0] // at 44.83, -0.57
    const all = (await ctx.app.inject(`/api/v1/companies/${company.id}/nearby-venues?radius=50000`)).json().items
    expect(all.map((v: { id: string }) => v.id)).toEqual([venues[0], venues[1], venues[2]]) // pending venue excluded
    // Geodesic on WGS 84, checked against GeographicLib (the SQL rounds to 0.1 m).
    expect(Math.abs(all[0].distance_m - Geodesic.WGS84.Inverse(44.83, -0.57, 44.8378, -0.5792).s12!)).toBeLessThan(0.5)
    for (let i = 1; i < all.length; i++) expect(all[i].distance_m).toBeGreaterThanOrEqual(all[i - 1].distance_m)
    const near = (await ctx.app.inject(`/api/v1/companies/${company.id}/nearby-venues?radius=10000&unsponsored=true`)).json().items
    expect(near).toEqual([]) // venues 0 and 1 are sponsored; Libourne is beyond 10 km
    const far = (await ctx.app.inject(`/api/v1/companies/${company.id}/nearby-venues?radius=50000&unsponsored=true`)).json().items
    expect(far.map((v: { id: string }) => v.id)).toEqual([venues[2]])
    expect((await ctx.app.inject(`/api/v1/companies/${company.id}/nearby-venues?radius=abc`)).json().errors[0].field).toBe('radius')
  })

  it('imports companies from CSV all-or-nothing with a per-row report', async () => {
    const header = 'siret,nom,code_naf,code_postal,commune,cinov_member_since'
    const bad = [
      header,
      '48265489400005,Gamma,62.01Z,33700,Mérignac,2023-02-01',
      '12345678901234,Delta,,,,',
      '48265489400005,Gamma bis,,,,',
    ].join('\n')
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/companies/import',
      payload: bad,
      headers: { ...admin, 'content-type': 'text/csv' },
    })
    expect(res.statusCode).toBe(422)
    const report = res.json().rows
    expect(report.map((r: { status: string }) => r.status)).toEqual(['created', 'rejected', 'rejected'])
    expect(report[1].errors[0].field).toBe('siret')
    expect(report[2].errors[0].message).toMatch(/ligne 2/)
    expect((await ctx.app.inject('/api/v1/companies?q=gamma')).json().items).toHaveLength(0)

    const good = [header, '48265489400005,Gamma,62.01Z,33700,Mérignac,2023-02-01', '73282932000074,Numérique Solidaire (maj),,,,'].join(
      '\n',
    )
    const ok = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/companies/import',
      payload: good,
      headers: { ...admin, 'content-type': 'text/csv' },
    })
    expect(ok.statusCode).toBe(200)
    expect(ok.json().summary).toEqual({ created: 1, updated: 1, rejected: 0 })
    const gamma = (await ctx.app.inject('/api/v1/companies?q=gamma')).json().items[0]
    expect(gamma).toMatchObject({ code_insee: '33281', cinov_member_since: '2023-02-01' })
  })

  it('serves the company page with its sponsored venues', async () => {
    const company = (await ctx.app.inject('/api/v1/companies?q=solidaire')).json().items[0]
    const page = await ctx.app.inject(`/parrainages/entreprises/${company.id}`)
    expect(page.statusCode).toBe(200)
    expect(page.headers['content-type']).toMatch(/text\/html/)
    expect(page.body).toContain('Lieu test 1')
    expect(page.body).toContain('Lieu test 2')
    expect((await ctx.app.inject('/parrainages/entreprises/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404)
  })
})
