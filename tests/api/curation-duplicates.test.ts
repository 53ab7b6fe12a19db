// Duplicates: detection (same SIRET in a commune, or close with similar names), merge and dismiss.
import { beforeAll, expect, it } from 'vitest'
import './curation-env.ts'
import { describeEachApp } from '../helpers/databases.ts'
import { bearer, createPersonaKeys, createVenue, type Persona } from './curation-fixtures.ts'

describeEachApp('curation: duplicates', (ctx) => {
  let keys: Record<Persona, string | null>
  const as = (p: Persona) => bearer(keys[p])
  beforeAll(async () => {
    keys = await createPersonaKeys(ctx.database.db)
  })

  it('queues a venue created next to a similar one, and merges them keeping the union and the provenance', async () => {
    const old = await createVenue(ctx.database.db, {
      nom: 'Espace Public Numérique de Mérignac',
      latitude: 44.842,
      longitude: -0.646,
      code_insee: '33281',
      code_postal: '33700',
      commune: 'Mérignac',
      services: ['Aide aux démarches administratives'],
      telephone: '+33556333333',
      source: 'epn33',
    })
    const created = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/venues',
      headers: as('curatorOwn'),
      payload: {
        nom: 'Espace public numérique Mérignac',
        adresse: '2 place Charles de Gaulle',
        code_postal: '33700',
        commune: 'Mérignac',
        code_insee: '33281',
        latitude: 44.8424,
        longitude: -0.6462,
        services: ['Maîtrise des outils numériques du quotidien'],
        courriels: ['epn@merignac.fr'],
      },
    })
    expect(created.statusCode).toBe(201)
    const fresh = created.json()
    const list = (await ctx.app.inject({ url: '/api/v1/duplicates', headers: as('curatorOwn') })).json()
    const pair = list.items.find(
      (d: { venue_a: string; venue_b: string }) => [d.venue_a, d.venue_b].sort().join() === [old.id, fresh.id].sort().join(),
    )
    expect(pair).toMatchObject({ reason: 'proximite', status: 'pending' })
    expect(pair.score).toBeGreaterThan(0.45)
    expect(pair.venues).toHaveLength(2)
    expect((await ctx.app.inject({ url: '/api/v1/duplicates', headers: as('curatorOther') })).json().items).toEqual([])
    expect(
      (
        await ctx.app.inject({
          method: 'POST',
          url: `/api/v1/duplicates/${pair.id}/merge`,
          headers: as('curatorOther'),
          payload: { survivor: old.id },
        })
      ).statusCode,
    ).toBe(403)

    const merged = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/duplicates/${pair.id}/merge`,
      headers: as('curatorOwn'),
      payload: { survivor: old.id },
    })
    expect(merged.statusCode).toBe(200)
    expect(merged.json().duplicate).toMatchObject({ status: 'merged', merged_into: old.id })
    const survivor = await ctx.database.db.selectFrom('venues').selectAll().where('id', '=', old.id).executeTakeFirstOrThrow()
    expect(survivor.services).toEqual(['Aide aux démarches administratives', 'Maîtrise des outils numériques du quotidien'])
    expect(survivor.courriels).toEqual(['epn@merignac.fr'])
    expect(survivor.telephone).toBe('+33556333333')
    expect(survivor.version).toBe(2)
    const other = await ctx.database.db.selectFrom('venues').selectAll().where('id', '=', fresh.id).executeTakeFirstOrThrow()
    expect(other).toMatchObject({ status: 'archived', merged_into: old.id })
    const history = (await ctx.app.inject({ url: `/api/v1/venues/${old.id}/history`, headers: as('curatorOwn') })).json().items
    expect(history[0].reason).toContain(fresh.id)
    expect(history[0].reason).toContain('Curateur Nouvelle-Aquitaine')
    expect(
      (
        await ctx.app.inject({
          method: 'POST',
          url: `/api/v1/duplicates/${pair.id}/merge`,
          headers: as('admin'),
          payload: { survivor: old.id },
        })
      ).statusCode,
    ).toBe(409)
    expect((await ctx.app.inject({ method: 'POST', url: `/api/v1/venues/${fresh.id}/restore`, headers: as('admin') })).statusCode).toBe(409)
  })

  it('detects the same SIRET in a commune on demand, and dismisses a false positive for good', async () => {
    const a = await createVenue(ctx.database.db, {
      nom: 'Maison France Services Libourne',
      pivot: '21330243600015',
      code_insee: '33243',
      code_postal: '33500',
      commune: 'Libourne',
      latitude: 44.915,
      longitude: -0.244,
    })
    const b = await createVenue(ctx.database.db, {
      nom: 'Atelier numérique du centre social',
      pivot: '21330243600015',
      code_insee: '33243',
      code_postal: '33500',
      commune: 'Libourne',
      latitude: 44.93,
      longitude: -0.22,
    })
    const far = await createVenue(ctx.database.db, {
      nom: 'Autre lieu',
      pivot: '21330243600015',
      code_insee: '33063',
      latitude: 44.85,
      longitude: -0.57,
    })
    const detect = await ctx.app.inject({ method: 'POST', url: '/api/v1/duplicates/detect', headers: as('curatorOwn') })
    expect(detect.statusCode).toBe(200)
    expect(detect.json().queued).toBeGreaterThanOrEqual(1)
    const items = (await ctx.app.inject({ url: '/api/v1/duplicates?limit=500', headers: as('admin') })).json().items as {
      id: number
      venue_a: string
      venue_b: string
      reason: string
    }[]
    const pair = items.find((d) => [d.venue_a, d.venue_b].sort().join() === [a.id, b.id].sort().join())
    expect(pair?.reason).toBe('siret')
    expect(items.some((d) => [d.venue_a, d.venue_b].includes(far.id))).toBe(false)
    const dismissed = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/duplicates/${pair!.id}/dismiss`,
      headers: as('curatorOwn'),
      payload: { reason: 'deux sites distincts' },
    })
    expect(dismissed.json()).toMatchObject({ status: 'dismissed' })
    expect((await ctx.app.inject({ method: 'POST', url: '/api/v1/duplicates/detect', headers: as('admin') })).json().queued).toBe(0)
  })
})
