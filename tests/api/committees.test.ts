// Committee meetings (art. 8–9) and network criteria (both databases): admins record meetings with the yearly
// report frozen in; a State and a CINOV-IT representative each validate; the second validation makes the minutes
// final with a sha256 of their content, after which every change is a 409 and the row itself refuses updates.
import { createHash } from 'node:crypto'
import { sql } from 'kysely'
import { beforeAll, expect, it } from 'vitest'
import { createApiKey } from '../../db/auth/api-keys.ts'
import { insertVenues } from '../../db/venue-store.ts'
import { minutesText } from '../../domain/minutes.ts'
import { describeEachApp } from '../helpers/databases.ts'
import { venueData } from './governance-fixtures.ts'
import { sessionFor } from './session-fixtures.ts'

describeEachApp('committees: meetings, validated minutes, network criteria', (ctx) => {
  let admin: Record<string, string>
  let curator: Record<string, string>
  let state: Record<string, string>
  let cinov: Record<string, string>

  beforeAll(async () => {
    const db = ctx.database.db
    admin = {
      authorization: `Bearer ${(await createApiKey(db, { name: 'admin', role: 'admin', territories: [], createdBy: 'test' })).key}`,
    }
    curator = {
      authorization: `Bearer ${(await createApiKey(db, { name: 'cur', role: 'curator', territories: ['dep:33'], createdBy: 'test' })).key}`,
    }
    state = await sessionFor(ctx.app, 'state')
    cinov = await sessionFor(ctx.app, 'cinov')
    // Three published venues in Gironde (a fourth comes later): hours on two, an accessibility sheet on one,
    // free service on two, one stale.
    await insertVenues(
      db,
      [
        {
          data: venueData(1, 44.8378, -0.5792, {
            horaires: 'Mo-Fr 09:00-17:00',
            fiche_acces_libre: 'https://acceslibre.beta.gouv.fr/x',
            frais_a_charge: ['Gratuit'],
          }),
        },
        { data: venueData(2, 44.8386, -0.6436, { horaires: 'Mo-Fr 09:00-17:00', frais_a_charge: ['Gratuit'], date_maj: '2019-01-01' }) },
        { data: venueData(3, 44.9152, -0.2436, { frais_a_charge: ['Payant'] }) },
      ],
      { actor: 'test', reason: 'jeu de test' },
    )
  })

  const inject = (method: 'GET' | 'POST' | 'PATCH', url: string, headers: Record<string, string> = {}, payload?: unknown) =>
    ctx.app.inject({ method, url, headers, payload: payload as object })

  const meeting = {
    committee: 'pilotage',
    held_on: '2026-03-12',
    attendees: [
      { organisation: 'État — DGE', participants: ['Mme Martin, cheffe de bureau'] },
      { organisation: 'CINOV-IT', participants: ['M. Durand, président'] },
    ],
    agenda: ['Bilan 2025', 'Orientations 2026'],
    decisions: ['Objectif de 300 emplois d’avenir en 2026, adopté à l’unanimité'],
    minutes: 'La séance est ouverte à 10 h.',
  }

  it('records a meeting (admin only) with the yearly report frozen in, and lists it publicly', async () => {
    expect((await inject('POST', '/api/v1/committees/meetings', {}, meeting)).statusCode).toBe(401)
    expect((await inject('POST', '/api/v1/committees/meetings', curator, meeting)).statusCode).toBe(403)
    expect((await inject('POST', '/api/v1/committees/meetings', state, meeting)).statusCode).toBe(403)
    const bad = await inject('POST', '/api/v1/committees/meetings', admin, { ...meeting, committee: 'bureau' })
    expect(bad.statusCode).toBe(400)
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/)
    expect(bad.body).toMatch(/committee/)
    const future = await inject('POST', '/api/v1/committees/meetings', admin, { ...meeting, report_year: 2099 })
    expect(future.statusCode).toBe(400)
    expect(future.json().errors[0].field).toBe('report_year')

    const created = await inject('POST', '/api/v1/committees/meetings', admin, meeting)
    expect(created.statusCode).toBe(201)
    const body = created.json()
    expect(body).toMatchObject({ committee: 'pilotage', held_on: '2026-03-12', report_year: 2025, final: false, content_hash: null })
    expect(body.validations).toEqual({ state: null, cinov: null })
    const snapshot = body.report_snapshot as { year: number; indicators: { venues: { published: number } } }
    expect(snapshot.year).toBe(2025)
    expect(snapshot.indicators.venues).toHaveProperty('published')

    // Frozen: a venue published afterwards does not change the stored snapshot.
    await insertVenues(ctx.database.db, [{ data: venueData(9, 44.85, -0.58) }], { actor: 'test', reason: 'après la séance' })
    const again = await inject('GET', `/api/v1/committees/meetings/${body.id}`)
    expect(again.json().report_snapshot).toEqual(body.report_snapshot)
    const list = await inject('GET', '/api/v1/committees/meetings?committee=pilotage')
    expect(list.json().items.map((m: { id: string }) => m.id)).toContain(body.id)
    expect((await inject('GET', '/api/v1/committees/meetings?limit=0')).statusCode).toBe(400)
  })

  it('makes minutes final only when both parties validated; an edit before clears validations, after is a 409', async () => {
    const id = (await inject('POST', '/api/v1/committees/meetings', admin, meeting)).json().id as string
    const validate = (who: Record<string, string>) => inject('POST', `/api/v1/committees/meetings/${id}/validate`, who)
    expect((await validate({})).statusCode).toBe(401)
    expect((await validate(admin)).statusCode).toBe(403)
    expect((await validate(curator)).statusCode).toBe(403)

    const first = await validate(state)
    expect(first.statusCode).toBe(200)
    expect(first.json()).toMatchObject({ final: false, content_hash: null })
    expect(first.json().validations.state.by).toMatch(/^utilisateur:state-/)
    expect((await validate(state)).statusCode).toBe(409)

    // An edit while half-validated: the State validated another text, so its validation is cleared.
    const v = first.json().version as number
    expect((await inject('PATCH', `/api/v1/committees/meetings/${id}`, admin, { minutes: 'x' })).statusCode).toBe(428)
    expect((await inject('PATCH', `/api/v1/committees/meetings/${id}`, { ...admin, 'if-match': '"1"' }, { minutes: 'x' })).statusCode).toBe(
      412,
    )
    const edited = await inject(
      'PATCH',
      `/api/v1/committees/meetings/${id}`,
      { ...admin, 'if-match': `"${id}-v${v}"` },
      {
        minutes: 'La séance est ouverte à 10 h 05.',
      },
    )
    expect(edited.statusCode).toBe(200)
    expect(edited.json().validations).toEqual({ state: null, cinov: null })

    expect((await validate(cinov)).json().final).toBe(false)
    const last = await validate(state)
    expect(last.statusCode).toBe(200)
    const final = last.json()
    expect(final.final).toBe(true)
    expect(final.content_hash).toMatch(/^[0-9a-f]{64}$/)
    // The hash is the sha256 of the canonical content, which anyone can recompute from the payload.
    expect(createHash('sha256').update(minutesText(final)).digest('hex')).toBe(final.content_hash)

    const patch = await inject('PATCH', `/api/v1/committees/meetings/${id}`, { ...admin, 'if-match': '*' }, { minutes: 'Réécrit' })
    expect(patch.statusCode).toBe(409)
    expect(patch.headers['content-type']).toMatch(/application\/problem\+json/)
    expect(patch.json().detail).toMatch(/définitif/)
    expect((await validate(cinov)).statusCode).toBe(409)
    // The database itself refuses to change final minutes, whatever the path.
    await expect(sql`UPDATE committee_meetings SET minutes = 'falsifié' WHERE id = ${id}`.execute(ctx.database.db)).rejects.toThrow(/final/)
    const stored = await inject('GET', `/api/v1/committees/meetings/${id}`)
    expect(stored.json()).toMatchObject({ minutes: 'La séance est ouverte à 10 h 05.', content_hash: final.content_hash })
  })

  it('adopts versioned network criteria and shows the share of venues meeting each, per territory', async () => {
    const none = await inject('GET', '/api/v1/governance/criteria')
    expect(none.json()).toMatchObject({ version: null, criteria: [] })
    const criteria = [
      { code: 'horaires', libelle: 'Horaires publiés', mesure: 'horaires' },
      { code: 'accessibilite', libelle: 'Fiche d’accessibilité', mesure: 'fiche_acces_libre' },
      { code: 'gratuit', libelle: 'Au moins un service gratuit', mesure: 'service_gratuit' },
      { code: 'a_jour', libelle: 'Mis à jour dans l’année', mesure: 'maj_12_mois' },
      { code: 'charte', libelle: 'Charte signée', mesure: null },
    ]
    expect((await inject('POST', '/api/v1/governance/criteria', curator, { adopted_on: '2026-03-12', criteria })).statusCode).toBe(403)
    const dup = await inject('POST', '/api/v1/governance/criteria', admin, {
      adopted_on: '2026-03-12',
      criteria: [criteria[0], criteria[0]],
    })
    expect(dup.statusCode).toBe(400)
    const badMeasure = await inject('POST', '/api/v1/governance/criteria', admin, {
      adopted_on: '2026-03-12',
      criteria: [{ code: 'x', libelle: 'X', mesure: 'inconnue' }],
    })
    expect(badMeasure.statusCode).toBe(400)
    const v1 = await inject('POST', '/api/v1/governance/criteria', admin, { adopted_on: '2026-03-12', criteria: criteria.slice(0, 2) })
    expect(v1.statusCode).toBe(201)
    const v2 = await inject('POST', '/api/v1/governance/criteria', admin, { adopted_on: '2026-06-01', criteria })
    expect(v2.json().version).toBe(2)

    const gironde = (await inject('GET', '/api/v1/governance/criteria?territory=dep:33')).json()
    expect(gironde.version).toBe(2)
    expect(gironde.versions.map((x: { version: number }) => x.version)).toEqual([2, 1])
    const published = gironde.published as number
    expect(published).toBe(4)
    const byCode = Object.fromEntries(gironde.criteria.map((c: { code: string }) => [c.code, c]))
    expect(byCode.horaires).toMatchObject({ venues: 2, share: 0.5 })
    expect(byCode.accessibilite).toMatchObject({ venues: 1, share: 0.25 })
    expect(byCode.gratuit).toMatchObject({ venues: 2, share: 0.5 })
    expect(byCode.a_jour.venues).toBe(3)
    expect(byCode.charte).toMatchObject({ venues: null, share: null })
    const rhone = (await inject('GET', '/api/v1/governance/criteria?territory=dep:69')).json()
    expect(rhone).toMatchObject({ published: 0 })
    expect(rhone.criteria[0].share).toBe(0)
    expect((await inject('GET', '/api/v1/governance/criteria?territory=dep:999')).statusCode).toBe(400)
  })
})
