// The write API, moderation, history and revert, reports and the audit log, on both databases.
import { beforeAll, expect, it } from 'vitest'
import { sql } from 'kysely'
import { describeEachApp } from '../../helpers/databases.ts'
import { bearer, createPersonaKeys, createVenue, lyonVenue, type Persona } from './curation-fixtures.ts'

const NEW_VENUE = {
  nom: 'Médiathèque de Bègles',
  adresse: '1 rue Calixte Camelle',
  code_postal: '33130',
  commune: 'Bègles',
  code_insee: '33039',
  latitude: 44.8085,
  longitude: -0.5478,
  services: ['Aide aux démarches administratives', 'Maîtrise des outils numériques du quotidien'],
  frais_a_charge: ['Gratuit'],
  horaires: 'Mo-Sa 10:00-18:00',
}

describeEachApp('curation: writes, moderation, history', (ctx) => {
  let keys: Record<Persona, string | null>
  const as = (p: Persona) => bearer(keys[p])
  beforeAll(async () => {
    keys = await createPersonaKeys(ctx.database.db)
  })

  it('publishes a curator’s new venue at once (201, ETag, version 1 in history)', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: '/api/v1/venues', headers: as('curatorOwn'), payload: NEW_VENUE })
    expect(res.statusCode).toBe(201)
    const venue = res.json()
    expect(venue).toMatchObject({
      nom: 'Médiathèque de Bègles',
      departement: '33',
      region: '75',
      status: 'published',
      version: 1,
      source: 'Curateur Nouvelle-Aquitaine',
    })
    // The same shape as GET's: id and version for If-Match, then a hash of the body for If-None-Match.
    expect(res.headers.etag).toMatch(new RegExp(`^"${venue.id}-v1-[A-Za-z0-9_-]{16}"$`))
    expect(res.headers.location).toBe(`/api/v1/venues/${venue.id}`)
    const history = await ctx.app.inject({ url: `/api/v1/venues/${venue.id}/history`, headers: as('curatorOwn') })
    expect(history.json().items).toHaveLength(1)
    expect(history.json().items[0]).toMatchObject({ version: 1, changed_by: 'clé:Curateur Nouvelle-Aquitaine' })
    expect(history.json().items[0].data.services).toEqual(NEW_VENUE.services)
  })

  it('rejects an invalid body naming each field and writes nothing', async () => {
    const before = await ctx.database.db.selectFrom('venues').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/venues',
      headers: as('admin'),
      payload: { ...NEW_VENUE, code_postal: '331', services: ['Réparer des vélos'], couleur: 'bleu' },
    })
    expect(res.statusCode).toBe(400)
    expect(res.headers['content-type']).toMatch(/problem\+json/)
    const fields = res.json().errors.map((e: { field: string }) => e.field)
    expect(fields).toEqual(expect.arrayContaining(['code_postal', 'services', 'couleur']))
    const after = await ctx.database.db.selectFrom('venues').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()
    expect(after.n).toBe(before.n)
  })

  it('refuses writes outside the caller’s territory (403), including moving a venue out of it', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: '/api/v1/venues', headers: as('curatorOther'), payload: NEW_VENUE })
    expect(res.statusCode).toBe(403)
    const venue = await createVenue(ctx.database.db)
    const move = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/v1/venues/${venue.id}`,
      headers: { ...as('curatorOwn'), 'if-match': `"${venue.id}-v1"` },
      payload: lyonVenue(),
    })
    expect(move.statusCode).toBe(403)
    const other = await ctx.app.inject({ method: 'DELETE', url: `/api/v1/venues/${venue.id}`, headers: as('authorityOther') })
    expect(other.statusCode).toBe(403)
    // A revert may not bring a venue back into a place outside the caller's territory either.
    const lyon = await createVenue(ctx.database.db, lyonVenue())
    const moved = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/v1/venues/${lyon.id}`,
      headers: { ...as('admin'), 'if-match': '1' },
      payload: { code_postal: '33000', commune: 'Bordeaux', code_insee: '33063', latitude: 44.84, longitude: -0.57 },
    })
    expect(moved.json()).toMatchObject({ departement: '33', version: 2 })
    const revert = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/venues/${lyon.id}/revert`,
      headers: { ...as('curatorOwn'), 'if-match': '2' },
      payload: { version: 1 },
    })
    expect(revert.statusCode).toBe(403)
  })

  it('turns an authority’s create into a submission the submitter can follow, approved by a curator', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/venues',
      headers: as('authorityOwn'),
      payload: { ...NEW_VENUE, nom: 'Tiers-lieu de Bègles', id: 'tl-begles' },
    })
    expect(res.statusCode).toBe(202)
    const { submission_id: id } = res.json()
    expect(res.headers.location).toBe(`/api/v1/submissions/${id}`)
    const mine = await ctx.app.inject({ url: `/api/v1/submissions/${id}`, headers: as('authorityOwn') })
    expect(mine.json()).toMatchObject({ status: 'pending', kind: 'create' })
    expect(mine.json().diff).toEqual(expect.arrayContaining([{ field: 'nom', current: null, proposed: 'Tiers-lieu de Bègles' }]))
    expect((await ctx.app.inject({ url: `/api/v1/submissions/${id}`, headers: as('authorityOther') })).statusCode).toBe(404)
    const queue = await ctx.app.inject({ url: '/api/v1/submissions?status=pending', headers: as('curatorOwn') })
    expect(queue.json().items.map((s: { id: string }) => s.id)).toContain(id)
    const otherQueue = await ctx.app.inject({ url: '/api/v1/submissions?status=pending', headers: as('curatorOther') })
    expect(otherQueue.json().items.map((s: { id: string }) => s.id)).not.toContain(id)
    expect(
      (await ctx.app.inject({ method: 'POST', url: `/api/v1/submissions/${id}/approve`, headers: as('curatorOther'), payload: {} }))
        .statusCode,
    ).toBe(403)
    const approved = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/submissions/${id}/approve`,
      headers: as('curatorOwn'),
      payload: { payload: { telephone: '0556000000' } },
    })
    expect(approved.statusCode).toBe(200)
    const outcome = (await ctx.app.inject({ url: `/api/v1/submissions/${id}`, headers: as('authorityOwn') })).json()
    expect(outcome).toMatchObject({ status: 'approved', reviewed_by: 'clé:Curateur Nouvelle-Aquitaine' })
    const venue = await ctx.database.db.selectFrom('venues').selectAll().where('id', '=', outcome.result_venue_id).executeTakeFirstOrThrow()
    expect(venue).toMatchObject({
      nom: 'Tiers-lieu de Bègles',
      source: 'Gironde numérique',
      source_id: 'tl-begles',
      telephone: '+33556000000',
      status: 'published',
    })
    expect(
      (await ctx.app.inject({ method: 'POST', url: `/api/v1/submissions/${id}/approve`, headers: as('admin'), payload: {} })).statusCode,
    ).toBe(409)
  })

  it('lets a curator reject an authority’s update with a reason the authority reads', async () => {
    const venue = await createVenue(ctx.database.db)
    const res = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/v1/venues/${venue.id}`,
      headers: { ...as('authorityOwn'), 'if-match': `"${venue.id}-v1"` },
      payload: { nom: 'Nouveau nom' },
    })
    expect(res.statusCode).toBe(202)
    const id = res.json().submission_id
    const detail = (await ctx.app.inject({ url: `/api/v1/submissions/${id}`, headers: as('curatorOwn') })).json()
    expect(detail.diff).toEqual(expect.arrayContaining([{ field: 'nom', current: venue.nom, proposed: 'Nouveau nom' }]))
    const rejected = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/submissions/${id}/reject`,
      headers: as('curatorOwn'),
      payload: { reason: 'Nom non confirmé par la mairie' },
    })
    expect(rejected.statusCode).toBe(200)
    const outcome = (await ctx.app.inject({ url: `/api/v1/submissions/${id}`, headers: as('authorityOwn') })).json()
    expect(outcome).toMatchObject({ status: 'rejected', decision_reason: 'Nom non confirmé par la mairie' })
    const stored = await ctx.database.db
      .selectFrom('venues')
      .select(['nom', 'version'])
      .where('id', '=', venue.id)
      .executeTakeFirstOrThrow()
    expect(stored).toEqual({ nom: venue.nom, version: 1 })
  })

  it('requires If-Match on PATCH (428) and answers a stale one with 412 and the current version', async () => {
    const venue = await createVenue(ctx.database.db)
    const missing = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/v1/venues/${venue.id}`,
      headers: as('curatorOwn'),
      payload: { nom: 'X' },
    })
    expect(missing.statusCode).toBe(428)
    const ok = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/v1/venues/${venue.id}`,
      headers: { ...as('curatorOwn'), 'if-match': `"${venue.id}-v1"` },
      payload: { nom: 'Espace Y' },
    })
    expect(ok.json()).toMatchObject({ nom: 'Espace Y' })
    expect(ok.statusCode).toBe(200)
    expect(ok.headers.etag).toMatch(new RegExp(`^"${venue.id}-v2-[A-Za-z0-9_-]{16}"$`))
    const stale = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/v1/venues/${venue.id}`,
      headers: { ...as('curatorOwn'), 'if-match': `"${venue.id}-v1"` },
      payload: { nom: 'Espace Z' },
    })
    expect(stale.statusCode).toBe(412)
    expect(stale.json()).toMatchObject({ status: 412, current_version: 2 })
    const bare = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/v1/venues/${venue.id}`,
      headers: { ...as('curatorOwn'), 'if-match': '2' },
      payload: { nom: 'Espace Z' },
    })
    expect(bare.statusCode).toBe(200)
  })

  it('lets exactly one of two concurrent editors of the same version win, losing no field of the winner', async () => {
    const venue = await createVenue(ctx.database.db)
    const ifMatch = `"${venue.id}-v1"`
    const [a, b] = await Promise.all([
      ctx.app.inject({
        method: 'PATCH',
        url: `/api/v1/venues/${venue.id}`,
        headers: { ...as('curatorOwn'), 'if-match': ifMatch },
        payload: { telephone: '0556111111', horaires: 'Mo 10:00-12:00' },
      }),
      ctx.app.inject({
        method: 'PATCH',
        url: `/api/v1/venues/${venue.id}`,
        headers: { ...as('admin'), 'if-match': ifMatch },
        payload: { nom: 'Nom concurrent', services: ['Loisirs et créations numériques'] },
      }),
    ])
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 412])
    const winner = a.statusCode === 200 ? a : b
    const loser = a.statusCode === 200 ? b : a
    expect(loser.json().current_version).toBe(2)
    const stored = await ctx.database.db.selectFrom('venues').selectAll().where('id', '=', venue.id).executeTakeFirstOrThrow()
    expect(stored.version).toBe(2)
    if (winner === a)
      expect(stored).toMatchObject({ telephone: '+33556111111', horaires: 'Mo 10:00-12:00', nom: venue.nom, services: venue.services })
    else
      expect(stored).toMatchObject({
        nom: 'Nom concurrent',
        services: ['Loisirs et créations numériques'],
        telephone: null,
        horaires: venue.horaires,
      })
    const versions = await ctx.database.db.selectFrom('venue_versions').select('version').where('venue_id', '=', venue.id).execute()
    expect(versions.map((v) => v.version).sort()).toEqual([1, 2])
  })

  it('reverts to an earlier version exactly, field by field, as a new version', async () => {
    const venue = await createVenue(ctx.database.db, { telephone: '+33556222222', courriels: ['contact@example.fr'] })
    const patch = async (payload: Record<string, unknown>, version: number) =>
      ctx.app.inject({
        method: 'PATCH',
        url: `/api/v1/venues/${venue.id}`,
        headers: { ...as('curatorOwn'), 'if-match': `"${venue.id}-v${version}"` },
        payload,
      })
    expect(
      (
        await patch(
          { nom: 'Renommé', latitude: 44.9, longitude: -0.6, services: ['Accès internet et matériel informatique'], telephone: null },
          1,
        )
      ).statusCode,
    ).toBe(200)
    expect((await patch({ horaires: 'Tu-Th 14:00-18:00', courriels: ['autre@example.fr', 'second@example.fr'] }, 2)).statusCode).toBe(200)
    const noIfMatch = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/venues/${venue.id}/revert`,
      headers: as('curatorOwn'),
      payload: { version: 1 },
    })
    expect(noIfMatch.statusCode).toBe(428)
    const reverted = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/venues/${venue.id}/revert`,
      headers: { ...as('curatorOwn'), 'if-match': `"${venue.id}-v3"` },
      payload: { version: 1 },
    })
    expect(reverted.statusCode).toBe(200)
    expect(reverted.json().version).toBe(4)
    const history = (await ctx.app.inject({ url: `/api/v1/venues/${venue.id}/history`, headers: as('curatorOwn') })).json().items
    expect(history.map((h: { version: number }) => h.version)).toEqual([4, 3, 2, 1])
    const v1 = history.find((h: { version: number }) => h.version === 1).data
    const v4 = history.find((h: { version: number }) => h.version === 4).data
    for (const field of Object.keys(v1)) expect({ field, value: v4[field] }).toEqual({ field, value: v1[field] })
    expect(Object.keys(v4).sort()).toEqual(Object.keys(v1).sort())
    expect(history[0].reason).toBe('retour à la version 1')
    const stored = await ctx.database.db.selectFrom('venues').selectAll().where('id', '=', venue.id).executeTakeFirstOrThrow()
    expect(stored).toMatchObject({
      nom: venue.nom,
      telephone: '+33556222222',
      courriels: ['contact@example.fr'],
      latitude: venue.latitude,
      horaires: venue.horaires,
    })
  })

  it('archives instead of deleting, and restores', async () => {
    const venue = await createVenue(ctx.database.db)
    const archived = await ctx.app.inject({ method: 'DELETE', url: `/api/v1/venues/${venue.id}`, headers: as('curatorOwn') })
    expect(archived.statusCode).toBe(200)
    expect(archived.json()).toMatchObject({ status: 'archived', version: 2 })
    const authorityRestore = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/venues/${venue.id}/restore`,
      headers: as('authorityOwn'),
    })
    expect(authorityRestore.statusCode).toBe(202)
    const restored = await ctx.app.inject({ method: 'POST', url: `/api/v1/venues/${venue.id}/restore`, headers: as('admin') })
    expect(restored.json()).toMatchObject({ status: 'published', version: 3 })
    const audit = await ctx.database.db.selectFrom('audit_log').select('action').where('entity_id', '=', venue.id).orderBy('id').execute()
    expect(audit.map((a) => a.action)).toEqual(['venue.create', 'venue.archive', 'venue.restore'])
  })

  it('takes public error reports (rate-limited per IP) into the territory’s queue, and purges old reporters’ data', async () => {
    const venue = await createVenue(ctx.database.db)
    const report = (i: number) =>
      ctx.app.inject({
        method: 'POST',
        url: `/api/v1/venues/${venue.id}/reports`,
        remoteAddress: '203.0.113.9',
        payload: { message: `Les horaires ont changé (${i})`, nom: 'Camille', courriel: 'camille@example.fr', champ: 'horaires' },
      })
    const first = await report(0)
    expect(first.statusCode).toBe(201)
    expect(first.json().message).toMatch(/^Merci/)
    for (let i = 1; i < 5; i++) expect((await report(i)).statusCode).toBe(201)
    const limited = await report(5)
    expect(limited.statusCode).toBe(429)
    const queue = (await ctx.app.inject({ url: `/api/v1/submissions?kind=report&venue_id=${venue.id}`, headers: as('curatorOwn') })).json()
    expect(queue.items).toHaveLength(5)
    expect(queue.items[0]).toMatchObject({ kind: 'report', reporter_email: 'camille@example.fr', status: 'pending' })
    await ctx.database.db
      .updateTable('submissions')
      .set({ created_at: sql`now() - interval '2 years'` })
      .where('id', '=', first.json().id)
      .execute()
    const purge = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/admin/reports/purge',
      headers: as('admin'),
      payload: { older_than_months: 12 },
    })
    expect(purge.json()).toEqual({ purged: 1 })
    const purged = await ctx.database.db
      .selectFrom('submissions')
      .select(['reporter_name', 'reporter_email', 'message'])
      .where('id', '=', first.json().id)
      .executeTakeFirstOrThrow()
    expect(purged).toEqual({ reporter_name: null, reporter_email: null, message: 'Les horaires ont changé (0)' })
  })

  it('shows admins the audit log as JSON and CSV, and the database refuses to rewrite it', async () => {
    const venue = await createVenue(ctx.database.db)
    const json = await ctx.app.inject({ url: `/api/v1/audit?entity=venue&entity_id=${venue.id}`, headers: as('admin') })
    expect(json.statusCode).toBe(200)
    expect(json.json().items).toEqual([expect.objectContaining({ action: 'venue.create', actor: 'test', entity_id: venue.id })])
    const csv = await ctx.app.inject({ url: `/api/v1/audit?entity=venue&entity_id=${venue.id}&format=csv`, headers: as('admin') })
    expect(csv.headers['content-type']).toMatch(/^text\/csv/)
    expect(csv.body.split('\n')[0]).toBe('id,at,actor,action,entity,entity_id,detail')
    expect(csv.body).toContain(venue.id)
    expect((await ctx.app.inject({ url: '/api/v1/audit', headers: as('curatorOwn') })).statusCode).toBe(403)
    await expect(ctx.database.db.updateTable('audit_log').set({ actor: 'x' }).where('entity_id', '=', venue.id).execute()).rejects.toThrow(
      /append-only/,
    )
  })
})
