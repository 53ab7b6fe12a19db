// Duplicates: scored detection (on writes, and as a background run with progress and cancel), merge and dismiss.
import { beforeAll, expect, it } from 'vitest'
import { describeEachApp } from '../../helpers/databases.ts'
import { insertVenues } from '../../../db/venue-store.ts'
import { bearer, createPersonaKeys, createVenue, venueData, type Persona } from './curation-fixtures.ts'

interface Pair {
  id: number
  venue_a: string
  venue_b: string
  score: number
  reasons: { code: string; label: string; weight: number }[]
}
const samePair = (d: Pair, x: string, y: string) => [d.venue_a, d.venue_b].sort().join() === [x, y].sort().join()

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
    expect(pair).toMatchObject({ reason: 'name', status: 'pending' })
    expect(pair.score).toBeGreaterThanOrEqual(0.5)
    expect(pair.reasons.map((r: { code: string }) => r.code)).toEqual(['name', 'distance'])
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

  async function runDetection(persona: Persona) {
    const started = await ctx.app.inject({ method: 'POST', url: '/api/v1/duplicates/detect', headers: as(persona) })
    expect(started.statusCode).toBe(202)
    const id = started.json().job.id
    for (let i = 0; i < 600; i++) {
      const job = (await ctx.app.inject({ url: `/api/v1/duplicates/jobs/${id}`, headers: as(persona) })).json()
      if (job.status !== 'running') return job
      await new Promise((r) => setTimeout(r, 50))
    }
    throw new Error('detection did not finish')
  }

  it('ranks a pair by its reasons in a background run: SIRET alone is never enough, dismissed pairs stay dismissed', async () => {
    const place = { code_insee: '33243', code_postal: '33500', commune: 'Libourne' }
    // The same place twice: same address, phone and e-mail, 10 m apart, names only partly alike.
    const sud = await createVenue(ctx.database.db, {
      ...place,
      nom: 'EPN des quartiers Sud-Est (Espace Sisley)',
      adresse: '19 rue Alfred Sisley',
      telephone: '+33557000001',
      courriels: ['epn.sud@example.fr'],
      latitude: 44.915,
      longitude: -0.244,
    })
    const sisley = await createVenue(ctx.database.db, {
      ...place,
      nom: 'Espace Alfred Sisley',
      adresse: '19 R. Alfred Sisley',
      telephone: '+33 5 57 00 00 01',
      courriels: ['EPN.sud@example.fr'],
      latitude: 44.91509,
      longitude: -0.244,
    })
    // Two branches of one body: same SIRET, switchboard and mailbox, similar names, 3 km apart.
    const nord = await createVenue(ctx.database.db, {
      ...place,
      nom: 'Mairie de quartier - Nord',
      adresse: '1 place du Nord',
      pivot: '21330243600015',
      telephone: '+33557000099',
      courriels: ['mairie@libourne.example'],
      latitude: 44.94,
      longitude: -0.244,
    })
    const ouest = await createVenue(ctx.database.db, {
      ...place,
      nom: 'Mairie de quartier - Ouest',
      adresse: '5 avenue de l’Ouest',
      pivot: '21330243600015',
      telephone: '+33557000099',
      courriels: ['mairie@libourne.example'],
      latitude: 44.915,
      longitude: -0.28,
    })
    const job = await runDetection('curatorOwn')
    expect(job).toMatchObject({ status: 'done', scope: ['reg:75'] })
    expect(job.processed).toBe(job.total)
    expect(job.queued).toBeGreaterThanOrEqual(1)
    const items = (await ctx.app.inject({ url: '/api/v1/duplicates?limit=500', headers: as('admin') })).json().items as Pair[]
    const scores = items.map((d) => d.score)
    expect(scores).toEqual([...scores].sort((x, y) => y - x))
    const pair = items.find((d) => samePair(d, sud.id, sisley.id))!
    expect(pair.score).toBeGreaterThanOrEqual(0.7)
    expect(pair.reasons.map((r) => r.label)).toEqual(
      expect.arrayContaining(['même adresse', 'même téléphone', 'même courriel', 'à 10 m l’un de l’autre']),
    )
    expect(items.some((d) => samePair(d, nord.id, ouest.id))).toBe(false)
    const { scorePair } = await import('../../../domain/duplicate-score.ts')
    const branches = scorePair({ ...nord, courriels: nord.courriels }, ouest, { name_similarity: 0.6, distance_m: 3000 })
    expect(branches.score).toBeLessThan(0.2)
    expect(branches.reasons.map((r) => r.code)).toEqual(expect.arrayContaining(['siret', 'phone', 'email', 'far']))

    const dismissed = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/duplicates/${pair.id}/dismiss`,
      headers: as('curatorOwn'),
      payload: { reason: 'vérifié : deux lieux' },
    })
    expect(dismissed.json()).toMatchObject({ status: 'dismissed' })
    expect((await runDetection('admin')).queued).toBe(0)
    expect(
      ((await ctx.app.inject({ url: '/api/v1/duplicates?limit=500', headers: as('admin') })).json().items as Pair[]).some(
        (d) => d.id === pair.id,
      ),
    ).toBe(false)
  })

  it('runs one search at a time, reports progress and stops when cancelled', async () => {
    await insertVenues(
      ctx.database.db,
      Array.from({ length: 900 }, () => ({ data: venueData() })),
      { actor: 'test', reason: 'fixture' },
    )
    const first = await ctx.app.inject({ method: 'POST', url: '/api/v1/duplicates/detect', headers: as('admin') })
    expect(first.statusCode).toBe(202)
    const job = first.json().job
    expect(job).toMatchObject({ status: 'running', processed: 0 })
    expect(job.total).toBeGreaterThanOrEqual(900)
    const again = await ctx.app.inject({ method: 'POST', url: '/api/v1/duplicates/detect', headers: as('curatorOwn') })
    expect(again.json()).toMatchObject({ started: false, job: { id: job.id } })
    const cancel = await ctx.app.inject({ method: 'POST', url: `/api/v1/duplicates/jobs/${job.id}/cancel`, headers: as('curatorOwn') })
    expect(cancel.statusCode).toBe(200)
    expect(cancel.json().cancel_requested).toBe(true)
    let state = cancel.json()
    for (let i = 0; i < 400 && state.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 25))
      state = (await ctx.app.inject({ url: '/api/v1/duplicates/jobs/latest', headers: as('admin') })).json()
    }
    expect(state).toMatchObject({ id: job.id, status: 'cancelled' })
    expect(state.processed).toBeLessThan(state.total)
    const late = await ctx.app.inject({ method: 'POST', url: `/api/v1/duplicates/jobs/${job.id}/cancel`, headers: as('admin') })
    expect(late.statusCode).toBe(409)
    expect(late.headers['content-type']).toContain('application/problem+json')
    expect((await ctx.app.inject({ url: '/api/v1/duplicates/jobs/999999', headers: as('admin') })).statusCode).toBe(404)
    const huge = await ctx.app.inject({ url: '/api/v1/duplicates/jobs/99999999999', headers: as('admin') })
    expect(huge.statusCode).toBe(400)
    expect(huge.headers['content-type']).toContain('application/problem+json')
    expect((await ctx.app.inject({ method: 'POST', url: '/api/v1/duplicates/detect', headers: as('authorityOwn') })).statusCode).toBe(403)
    expect((await ctx.app.inject({ method: 'POST', url: '/api/v1/duplicates/detect' })).statusCode).toBe(401)
  })
})
