// Emplois d'avenir to their term (both databases): the three-year term by default, the list of contracts ending
// within 3 months (or ended without outcome), the outcome recorded as an aggregate category (admin only, near or
// after the term), versioned, and counted in the governance indicators.
import { beforeAll, expect, it } from 'vitest'
import { createApiKey } from '../../../db/auth/api-keys.ts'
import { insertVenues } from '../../../db/venue-store.ts'
import { todayInParis } from '../../../domain/time.ts'
import { describeEachApp } from '../../helpers/databases.ts'
import { venueData } from '../governance/fixtures.ts'
import { sessionFor } from '../session-fixtures.ts'

const inDays = (n: number) => new Date(Date.parse(`${todayInParis()}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10)

describeEachApp('emplois d’avenir: term, follow-up and outcome', (ctx) => {
  let admin: Record<string, string>
  let curator: Record<string, string>
  let cinov: Record<string, string>
  const ids: Record<string, string> = {}

  beforeAll(async () => {
    const db = ctx.database.db
    admin = { authorization: `Bearer ${(await createApiKey(db, { name: 'adm', role: 'admin', territories: [], createdBy: 't' })).key}` }
    curator = {
      authorization: `Bearer ${(await createApiKey(db, { name: 'cur', role: 'curator', territories: ['dep:33'], createdBy: 't' })).key}`,
    }
    cinov = await sessionFor(ctx.app, 'cinov')
    const [venue] = await insertVenues(db, [{ data: venueData(1, 44.8378, -0.5792) }], { actor: 't', reason: 't' })
    const company = await db
      .insertInto('companies')
      .values({ siret: '73282932000074', nom: 'Numérique Aquitaine' })
      .returning('id')
      .executeTakeFirstOrThrow()
    const make = async (name: string, body: Record<string, unknown>) => {
      const res = await ctx.app.inject({
        method: 'POST',
        url: '/api/v1/sponsorships',
        headers: admin,
        payload: {
          company_id: company.id,
          venue_id: venue.id,
          kind: 'emploi_avenir',
          youth_count: 2,
          tutor_name: 'Médiatrice',
          sponsor_name: 'Parrain',
          ...body,
        },
      })
      expect(res.statusCode, res.body).toBe(201)
      ids[name] = res.json().id
      return res.json()
    }
    // Started three years ago less 30 days: its default term falls within the next 3 months.
    const soon = await make('soon', { started_on: inDays(-3 * 365 + 30) })
    expect(soon.ended_on > todayInParis()).toBe(true)
    await make('ended', { started_on: inDays(-3 * 365 - 60), ended_on: inDays(-10) })
    await make('far', { started_on: inDays(-30) })
  })

  it('gives an emploi d’avenir a three-year term and lists those ending within 3 months or ended without outcome', async () => {
    const far = (await ctx.app.inject({ method: 'GET', url: `/api/v1/sponsorships/${ids.far}` })).json()
    expect(far.ended_on).toBe(`${Number(far.started_on.slice(0, 4)) + 3}${far.started_on.slice(4)}`)
    expect((await ctx.app.inject({ method: 'GET', url: '/api/v1/emplois-avenir/echeances' })).statusCode).toBe(401)
    for (const who of [admin, curator, cinov]) {
      const res = await ctx.app.inject({ method: 'GET', url: '/api/v1/emplois-avenir/echeances', headers: who })
      expect(res.statusCode).toBe(200)
      expect(res.json().items.map((i: { id: string }) => i.id)).toEqual([ids.ended, ids.soon])
    }
    const item = (await ctx.app.inject({ method: 'GET', url: '/api/v1/emplois-avenir/echeances', headers: admin })).json().items[1]
    expect(item).toMatchObject({ entreprise: 'Numérique Aquitaine', outcome: null, youth_count: 2 })
    expect(item.days_left).toBeGreaterThan(0)
    expect(item.days_left).toBeLessThanOrEqual(90)
    expect(
      (await ctx.app.inject({ method: 'GET', url: '/api/v1/emplois-avenir/echeances?within_days=0', headers: admin })).statusCode,
    ).toBe(400)
  })

  it('records the outcome as a category (admin only, near or after the term), versioned, and counts it in the indicators', async () => {
    const record = (id: string, outcome: string, headers = admin) =>
      ctx.app.inject({ method: 'POST', url: `/api/v1/sponsorships/${id}/outcome`, headers, payload: { outcome } })
    expect((await record(ids.ended, 'cdi_cdd_entreprise', curator)).statusCode).toBe(403)
    expect((await record(ids.ended, 'cdi_cdd_entreprise', cinov)).statusCode).toBe(403)
    const bad = await record(ids.ended, 'Jean Dupont embauché')
    expect(bad.statusCode).toBe(400)
    expect(bad.headers['content-type']).toMatch(/problem\+json/)
    const early = await record(ids.far, 'autre_emploi')
    expect(early.statusCode).toBe(400)
    expect(early.json().errors[0].field).toBe('outcome')

    const before = (await ctx.app.inject({ method: 'GET', url: '/api/v1/governance/indicators?territory=dep:33' })).json()
    expect(before.sponsorships.emplois_avenir_outcomes).toMatchObject({ a_renseigner: 2, cdi_cdd_entreprise: 0 })
    const done = await record(ids.ended, 'cdi_cdd_entreprise')
    expect(done.statusCode).toBe(200)
    expect(done.json()).toMatchObject({ outcome: 'cdi_cdd_entreprise', version: 2 })
    const history = (await ctx.app.inject({ method: 'GET', url: `/api/v1/sponsorships/${ids.ended}/history` })).json()
    expect(history.items.length).toBe(2)
    const after = (await ctx.app.inject({ method: 'GET', url: '/api/v1/governance/indicators?territory=dep:33' })).json()
    expect(after.sponsorships.emplois_avenir_outcomes).toMatchObject({ a_renseigner: 0, cdi_cdd_entreprise: 2 })
    // Once recorded, an ended contract leaves the follow-up list; the one ending soon stays.
    const list = (await ctx.app.inject({ method: 'GET', url: '/api/v1/emplois-avenir/echeances', headers: admin })).json()
    expect(list.items.map((i: { id: string }) => i.id)).toEqual([ids.soon])
    expect((await record(ids.soon, 'formation_apprentissage')).statusCode).toBe(200)
  })
})
