// PUT /api/v1/sources/{source}/dataset: an authority key bound to `gironde` syncs a 300-venue file (dry run, then
// real) — one submission carrying the diff, approved by a curator (whole, or row by row); a curator's sync is
// published at once and answers field-by-field updates and absent venues; bad rows name their line and field.
import { beforeAll, expect, it } from 'vitest'
import { describeEachApp } from '../../helpers/databases.ts'
import { bearer, createPersonaKeys, type Persona } from '../curation/curation-fixtures.ts'
import { girondeFile, girondeKey } from '../source-fixtures.ts'

describeEachApp('whole-file sync of a source', (ctx) => {
  let keys: Record<Persona, string | null>
  let gironde: string
  const put = (key: string | null, source: string, query: string, body: string, type = 'text/csv') =>
    ctx.app.inject({
      method: 'PUT',
      url: `/api/v1/sources/${encodeURIComponent(source)}/dataset${query}`,
      headers: { ...bearer(key), 'content-type': type },
      payload: body,
    })
  const count = async (source: string, status = 'published') =>
    (
      await ctx.database.db
        .selectFrom('venues')
        .select('id')
        .where('source', '=', source)
        .where('status', '=', status as never)
        .execute()
    ).length
  beforeAll(async () => {
    keys = await createPersonaKeys(ctx.database.db)
    gironde = await girondeKey(ctx.database.db)
  })

  it('an authority key bound to gironde syncs 300 venues: dry run, then ONE submission the curator approves', async () => {
    const file = girondeFile(300)
    const dry = await put(gironde, 'gironde', '?dry_run=true', file)
    expect(dry.statusCode).toBe(200)
    expect(dry.json()).toMatchObject({ status: 'dry_run', totals: { rows: 300, created: 300, updated: 0, rejected: 0 } })
    expect(await count('gironde')).toBe(0)

    const real = await put(gironde, 'gironde', '', file)
    expect(real.statusCode).toBe(202)
    expect(real.json()).toMatchObject({ status: 'submitted', totals: { created: 300 } })
    const submissions = await ctx.database.db.selectFrom('submissions').select(['id', 'kind']).where('status', '=', 'pending').execute()
    expect(submissions).toEqual([{ id: real.json().submission_id, kind: 'sync' }])
    expect(await count('gironde')).toBe(0)

    // The curator of the territory sees one submission with the diff, and approves it whole.
    const list = await ctx.app.inject({ url: '/api/v1/submissions?status=pending&kind=sync', headers: bearer(keys.curatorOwn) })
    expect(list.json().items.map((s: { id: string }) => s.id)).toEqual([real.json().submission_id])
    const seen = await ctx.app.inject({ url: `/api/v1/submissions/${real.json().submission_id}`, headers: bearer(keys.curatorOwn) })
    expect(seen.json().diff).toHaveLength(300)
    expect(seen.json().diff[0]).toMatchObject({ field: 'g-0 (ligne 2) : création', proposed: 'Point numérique 0' })
    expect(
      (await ctx.app.inject({ url: `/api/v1/submissions/${real.json().submission_id}`, headers: bearer(keys.curatorOther) })).statusCode,
    ).toBe(404)
    const approved = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/submissions/${real.json().submission_id}/approve`,
      headers: bearer(keys.curatorOwn),
      payload: {},
    })
    expect(approved.statusCode).toBe(200)
    expect(await count('gironde')).toBe(300)

    // The same file again changes nothing; a file with 3 renamed rows and one row left out → one submission with 3 updates.
    const again = await put(gironde, 'gironde', '', file)
    expect(again.statusCode).toBe(200)
    expect(again.json()).toMatchObject({ status: 'applied', totals: { unchanged: 300, created: 0, updated: 0 } })
    const changed = girondeFile(299, (i) => (i < 3 ? `Espace renommé ${i}` : null))
    const sync = await put(gironde, 'gironde', '?absent=archive', changed)
    expect(sync.statusCode).toBe(202)
    expect(sync.json()).toMatchObject({ totals: { updated: 3, unchanged: 296, absent: 1, archived: 1 } })
    expect(sync.json().updated[0]).toMatchObject({
      id: 'g-0',
      changes: [{ field: 'nom', from: 'Point numérique 0', to: 'Espace renommé 0' }],
    })
    // Row by row: the curator applies g-0 and g-1 only; g-2's rename and g-299's archiving are left out.
    const partial = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/submissions/${sync.json().submission_id}/approve`,
      headers: bearer(keys.curatorOwn),
      payload: { rows: ['g-0', 'g-1'] },
    })
    expect(partial.statusCode).toBe(200)
    const names = await ctx.database.db
      .selectFrom('venues')
      .select(['source_id', 'nom', 'status'])
      .where('source', '=', 'gironde')
      .where('source_id', 'in', ['g-0', 'g-1', 'g-2', 'g-299'])
      .orderBy('source_id')
      .execute()
    expect(names).toEqual([
      { source_id: 'g-0', nom: 'Espace renommé 0', status: 'published' },
      { source_id: 'g-1', nom: 'Espace renommé 1', status: 'published' },
      { source_id: 'g-2', nom: 'Point numérique 2', status: 'published' },
      { source_id: 'g-299', nom: 'Point numérique 299', status: 'published' },
    ])
  })

  it('refuses other keys in French, names line and field of bad rows and writes nothing; a curator publishes at once', async () => {
    const other = await put(keys.authorityOwn, 'gironde', '', girondeFile(2))
    expect(other.statusCode).toBe(403)
    expect(other.headers['content-type']).toMatch(/application\/problem\+json/)
    expect(other.json()).toMatchObject({ errors: [{ field: 'source' }], detail: expect.stringMatching(/n’est pas celle de votre clé/) })
    expect((await put(null, 'gironde', '', girondeFile(2))).statusCode).toBe(401)

    const bad = girondeFile(3).replace('g-1,Point numérique 1,1 cours Victor Hugo,33000', 'g-1,Point numérique 1,1 cours Victor Hugo,ABCDE')
    const rejected = await put(keys.curatorOwn, 'cd33', '', bad)
    expect(rejected.statusCode).toBe(422)
    expect(rejected.headers['content-type']).toMatch(/application\/problem\+json/)
    expect(rejected.json().errors[0]).toMatchObject({ row: 3, field: 'code_postal', message: expect.stringMatching(/^ligne 3 : /) })
    expect(await count('cd33')).toBe(0)

    const created = await put(keys.curatorOwn, 'cd33', '', girondeFile(3))
    expect(created.statusCode).toBe(201)
    expect(created.json()).toMatchObject({ status: 'applied', totals: { created: 3 } })
    const json = JSON.stringify([
      {
        id: 'g-0',
        nom: 'Point numérique 0 bis',
        adresse: '0 cours Victor Hugo',
        code_postal: '33000',
        commune: 'Bordeaux',
        code_insee: '33063',
        latitude: 44.83,
        longitude: -0.58,
        pivot: '00000000000000',
        date_maj: '2025-05-01',
        services: ['Aide aux démarches administratives'],
      },
    ])
    const kept = await put(keys.curatorOwn, 'cd33', '', json, 'application/json')
    expect(kept.statusCode).toBe(201)
    expect(kept.json()).toMatchObject({ status: 'applied', totals: { updated: 1, absent: 2, archived: 0 } })
    expect(await count('cd33')).toBe(3)
    const archived = await put(keys.curatorOwn, 'cd33', '?absent=archive', json, 'application/json')
    expect(archived.json()).toMatchObject({ totals: { unchanged: 1, absent: 2, archived: 2 } })
    expect(await count('cd33')).toBe(1)
    expect(await count('cd33', 'archived')).toBe(2)
  })
})
