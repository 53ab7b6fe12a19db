// Job offers (art. 6, both databases): public paginated feed by distance from a point or a commune, problem+json
// on bad parameters, offers that expire at their closing date, writes by admins and curators and by a company
// account for its own company only, archived (never erased) on delete.
import { sql } from 'kysely'
import { beforeAll, expect, it } from 'vitest'
import { createApiKey } from '../../../db/auth/api-keys.ts'
import { todayInParis } from '../../../domain/time.ts'
import { insertVenues } from '../../../db/venue-store.ts'
import { venueData } from '../governance/fixtures.ts'
import { describeEachApp } from '../../helpers/databases.ts'
import { sessionFor } from '../session-fixtures.ts'

const inDays = (n: number) => new Date(Date.parse(`${todayInParis()}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10)

describeEachApp('job offers: feed, expiry and who may publish', (ctx) => {
  let admin: Record<string, string>
  let curator: Record<string, string>
  let authority: Record<string, string>
  let own: Record<string, string>
  let state: Record<string, string>
  let companyA = ''
  let companyB = ''

  beforeAll(async () => {
    const db = ctx.database.db
    const key = async (role: 'admin' | 'curator' | 'authority', territories: string[]) => ({
      authorization: `Bearer ${(await createApiKey(db, { name: `${role} emplois`, role, territories, createdBy: 'test' })).key}`,
    })
    admin = await key('admin', [])
    curator = await key('curator', ['dep:33'])
    authority = await key('authority', ['dep:33'])
    companyA = (
      await db
        .insertInto('companies')
        .values({ siret: '73282932000074', nom: 'Numérique Aquitaine' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
    companyB = (
      await db.insertInto('companies').values({ siret: '35600000000048', nom: 'Lyon Logiciels' }).returning('id').executeTakeFirstOrThrow()
    ).id
    own = await sessionFor(ctx.app, 'company', { companyId: companyA })
    state = await sessionFor(ctx.app, 'state')
  })

  const offer = (over: Record<string, unknown> = {}) => ({
    company_id: companyA,
    titre: 'Technicien·ne support',
    type_contrat: 'cdi',
    code_insee: '33063',
    url: 'https://example.fr/offres/1',
    date_cloture: inDays(30),
    ...over,
  })
  const post = (payload: unknown, headers: Record<string, string>) =>
    ctx.app.inject({ method: 'POST', url: '/api/v1/job-offers', payload: payload as object, headers })
  const get = (query: string) => ctx.app.inject({ method: 'GET', url: `/api/v1/job-offers${query}` })

  it('lets admins, curators and a company account (for its own company) publish; others are refused', async () => {
    expect((await post(offer(), {})).statusCode).toBe(401)
    expect((await post(offer(), authority)).statusCode).toBe(403)
    expect((await post(offer(), state)).statusCode).toBe(403)
    expect((await post(offer({ company_id: companyB }), own)).statusCode).toBe(403)
    const mine = await post(offer({ company_id: undefined, titre: 'Développeur·se', code_insee: '33281' }), own)
    expect(mine.statusCode).toBe(201)
    expect(mine.json()).toMatchObject({ company_id: companyA, entreprise: 'Numérique Aquitaine', commune: 'Mérignac', ouverte: true })
    expect((await post(offer(), curator)).statusCode).toBe(201)
    expect((await post(offer({ company_id: companyB, code_insee: '69381', titre: 'Alternance web' }), admin)).statusCode).toBe(201)
    expect((await post(offer({ code_insee: '33243', titre: 'Stage réseau', type_contrat: 'stage' }), admin)).statusCode).toBe(201)
  })

  it('refuses bad input with problem+json naming the field, writing nothing', async () => {
    const before = await ctx.database.db.selectFrom('job_offers').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()
    for (const [payload, field] of [
      [offer({ code_insee: '99999' }), 'code_insee'],
      [offer({ date_cloture: inDays(-1) }), 'date_cloture'],
      [offer({ url: 'javascript:alert(1)' }), 'url'],
      [offer({ type_contrat: 'interim' }), 'type_contrat'],
      [offer({ company_id: '00000000-0000-4000-8000-000000000000' }), 'company_id'],
      [offer({ company_id: undefined }), 'company_id'],
    ] as const) {
      const res = await post(payload, admin)
      expect(res.statusCode, field).toBe(400)
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/)
      expect(res.body, field).toContain(field)
    }
    const after = await ctx.database.db.selectFrom('job_offers').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()
    expect(after.n).toBe(before.n)
    for (const [query, field] of [
      ['?near=abc', 'near'],
      ['?near=95,2', 'near'],
      ['?commune=99999', 'commune'],
      ['?near=44.8,-0.5&commune=33063', 'near'],
      ['?radius=1000', 'radius'],
      ['?limit=1000', 'limit'],
      ['?foo=1', 'foo'],
    ]) {
      const res = await get(query)
      expect(res.statusCode, query).toBe(400)
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/)
      expect(res.body, query).toContain(field)
    }
  })

  it('lists open offers nearest first from a commune, within a radius, page by page', async () => {
    const all = (await get('?commune=33063')).json()
    const titles = all.items.map((o: { titre: string }) => o.titre)
    expect(titles).toEqual(['Technicien·ne support', 'Développeur·se', 'Stage réseau', 'Alternance web'])
    const distances = all.items.map((o: { distance_m: number }) => o.distance_m)
    expect(distances[0]).toBe(0)
    expect([...distances].sort((a, b) => a - b)).toEqual(distances)
    expect(distances[3]).toBeGreaterThan(400_000)
    const near = (await get('?commune=33063&radius=20000')).json()
    expect(near.items.map((o: { titre: string }) => o.titre)).toEqual(['Technicien·ne support', 'Développeur·se'])
    const page1 = await get('?near=44.8378,-0.5792&limit=3')
    expect(page1.json().next_offset).toBe(3)
    expect(page1.headers.link).toContain('offset=3')
    const page2 = (await get('?near=44.8378,-0.5792&limit=3&offset=3')).json()
    expect(page2).toMatchObject({ next_offset: null })
    expect(page2.items.map((o: { titre: string }) => o.titre)).toEqual(['Alternance web'])
  })

  it('shows the open offers within 30 km on a venue page, and not the farther ones', async () => {
    const [venue] = await insertVenues(ctx.database.db, [{ data: venueData(1, 44.8378, -0.5792) }], { actor: 'test', reason: 'test' })
    const page = await ctx.app.inject({ method: 'GET', url: `/lieux/${venue.id}` })
    expect(page.statusCode).toBe(200)
    expect(page.body).toContain('Offres d’emploi à moins de 30 km')
    expect(page.body).toContain('Technicien·ne support')
    expect(page.body).toContain('Développeur·se')
    expect(page.body).not.toContain('Alternance web')
  })

  it('expires offers at their closing date by themselves, and archives on delete', async () => {
    const created = (await post(offer({ titre: 'Bientôt close', date_cloture: inDays(0) }), admin)).json()
    expect((await get('?commune=33063')).json().items.map((o: { id: string }) => o.id)).toContain(created.id)
    // The day after its closing date: nothing is run, the offer is simply no longer open.
    await sql`UPDATE job_offers SET date_cloture = date_cloture - 1 WHERE id = ${created.id}`.execute(ctx.database.db)
    expect((await get('?commune=33063')).json().items.map((o: { id: string }) => o.id)).not.toContain(created.id)
    expect((await get(`/${created.id}`)).json().ouverte).toBe(false)

    const other = (await post(offer({ company_id: companyB, titre: 'Autre entreprise' }), admin)).json()
    expect((await ctx.app.inject({ method: 'DELETE', url: `/api/v1/job-offers/${other.id}`, headers: own })).statusCode).toBe(403)
    const patchOther = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/v1/job-offers/${other.id}`,
      headers: { ...own, 'if-match': '"1"' },
      payload: { titre: 'Détourné' },
    })
    expect(patchOther.statusCode).toBe(403)
    const ownOffer = (await post(offer({ company_id: undefined, titre: 'À retirer' }), own)).json()
    expect(
      (await ctx.app.inject({ method: 'PATCH', url: `/api/v1/job-offers/${ownOffer.id}`, headers: own, payload: { titre: 'x' } }))
        .statusCode,
    ).toBe(428)
    const patched = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/v1/job-offers/${ownOffer.id}`,
      headers: { ...own, 'if-match': `"${ownOffer.id}-v1"` },
      payload: { titre: 'Retirée bientôt' },
    })
    expect(patched.statusCode).toBe(200)
    expect(patched.json()).toMatchObject({ titre: 'Retirée bientôt', version: 2 })
    const removed = await ctx.app.inject({ method: 'DELETE', url: `/api/v1/job-offers/${ownOffer.id}`, headers: own })
    expect(removed.statusCode).toBe(200)
    expect(removed.json().archived_at).not.toBeNull()
    const row = await ctx.database.db.selectFrom('job_offers').select('archived_at').where('id', '=', ownOffer.id).executeTakeFirst()
    expect(row?.archived_at).not.toBeNull()
    expect((await get('?commune=33063')).json().items.map((o: { id: string }) => o.id)).not.toContain(ownOffer.id)
    // Versioned as every other entity: one snapshot per version, never erased; a stale If-Match is 412.
    const versions = await ctx.database.db
      .selectFrom('job_offer_versions')
      .select(['version', 'reason', 'data'])
      .where('job_offer_id', '=', ownOffer.id)
      .orderBy('version')
      .execute()
    const data = (v: (typeof versions)[number]) => (typeof v.data === 'string' ? JSON.parse(v.data) : v.data) as { titre: string }
    expect(versions.map((v) => [v.version, v.reason, data(v).titre])).toEqual([
      [1, 'publication de l’offre', 'À retirer'],
      [2, 'modification', 'Retirée bientôt'],
      [3, 'offre retirée', 'Retirée bientôt'],
    ])
    const stale = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/v1/job-offers/${ownOffer.id}`,
      headers: { ...own, 'if-match': `"${ownOffer.id}-v2"` },
      payload: { titre: 'Trop tard' },
    })
    expect(stale.statusCode).toBe(412)
  })
})
