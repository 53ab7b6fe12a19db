// The moderation queue's filters (type, territory, author, age), batch moderation with per-item results, and a
// creation proposal's nearby venues (possible duplicates), on both databases.
import { beforeAll, expect, it } from 'vitest'
import { sql } from 'kysely'
import { insertSubmission } from '../../../db/curation/submissions.ts'
import { describeEachApp } from '../../helpers/databases.ts'
import { bearer, createPersonaKeys, createVenue, lyonVenue, type Persona } from './curation-fixtures.ts'

describeEachApp('moderation queue: filters, batch, nearby venues', (ctx) => {
  let keys: Record<Persona, string | null>
  const as = (p: Persona) => bearer(keys[p])
  const db = () => ctx.database.db
  const ids = (res: { json(): { items: { id: string }[] } }) =>
    res
      .json()
      .items.map((s) => s.id)
      .sort()

  /** An update proposal (or a public report) on a fresh venue, filed `daysAgo` days ago. */
  async function proposal(opts: { author?: string; lyon?: boolean; report?: boolean; daysAgo?: number; nom?: string } = {}) {
    const venue = await createVenue(db(), opts.lyon ? lyonVenue() : {})
    const s = await insertSubmission(db(), {
      kind: opts.report ? 'report' : 'update',
      venueId: venue.id,
      baseVersion: 1,
      payload: opts.report ? {} : { changes: { nom: opts.nom ?? `${venue.nom} (corrigé)` } },
      submittedBy: opts.report ? 'public' : (opts.author ?? 'clé:Gironde numérique'),
      submitterId: opts.report ? 'public' : 'apikey:test',
      departement: venue.departement,
      region: venue.region,
      message: opts.report ? 'Le téléphone a changé' : null,
    })
    if (opts.daysAgo)
      await db()
        .updateTable('submissions')
        .set({ created_at: sql`now() - make_interval(days => ${opts.daysAgo})` })
        .where('id', '=', s.id)
        .execute()
    return { id: s.id, venueId: venue.id }
  }

  beforeAll(async () => {
    keys = await createPersonaKeys(db())
  })

  it('filters by type, territory, author and age, each alone and together', async () => {
    const recent = await proposal({ author: 'clé:Mairie de Pessac' })
    const old = await proposal({ author: 'clé:Mairie de Talence', daysAgo: 20 })
    const report = await proposal({ report: true, daysAgo: 3 })
    const lyon = await proposal({ author: 'clé:Mairie de Talence', lyon: true })
    const mine = [recent.id, old.id, report.id, lyon.id].sort()
    const get = (query: string) => ctx.app.inject({ url: `/api/v1/submissions?status=pending&limit=500&${query}`, headers: as('admin') })
    const only = async (query: string) => ids(await get(query)).filter((id: string) => mine.includes(id))

    expect(await only('')).toEqual(mine)
    expect(await only('kind=report')).toEqual([report.id])
    expect(await only('territory=dep:69')).toEqual([lyon.id])
    expect(await only('territory=reg:84,dep:33')).toEqual(mine)
    expect(await only('author=talence')).toEqual([old.id, lyon.id].sort())
    expect(await only('author=public')).toEqual([report.id])
    expect(await only('older_than_days=10')).toEqual([old.id])
    expect(await only('newer_than_days=5')).toEqual([recent.id, report.id, lyon.id].sort())
    expect(await only('older_than_days=2&newer_than_days=25')).toEqual([old.id, report.id].sort())
    expect(await only('author=talence&territory=dep:33&older_than_days=1')).toEqual([old.id])
    // LIKE's wildcards are taken literally: "%" matches no author.
    expect(await only('author=%25')).toEqual([])
    // A curator's own territory still bounds what the filters can reach.
    const curator = await ctx.app.inject({
      url: '/api/v1/submissions?status=pending&territory=dep:69&limit=500',
      headers: as('curatorOwn'),
    })
    expect(ids(curator)).not.toContain(lyon.id)
  })

  it('refuses bad filters with a problem naming the field', async () => {
    for (const [query, field] of [
      ['territory=dep:999', 'territory'],
      ['territory=fr', 'territory'],
      ['older_than_days=-1', 'older_than_days'],
      ['newer_than_days=abc', 'newer_than_days'],
      ['author=', 'author'],
    ]) {
      const res = await ctx.app.inject({ url: `/api/v1/submissions?${query}`, headers: as('admin') })
      expect(res.statusCode, query).toBe(400)
      expect(res.headers['content-type']).toMatch(/problem\+json/)
      expect(JSON.stringify(res.json().errors), query).toContain(field)
    }
  })

  it('approves a selection in one call, reporting each item, and one refusal leaves the others applied', async () => {
    const a = await proposal({ nom: 'Lieu A approuvé' })
    const b = await proposal({ nom: 'Lieu B approuvé' })
    const lyon = await proposal({ lyon: true, nom: 'Hors territoire' })
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/submissions/batch',
      headers: as('curatorOwn'),
      payload: { action: 'approve', ids: [a.id, lyon.id, b.id] },
    })
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body).toMatchObject({ succeeded: 2, failed: 1 })
    expect(body.items.map((i: { id: string; ok: boolean; status: number }) => [i.id, i.ok, i.status])).toEqual([
      [a.id, true, 200],
      [lyon.id, false, 403],
      [b.id, true, 200],
    ])
    const names = await db().selectFrom('venues').select(['id', 'nom']).where('id', 'in', [a.venueId, b.venueId, lyon.venueId]).execute()
    const nom = (id: string) => names.find((v) => v.id === id)!.nom
    expect([nom(a.venueId), nom(b.venueId)]).toEqual(['Lieu A approuvé', 'Lieu B approuvé'])
    expect(nom(lyon.venueId)).not.toBe('Hors territoire')
    const statuses = await db().selectFrom('submissions').select(['id', 'status']).where('id', 'in', [a.id, b.id, lyon.id]).execute()
    expect(Object.fromEntries(statuses.map((s) => [s.id, s.status]))).toEqual({
      [a.id]: 'approved',
      [b.id]: 'approved',
      [lyon.id]: 'pending',
    })
    // Again: both are now closed (409 each), so nothing was processed and the answer is the first item's problem.
    const again = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/submissions/batch',
      headers: as('curatorOwn'),
      payload: { action: 'approve', ids: [a.id, b.id] },
    })
    expect(again.statusCode).toBe(409)
    expect(again.headers['content-type']).toMatch(/problem\+json/)
    expect(again.json().items).toHaveLength(2)
  })

  it('rejects (or closes reports without action) in batch with the reason their authors read; a reason is required', async () => {
    const p = await proposal()
    const r = await proposal({ report: true })
    const noReason = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/submissions/batch',
      headers: as('curatorOwn'),
      payload: { action: 'reject', ids: [p.id, r.id] },
    })
    expect(noReason.statusCode).toBe(400)
    expect(noReason.json().errors[0].field).toBe('reason')
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/submissions/batch',
      headers: as('curatorOwn'),
      payload: { action: 'reject', ids: [p.id, r.id], reason: 'Information déjà à jour' },
    })
    expect(res.json()).toMatchObject({ succeeded: 2, failed: 0 })
    const rows = await db().selectFrom('submissions').select(['status', 'decision_reason']).where('id', 'in', [p.id, r.id]).execute()
    expect(rows).toEqual([
      { status: 'rejected', decision_reason: 'Information déjà à jour' },
      { status: 'rejected', decision_reason: 'Information déjà à jour' },
    ])
    // Outside the territory entirely: a 403, nothing written; authorities may not moderate at all.
    const lyon = await proposal({ lyon: true })
    const outside = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/submissions/batch',
      headers: as('curatorOwn'),
      payload: { action: 'reject', ids: [lyon.id], reason: 'non' },
    })
    expect(outside.statusCode).toBe(403)
    const authority = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/submissions/batch',
      headers: as('authorityOwn'),
      payload: { action: 'approve', ids: [lyon.id] },
    })
    expect(authority.statusCode).toBe(403)
    expect((await db().selectFrom('submissions').select('status').where('id', '=', lyon.id).executeTakeFirstOrThrow()).status).toBe(
      'pending',
    )
    for (const payload of [
      { action: 'approve', ids: [] },
      { action: 'publish', ids: [p.id] },
      { action: 'approve', ids: ['x'] },
    ]) {
      const bad = await ctx.app.inject({ method: 'POST', url: '/api/v1/submissions/batch', headers: as('curatorOwn'), payload })
      expect(bad.statusCode, JSON.stringify(payload)).toBe(400)
    }
  })

  it('shows a creation proposal with its name and the published venues within 200 m', async () => {
    const near = await createVenue(db(), { nom: 'Médiathèque voisine', latitude: 44.9, longitude: -0.7 })
    const far = await createVenue(db(), { nom: 'Lieu lointain', latitude: 44.9036, longitude: -0.7 }) // ~400 m north
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/venues',
      headers: as('authorityOwn'),
      payload: {
        nom: 'Nouvel espace numérique',
        adresse: '2 rue du Port',
        code_postal: '33000',
        commune: 'Bordeaux',
        code_insee: '33063',
        latitude: 44.9009,
        longitude: -0.7,
      },
    })
    expect(res.statusCode).toBe(202)
    const id = res.json().submission_id
    const detail = (await ctx.app.inject({ url: `/api/v1/submissions/${id}`, headers: as('curatorOwn') })).json()
    expect(detail.venue_nom).toBe('Nouvel espace numérique')
    const nearbyIds = detail.nearby.map((v: { id: string }) => v.id)
    expect(nearbyIds).toContain(near.id)
    expect(nearbyIds).not.toContain(far.id)
    const first = detail.nearby.find((v: { id: string }) => v.id === near.id)
    expect(first.nom).toBe('Médiathèque voisine')
    expect(first.distance_m).toBeGreaterThan(80)
    expect(first.distance_m).toBeLessThan(120)
    // An update has no nearby list.
    const upd = await proposal()
    expect((await ctx.app.inject({ url: `/api/v1/submissions/${upd.id}`, headers: as('admin') })).json().nearby).toBeUndefined()
  })
})
