// One facets request answers a whole search form: the "what if" counts (count_with, count_without) and
// each filtered field's counts without its own filter equal the plain facets asked one by one.
import { beforeAll, expect, it } from 'vitest'
import { describeEachApp } from '../../helpers/databases.ts'
import { importSynthetic } from './search-fixtures.ts'

interface FacetsBody {
  total: number
  facets: Record<string, Record<string, number>>
  facets_alone?: Record<string, Record<string, number>>
  counts_with?: Record<string, number>
  counts_without?: Record<string, number>
}

describeEachApp('GET /api/v1/venues/facets with count_with / count_without', (ctx) => {
  beforeAll(async () => {
    await importSynthetic(ctx.database.db, 120, 7)
  })

  const facets = async (query: string): Promise<FacetsBody> => {
    const response = await ctx.app.inject({ url: `/api/v1/venues/facets?${query}` })
    expect(response.statusCode, response.body).toBe(200)
    return response.json() as FacetsBody
  }

  it('answers in one request what the form used to ask in many', async () => {
    const base = 'departement=33,69&frais_a_charge=Gratuit,Payant&services=Aide aux démarches administratives'
    const one = await facets(
      `${base}&count_with=${encodeURIComponent('open_on:sa|fiche_acces_libre:true|open_at:2026-07-14T10:00')}` +
        `&count_without=${encodeURIComponent('frais_a_charge|services|departement')}`,
    )
    const plain = await facets(base)
    expect(one.total).toBe(plain.total)
    expect(one.facets).toEqual(plain.facets)
    expect(plain.total).toBeGreaterThan(0)
    expect(one.facets_alone?.frais_a_charge).toEqual(
      (await facets('departement=33,69&services=Aide aux démarches administratives')).facets.frais_a_charge,
    )
    expect(one.facets_alone?.services).toEqual((await facets('departement=33,69&frais_a_charge=Gratuit,Payant')).facets.services)
    expect(Object.keys(one.facets_alone ?? {}).sort()).toEqual(['frais_a_charge', 'services'])
    expect(one.counts_with).toEqual({
      'open_on:sa': (await facets(`${base}&open_on=sa`)).total,
      'fiche_acces_libre:true': (await facets(`${base}&fiche_acces_libre=true`)).total,
      'open_at:2026-07-14T10:00': (await facets(`${base}&open_at=2026-07-14T10:00`)).total,
    })
    expect(one.counts_without).toEqual({
      frais_a_charge: (await facets('departement=33,69&services=Aide aux démarches administratives')).total,
      services: (await facets('departement=33,69&frais_a_charge=Gratuit,Payant')).total,
      departement: (await facets('frais_a_charge=Gratuit,Payant&services=Aide aux démarches administratives')).total,
    })
    expect(one.counts_without?.departement).toBeGreaterThan(one.total)
  })

  it('a set value replaces the filter’s (a wider radius)', async () => {
    const near = 'near=44.8378,-0.5792&radius=5000'
    const one = await facets(`${near}&count_with=${encodeURIComponent('radius:50000')}`)
    expect(one.counts_with?.['radius:50000']).toBe((await facets('near=44.8378,-0.5792&radius=50000')).total)
  })

  it('a bad item is a 400 naming count_with or count_without, in French', async () => {
    for (const [query, field] of [
      ['count_with=servicez:x', 'count_with'],
      ['count_with=open_at', 'count_with'],
      ['count_with=services:Jardinage', 'count_with'],
      ['count_without=nimporte', 'count_without'],
    ] as const) {
      const response = await ctx.app.inject({ url: `/api/v1/venues/facets?${query}` })
      expect(response.statusCode, query).toBe(400)
      expect(response.headers['content-type']).toContain('application/problem+json')
      expect(response.json().errors[0].field, query).toBe(field)
    }
  })
})
