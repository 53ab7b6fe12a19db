// Geocoding from the shipped gazetteer, and through a local fake of the national address API.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { insertVenues } from '../../../db/venue-store.ts'
import { describeEachApp } from '../../helpers/databases.ts'

type Item = {
  label: string
  type: string
  code_insee: string | null
  code_postal: string | null
  commune: string | null
  latitude: number
  longitude: number
}

const received: string[] = []
let fake: Server
let fakeUrl = 'http://127.0.0.1:1/search/'

beforeAll(async () => {
  fake = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://x')
    received.push(url.searchParams.get('q') ?? '')
    response.setHeader('content-type', 'application/json')
    response.end(
      JSON.stringify({
        type: 'FeatureCollection',
        version: 'draft',
        query: url.searchParams.get('q'),
        features: [
          {
            type: 'Feature',
            geometry: { type: 'Point', coordinates: [-0.646, 44.842] },
            properties: {
              label: '12 Avenue de la Libération 33700 Mérignac',
              score: 0.93,
              housenumber: '12',
              id: '33281_1234_00012',
              type: 'housenumber',
              name: '12 Avenue de la Libération',
              postcode: '33700',
              citycode: '33281',
              x: 412000,
              y: 6424000,
              city: 'Mérignac',
              context: '33, Gironde, Nouvelle-Aquitaine',
              importance: 0.6,
              street: 'Avenue de la Libération',
            },
          },
        ],
      }),
    )
  })
  await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve))
  fakeUrl = `http://127.0.0.1:${(fake.address() as AddressInfo).port}/search/`
})
afterAll(() => new Promise<void>((resolve) => fake.close(() => resolve())))

describeEachApp('GET /api/v1/geocode (gazetteer)', (ctx) => {
  const geocode = async (q: string, extra = '') => {
    const response = await ctx.app.inject({ url: `/api/v1/geocode?q=${encodeURIComponent(q)}${extra}` })
    expect(response.statusCode, response.body).toBe(200)
    return response.json().items as Item[]
  }

  it('finds a postcode exactly', async () => {
    const items = await geocode('33700')
    expect(items[0]).toMatchObject({ code_insee: '33281', code_postal: '33700', commune: 'Mérignac', type: 'postcode' })
    expect(items[0].latitude).toBeCloseTo(44.84, 1)
  })

  it('finds names whatever the accents, case, hyphens or "St"', async () => {
    expect((await geocode('merignac'))[0].code_insee).toBe('33281')
    expect((await geocode('MÉRIGNAC'))[0].code_insee).toBe('33281')
    for (const q of ['saint etienne', 'St-Étienne', 'saint-etienne', 'st etienne']) {
      expect((await geocode(q))[0], q).toMatchObject({ code_insee: '42218', commune: 'Saint-Étienne' })
    }
  })

  it('ranks homonyms by population and tolerates a typo', async () => {
    const items = await geocode('saint denis', '&limit=5')
    expect(items.slice(0, 2).map((i) => i.code_insee)).toEqual(['97411', '93066']) // La Réunion (154,765) then Seine-Saint-Denis (113,942)
    expect((await geocode('bordaux'))[0].code_insee).toBe('33063')
    expect((await geocode('saint denis', '&departement=93'))[0].code_insee).toBe('93066')
  })

  it('expands "st"/"ste" to "saint"/"sainte", with or without a dot', async () => {
    expect((await geocode('ste foy les lyon'))[0].code_insee).toBe('69202')
    expect((await geocode('Ste-Foy-lès-Lyon'))[0].code_insee).toBe('69202')
    expect((await geocode('Ste-Foy'))[0].commune).toBe('Sainte-Foy')
    expect((await geocode('st. etienne'))[0].code_insee).toBe('42218')
  })

  it('offers Paris, Lyon and Marseille as whole cities, above their arrondissements listed in order', async () => {
    const lyon = await geocode('Lyon')
    expect(lyon[0]).toMatchObject({ code_insee: '69123', commune: 'Lyon', label: 'Lyon (toute la ville)', type: 'municipality' })
    // Centred on the city (its hall), not on one arrondissement.
    expect(lyon[0].latitude).toBeCloseTo(45.767, 2)
    expect(lyon[0].longitude).toBeCloseTo(4.834, 2)
    expect(lyon.slice(1, 10).map((i) => i.code_insee)).toEqual([
      '69381',
      '69382',
      '69383',
      '69384',
      '69385',
      '69386',
      '69387',
      '69388',
      '69389',
    ])
    const paris = await geocode('paris', '&limit=12')
    expect(paris.map((i) => i.code_insee)).toEqual(['75056', ...Array.from({ length: 11 }, (_, i) => String(75101 + i))])
    expect((await geocode('Marseille'))[0]).toMatchObject({ code_insee: '13055', label: 'Marseille (toute la ville)' })
    expect((await geocode('marsei'))[0].code_insee).toBe('13055')
    // An arrondissement asked for by name still comes first.
    expect((await geocode('lyon 3e'))[0].code_insee).toBe('69383')
    expect((await geocode('lyon', '&departement=33')).map((i) => i.code_insee)).not.toContain('69123')
  })

  it('a commune filter on a whole city matches the venues of its arrondissements', async () => {
    const db = ctx.database.db
    const base = {
      pivot: '00000000000000',
      code_postal: '69003',
      adresse: '1 rue X',
      complement_adresse: null,
      telephone: null,
      horaires: null,
      presentation_resume: null,
      presentation_detail: null,
      structure_parente: null,
      date_maj: '2026-01-01',
      fiche_acces_libre: null,
      prise_rdv: null,
      typologie: [],
      courriels: [],
      site_web: [],
      itinerance: [],
      services: [],
      publics_specifiquement_adresses: [],
      prise_en_charge_specifique: [],
      frais_a_charge: [],
      dispositif_programmes_nationaux: [],
      formations_labels: [],
      autres_formations_labels: [],
      modalites_acces: [],
      modalites_accompagnement: [],
      location_approximate: false,
    }
    await insertVenues(
      db,
      [
        {
          data: {
            ...base,
            source: 'test-geo',
            source_id: 'lyon3',
            nom: 'Lieu Lyon 3e',
            commune: 'Lyon',
            code_insee: '69383',
            latitude: 45.76,
            longitude: 4.85,
          },
        },
        {
          data: {
            ...base,
            source: 'test-geo',
            source_id: 'lyon9',
            nom: 'Lieu Lyon 9e',
            commune: 'Lyon',
            code_postal: '69009',
            code_insee: '69389',
            latitude: 45.77,
            longitude: 4.8,
          },
        },
        {
          data: {
            ...base,
            source: 'test-geo',
            source_id: 'villeurbanne',
            nom: 'Lieu Villeurbanne',
            commune: 'Villeurbanne',
            code_postal: '69100',
            code_insee: '69266',
            latitude: 45.77,
            longitude: 4.88,
          },
        },
      ],
      { actor: 'test', reason: 'test' },
    )
    const response = await ctx.app.inject({ url: '/api/v1/venues?commune=69123&q=Lieu' })
    expect(response.statusCode, response.body).toBe(200)
    expect((response.json().items as { nom: string }[]).map((v) => v.nom).sort()).toEqual(['Lieu Lyon 3e', 'Lieu Lyon 9e'])
  })

  it('rejects an empty query and unknown parameters', async () => {
    expect((await ctx.app.inject({ url: '/api/v1/geocode?q=' })).statusCode).toBe(400)
    expect((await ctx.app.inject({ url: '/api/v1/geocode?q=paris&x=1' })).statusCode).toBe(400)
  })
})

describeEachApp('GET /api/v1/geocode (address geocoder)', (ctx) => {
  it('adds addresses from the configured geocoder, mapped to our fields', async () => {
    ctx.app.config.addressGeocoderUrl = fakeUrl
    const response = await ctx.app.inject({ url: `/api/v1/geocode?q=${encodeURIComponent('12 avenue de la libération mérignac')}` })
    expect(response.statusCode).toBe(200)
    const items = response.json().items as Item[]
    expect(items[0]).toEqual({
      label: '12 Avenue de la Libération 33700 Mérignac',
      type: 'housenumber',
      code_insee: '33281',
      code_postal: '33700',
      commune: 'Mérignac',
      latitude: 44.842,
      longitude: -0.646,
      score: 0.93,
    })
    expect(received).toContain('12 avenue de la libération mérignac')
  })

  it('keeps gazetteer results when the geocoder is down', async () => {
    ctx.app.config.addressGeocoderUrl = 'http://127.0.0.1:9/search/'
    const response = await ctx.app.inject({ url: '/api/v1/geocode?q=merignac' })
    expect(response.statusCode).toBe(200)
    expect(response.json().items[0].code_insee).toBe('33281')
  })
})
