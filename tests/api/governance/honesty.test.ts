// Honest dashboards: white zones and coverage only where producer data exists (a national one-programme list
// does not count), series from the first import (stated), a past year before it says it has no history.
import { sql } from 'kysely'
import { beforeAll, expect, it } from 'vitest'
import { insertVenues } from '../../../db/venue-store.ts'
import { describeEachApp } from '../../helpers/databases.ts'
import { COMMUNES, venueData } from './fixtures.ts'

const context = { actor: 'test', reason: 'jeu de test' }
const commune = (code: string) => COMMUNES.find((c) => c.code_insee === code)!

describeEachApp('governance indicators are honest about missing data', (ctx) => {
  let firstImport = ''
  let national: Record<string, any>

  beforeAll(async () => {
    const db = ctx.database.db
    // A territorial producer in Gironde: three venues around Bordeaux.
    const bordeaux = commune('33063')
    const gironde = [0, 1, 2].map((k) => ({
      data: venueData(k, bordeaux.latitude + k * 0.01, bordeaux.longitude, { source: 'gironde-numerique', source_id: `gi-${k}` }),
      status: 'published' as const,
    }))
    // A national list of one programme: one venue in each of 20 départements, Loire-Atlantique among them
    // (Châteaubriant, 60 km from Nantes). It does not make those départements "collected".
    const deps = [...new Set(COMMUNES.map((c) => c.departement))].filter((d) => d !== '33' && d !== '44').slice(0, 19)
    const places = [
      commune('44036'),
      ...deps.map((d) => COMMUNES.filter((c) => c.departement === d).sort((a, b) => b.population - a.population)[0]),
    ]
    const nationalRows = places.map((c, k) => ({
      data: venueData(100 + k, c.latitude, c.longitude, { source: 'france-services-national', source_id: `fs-${k}` }),
      status: 'published' as const,
    }))
    await insertVenues(db, [...gironde, ...nationalRows], context)
    // The first import happened five months ago (Europe/Paris day, as the API states it).
    await sql`UPDATE venue_versions SET changed_at = date_trunc('day', now()) - interval '5 months' + interval '12 hours'`.execute(db)
    const { rows } = await sql<{
      day: string
    }>`SELECT to_char(min(changed_at) AT TIME ZONE 'Europe/Paris', 'YYYY-MM-DD') AS day FROM venue_versions`.execute(db)
    firstImport = rows[0].day
    national = (await ctx.app.inject('/api/v1/governance/indicators?territory=fr')).json()
  })

  it('lists white zones only in départements with a territorial producer: Nantes no longer heads them', () => {
    expect(national.data_collection.departements).toEqual(['33'])
    expect(national.data_collection.departements_total).toBeGreaterThanOrEqual(96)
    expect(national.white_zones.count).toBeGreaterThan(0)
    expect(new Set(national.white_zones.communes.map((w: { departement: string }) => w.departement))).toEqual(new Set(['33']))
    expect(national.white_zones.communes.map((w: { code_insee: string }) => w.code_insee)).not.toContain('44109')
    // Coverage of the collected part alone, beside the contract's coverage of the whole population.
    const gironde = COMMUNES.filter((c) => c.departement === '33').reduce((s, c) => s + c.population, 0)
    expect(national.data_collection.population).toBe(gironde)
    expect(national.data_collection.population_share).toBeCloseTo(gironde / national.population, 5)
    expect(national.data_collection.coverage_km['20']).toBeGreaterThan(national.coverage_km['20'])
  })

  it('says Loire-Atlantique has no data collected: no white zone, no collected population', async () => {
    const res = await ctx.app.inject('/api/v1/governance/indicators?territory=dep:44')
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body.venues.published).toBe(1)
    expect(body.data_collection).toMatchObject({ departements: [], departements_total: 1, population: 0, population_share: 0 })
    expect(body.white_zones).toEqual({ count: 0, population: 0, communes: [] })
    const deps = (await ctx.app.inject('/api/v1/governance/departements')).json().items
    const byCode = (code: string) => deps.find((d: { code: string }) => d.code === code)
    expect(byCode('44')).toMatchObject({ collected: false, white_zones: 0, published: 1 })
    expect(byCode('33').collected).toBe(true)
    expect(byCode('33').white_zones).toBe((await ctx.app.inject('/api/v1/governance/indicators?territory=dep:33')).json().white_zones.count)
  })

  it('starts the monthly series at the first import and states its date', () => {
    expect(national.data_collection.first_import).toBe(firstImport)
    expect(national.data_collection.history).toBe(true)
    expect(national.timeseries[0].month).toBe(firstImport.slice(0, 7))
    expect(national.timeseries.length).toBeGreaterThanOrEqual(5)
    expect(national.timeseries.length).toBeLessThanOrEqual(7)
    expect(national.timeseries.at(-1).published).toBe(23)
  })

  it('says a past year before the first import has no history (no series of zeros)', async () => {
    const year = Number(firstImport.slice(0, 4)) - 1
    const body = (await ctx.app.inject(`/api/v1/governance/indicators?territory=dep:33&year=${year}`)).json()
    expect(body.data_collection).toMatchObject({ history: false, first_import: firstImport, departements: [] })
    expect(body.timeseries).toEqual([])
    expect(body.venues.published).toBe(0)
    const csv = await ctx.app.inject(`/api/v1/governance/indicators?territory=dep:33&year=${year}&format=csv&figure=timeseries`)
    expect(csv.body.trim()).toBe('mois,lieux_publies')
  })
})
