// Governance indicators on a controlled dataset match an independent computation (both databases).
import { sql } from 'kysely'
import { beforeAll, expect, it } from 'vitest'
import { insertSponsorship, insertCompany } from '../../../db/sponsors/repository.ts'
import { insertVenues, updateVenue } from '../../../db/venue-store.ts'
import { describeEachApp } from '../../helpers/databases.ts'
import { COMMUNES, independentCoverage, nearestCommune, rng, venueData, type Point } from './fixtures.ts'

const context = { actor: 'test', reason: 'jeu de test' }
const random = rng(42)
// 60 venues over Gironde and its neighbours (some outside dep:33: coverage counts venues anywhere).
const POINTS = Array.from({ length: 60 }, () => ({ latitude: 44.1 + random() * 1.6, longitude: -1.3 + random() * 1.9 }))
const STATUS = (i: number) =>
  (i % 10 === 7 ? 'pending' : i % 10 === 8 ? 'closed' : i % 15 === 4 ? 'archived' : 'published') as
    | 'published'
    | 'pending'
    | 'closed'
    | 'archived'
const ARCHIVED_LATER = [0, 1, 2, 3, 5] // published at the end of 2024, archived since

function expectedFor(territory: (c: { departement: string; region: string }) => boolean, published: Point[]) {
  const expected = independentCoverage(COMMUNES.filter(territory), published)
  // White zones are sought only where producer data exists: the départements holding one of the (single-source) venues.
  const collected = new Set(
    POINTS.filter((_, i) => STATUS(i) !== 'pending').map((p) => nearestCommune(p.latitude, p.longitude).departement),
  )
  const inCollected = new Set(COMMUNES.filter((c) => collected.has(c.departement)).map((c) => c.code_insee))
  return { ...expected, white: expected.white.filter((w) => inCollected.has(w.code_insee)) }
}

describeEachApp('governance indicators', (ctx) => {
  let venueIds: string[] = []
  // National figures are the slow ones (35,000 communes): fetched once per database, read by several tests.
  let national: Promise<Record<string, any>> | null = null
  const nationalNow = () => (national ??= ctx.app.inject('/api/v1/governance/indicators?territory=fr').then((r) => r.json()))

  beforeAll(async () => {
    const db = ctx.database.db
    const rows = await insertVenues(
      db,
      POINTS.map((p, i) => ({
        data: venueData(i, p.latitude, p.longitude, {
          date_maj: i % 3 === 0 ? '2023-05-01' : '2026-10-01',
          dispositif_programmes_nationaux:
            i % 4 === 0 ? ['Conseillers numériques'] : i % 4 === 1 ? ['France Services', 'Conseillers numériques'] : [],
        }),
        status: STATUS(i),
      })),
      context,
    )
    venueIds = rows.map((r) => r.id)
    // Everything so far existed in mid-2024; five venues were archived afterwards, three created afterwards.
    await sql`UPDATE venue_versions SET changed_at = '2024-06-15T10:00:00Z'`.execute(db)
    for (const i of ARCHIVED_LATER) await updateVenue(db, venueIds[i], {}, { expectedVersion: null, status: 'archived' }, context)
    const late = await insertVenues(
      db,
      [0, 1, 2].map((k) => ({ data: venueData(100 + k, 44.85 + k * 0.01, -0.57, {}), status: 'published' as const })),
      context,
    )
    venueIds.push(...late.map((r) => r.id))

    const companyA = await insertCompany(db, { siret: '73282932000074', nom: 'Alpha', code_insee: '33063' }, context)
    const companyB = await insertCompany(db, { siret: '44306184100047', nom: 'Beta', latitude: 44.84, longitude: -0.58 }, context)
    const v = (i: number) => venueIds[i]
    await insertSponsorship(
      db,
      {
        company_id: companyA,
        venue_id: v(10),
        kind: 'emploi_avenir',
        started_on: '2025-01-01',
        ended_on: '2028-01-01',
        youth_count: 3,
        tutor_name: 'T',
        sponsor_name: 'S',
      },
      context,
    )
    await insertSponsorship(
      db,
      {
        company_id: companyB,
        venue_id: v(11),
        kind: 'emploi_avenir',
        started_on: '2025-03-01',
        ended_on: '2028-03-01',
        youth_count: 2,
        tutor_name: 'T',
        sponsor_name: 'S',
      },
      context,
    )
    await insertSponsorship(
      db,
      {
        company_id: companyA,
        venue_id: v(12),
        kind: 'emploi_avenir',
        started_on: '2020-01-01',
        ended_on: '2023-01-01',
        youth_count: 4,
        tutor_name: 'T',
        sponsor_name: 'S',
      },
      context,
    ) // ended
    await insertSponsorship(
      db,
      { company_id: companyA, venue_id: v(13), kind: 'don_materiel', started_on: '2025-05-01', devices_count: 10, refurbisher: 'R' },
      context,
    )
    await insertSponsorship(
      db,
      { company_id: companyB, venue_id: v(14), kind: 'fonds_solidarites_numeriques', started_on: '2025-06-01', amount_eur: 1500.5 },
      context,
    )
    const archived = await insertSponsorship(
      db,
      { company_id: companyB, venue_id: v(16), kind: 'mecenat', started_on: '2025-06-01', description: 'x' },
      context,
    )
    await db.updateTable('sponsorships').set({ archived_at: new Date(), status: 'archived' }).where('id', '=', archived).execute()
  })

  function currentPublished(): (Point & { i: number })[] {
    const all = [
      ...POINTS.map((p, i) => ({ ...p, i, status: ARCHIVED_LATER.includes(i) ? 'archived' : STATUS(i) })),
      ...[0, 1, 2].map((k) => ({ latitude: 44.85 + k * 0.01, longitude: -0.57, i: 100 + k, status: 'published' })),
    ]
    return all.filter((v) => v.status === 'published')
  }

  it('matches the independent computation for a département (dep:33), now', async () => {
    const res = await ctx.app.inject('/api/v1/governance/indicators?territory=dep:33')
    expect(res.statusCode).toBe(200)
    const body = res.json()
    const published = currentPublished()
    const expected = expectedFor((c) => c.departement === '33', published)
    expect(body.population).toBe(expected.population)
    const inDep = (p: Point) => nearestCommune(p.latitude, p.longitude).departement === '33'
    expect(body.venues.published).toBe(published.filter(inDep).length)
    expect(body.venues.per_10000).toBeCloseTo((published.filter(inDep).length / expected.population) * 10000, 2)
    for (const km of ['5', '10', '20'] as const) expect(Math.abs(body.coverage_km[km] - expected.coverage[km])).toBeLessThan(0.001)
    expect(body.white_zones.count).toBe(expected.white.length)
    expect(body.white_zones.communes.map((w: { code_insee: string }) => w.code_insee).sort()).toEqual(
      expected.white.map((w) => w.code_insee).sort(),
    )
    for (const w of body.white_zones.communes) {
      const exp = expected.white.find((e) => e.code_insee === w.code_insee)!
      if (Number.isFinite(exp.distance_km)) expect(Math.abs(w.distance_km - exp.distance_km / 1000)).toBeLessThan(0.02)
    }
    // Statuses inside the département, counted from the dataset.
    const statuses = [
      ...POINTS.map((p, i) => ({ p, s: ARCHIVED_LATER.includes(i) ? 'archived' : STATUS(i) })),
      ...[0, 1, 2].map((k) => ({ p: { latitude: 44.85 + k * 0.01, longitude: -0.57 }, s: 'published' })),
    ].filter((x) => inDep(x.p))
    for (const s of ['published', 'pending', 'closed', 'archived'])
      expect(body.venues.by_status[s]).toBe(statuses.filter((x) => x.s === s).length)
  })

  it('matches the independent computation for France and a région', async () => {
    const published = currentPublished()
    for (const [territory, filter] of [
      ['fr', () => true],
      ['reg:75', (c: { region: string }) => c.region === '75'],
    ] as const) {
      const body =
        territory === 'fr' ? await nationalNow() : (await ctx.app.inject(`/api/v1/governance/indicators?territory=${territory}`)).json()
      const expected = expectedFor(filter, published)
      expect(body.population).toBe(expected.population)
      for (const km of ['5', '10', '20'] as const) expect(Math.abs(body.coverage_km[km] - expected.coverage[km])).toBeLessThan(0.001)
      expect(body.white_zones.count).toBe(expected.white.length)
    }
  })

  it('counts sponsorships, youth, devices and amounts by the active rule', async () => {
    const body = await nationalNow()
    expect(body.sponsorships.by_kind).toEqual({ emploi_avenir: 2, don_materiel: 1, fonds_solidarites_numeriques: 1, mecenat: 0 })
    expect(body.sponsorships.emplois_avenir_youth).toBe(5)
    expect(body.sponsorships.target).toBe(2000)
    expect(body.sponsorships.devices_donated).toBe(10)
    expect(body.sponsorships.amount_eur).toBe(1500.5)
    expect(body.sponsorships.companies).toBe(2)
  })

  it('counts dispositifs and freshness among published venues', async () => {
    const body = await nationalNow()
    const published = currentPublished().filter((v) => v.i < 100)
    const late = 3
    expect(body.dispositifs['Conseillers numériques']).toBe(published.filter((v) => v.i % 4 <= 1).length)
    expect(body.dispositifs['France Services']).toBe(published.filter((v) => v.i % 4 === 1).length)
    const fresh = published.filter((v) => v.i % 3 !== 0).length + late
    expect(body.freshness.updated).toBe(fresh)
    expect(body.freshness.updated_within_12_months).toBeCloseTo(fresh / (published.length + late), 5)
  })

  it('rebuilds the state at the end of a past year from the history', async () => {
    const body = (await ctx.app.inject('/api/v1/governance/indicators?territory=fr&year=2024')).json()
    const published2024 = POINTS.map((p, i) => ({ ...p, i })).filter((v) => STATUS(v.i) === 'published')
    expect(body.year).toBe(2024)
    expect(body.venues.published).toBe(published2024.length)
    expect(body.venues.by_status.archived).toBe(POINTS.filter((_, i) => STATUS(i) === 'archived').length)
    const expected = expectedFor(() => true, published2024)
    for (const km of ['5', '10', '20'] as const) expect(Math.abs(body.coverage_km[km] - expected.coverage[km])).toBeLessThan(0.001)
    // The series starts at the first import (June 2024), stated; the months before it are not zeros.
    expect(body.data_collection).toMatchObject({ first_import: '2024-06-15', history: true })
    expect(body.timeseries).toHaveLength(7)
    expect(body.timeseries[0]).toEqual({ month: '2024-06', published: published2024.length })
    expect(body.timeseries.at(-1)).toEqual({ month: '2024-12', published: published2024.length })
    // No sponsorship had started by the end of 2024 except the one that ended in 2023.
    expect(body.sponsorships.active).toBe(0)
  })

  it('gives every figure as CSV and the per-département breakdown', async () => {
    const csv = await ctx.app.inject('/api/v1/governance/indicators?territory=dep:33&format=csv&figure=coverage')
    expect(csv.statusCode).toBe(200)
    expect(csv.headers['content-type']).toMatch(/^text\/csv/)
    const json = (await ctx.app.inject('/api/v1/governance/indicators?territory=dep:33')).json()
    const lines = csv.body.trim().split('\n')
    expect(lines[0]).toBe('distance_km,population_couverte,part')
    expect(lines[2]).toBe(`10,${json.covered_population['10']},${json.coverage_km['10']}`)
    const white = await ctx.app.inject('/api/v1/governance/indicators?territory=dep:33&format=csv&figure=white_zones')
    expect(white.body.trim().split('\n')).toHaveLength(json.white_zones.count + 1)
    const deps = (await ctx.app.inject('/api/v1/governance/departements')).json()
    const gironde = deps.items.find((d: { code: string }) => d.code === '33')
    expect(gironde.population).toBe(json.population)
    expect(gironde.published).toBe(json.venues.published)
    expect(gironde.coverage_km).toEqual(json.coverage_km)
    expect(deps.items.length).toBeGreaterThanOrEqual(100)
  })

  it('refuses an unknown territory or parameter with a field-named 400', async () => {
    const bad = await ctx.app.inject('/api/v1/governance/indicators?territory=dep:999')
    expect(bad.statusCode).toBe(400)
    expect(bad.json().errors[0].field).toBe('territory')
    expect((await ctx.app.inject('/api/v1/governance/indicators?nope=1')).statusCode).toBe(400)
  })

  it('renders the yearly report with charts and methods', async () => {
    const res = await ctx.app.inject('/gouvernance/rapport/2024')
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('Rapport annuel 2024')
    expect(res.body).toContain('<svg')
    expect(res.body).toContain('Méthodes')
    expect(res.body).toContain('@media print')
    expect((await ctx.app.inject('/gouvernance/rapport/1999')).statusCode).toBe(404)
  })

  it('recomputes after a write: the cache is keyed on the data it reads', async () => {
    const url = '/api/v1/governance/indicators?territory=dep:33'
    const before = (await ctx.app.inject(url)).json().sponsorships.by_kind.mecenat
    const company = await ctx.database.db.selectFrom('companies').select('id').where('nom', '=', 'Alpha').executeTakeFirstOrThrow()
    await insertSponsorship(
      ctx.database.db,
      { company_id: company.id, venue_id: venueIds[60], kind: 'mecenat', started_on: '2025-01-01', description: 'ateliers' },
      context,
    )
    expect((await ctx.app.inject(url)).json().sponsorships.by_kind.mecenat).toBe(before + 1)
  })
})
