// Committee meetings (art. 8–9) and network criteria (both databases): admins record meetings with the yearly
// report frozen in; a State and a CINOV-IT representative each validate; the second validation makes the minutes
// final with a sha256 of their content, after which every change is a 409 and the row itself refuses updates.
import { createHash } from 'node:crypto'
import { sql } from 'kysely'
import { beforeAll, expect, it } from 'vitest'
import { createApiKey } from '../../../db/auth/api-keys.ts'
import { insertNeed } from '../../../db/partners/needs.ts'
import { insertCompany, insertSponsorship } from '../../../db/sponsors/repository.ts'
import { insertVenues } from '../../../db/venue-store.ts'
import { minutesText } from '../../../domain/minutes.ts'
import { todayInParis } from '../../../domain/time.ts'
import { describeEachApp } from '../../helpers/databases.ts'
import { venueData } from '../governance/fixtures.ts'
import { sessionFor } from '../session-fixtures.ts'

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

  // Last: it adds venues, which the criteria case above counts.
  it('freezes the report as it stood at the meeting date, from history, and moves it with the date', async () => {
    const db = ctx.database.db
    const [early, late] = await insertVenues(db, [{ data: venueData(21, 44.84, -0.57) }, { data: venueData(22, 44.86, -0.6) }], {
      actor: 'test',
      reason: 'historique',
    })
    // Venue 21 was published on 1 February 2026, venue 22 (and every other venue of this file) only today.
    await sql`UPDATE venue_versions SET changed_at = '2026-02-01T10:00:00Z' WHERE venue_id = ${early.id}`.execute(db)
    // A devices need of venue 21 open from February, withdrawn in June: open at a March meeting.
    const needId = await insertNeed(db, early.id, { kind: 'don_materiel', devices_count: 6, devices_kind: 'portables' }, 'test')
    await sql`UPDATE venue_needs SET created_at = '2026-02-02T10:00:00Z', status = 'withdrawn', closed_at = '2026-06-01T10:00:00Z'
      WHERE id = ${needId}`.execute(db)
    const context = { actor: 'test', reason: 'test' }
    const company = await insertCompany(db, { siret: '73282932000074', nom: 'Donatrice', code_insee: '33063' }, context)
    const give = (venue: string, started_on: string, devices_count: number) =>
      insertSponsorship(
        db,
        { company_id: company, venue_id: venue, kind: 'don_materiel', started_on, devices_count, refurbisher: 'R' },
        context,
      )
    await give(early.id, '2026-02-15', 8)
    await give(late.id, '2026-05-01', 5)

    type Snapshot = {
      as_of: string
      basis: string
      not_as_of: string[]
      year: number
      indicators: {
        as_of: string
        venues: { published: number }
        sponsorships: { devices_donated: number }
        needs: { open_by_kind: Record<string, number>; devices_requested: number }
      }
    }
    const record = async (held_on: string) => {
      const res = await inject('POST', '/api/v1/committees/meetings', admin, { ...meeting, held_on })
      expect(res.statusCode).toBe(201)
      return res.json() as { id: string; version: number; report_snapshot: Snapshot }
    }
    const march = await record('2026-03-12')
    expect(march.report_snapshot).toMatchObject({ as_of: '2026-03-12', basis: 'meeting_date', year: 2025 })
    expect(march.report_snapshot.not_as_of.length).toBeGreaterThan(0)
    const figures = march.report_snapshot.indicators
    expect(figures.as_of).toBe('2026-03-12')
    expect(figures.venues.published).toBe(1)
    expect(figures.sponsorships.devices_donated).toBe(8)
    expect(figures.needs.open_by_kind.don_materiel).toBe(1)
    expect(figures.needs.devices_requested).toBe(6)

    // Recorded on its day: today's figures, everything counted, nothing said to be missing.
    const today = await record(todayInParis())
    expect(today.report_snapshot).toMatchObject({ as_of: todayInParis(), basis: 'meeting_day', not_as_of: [] })
    expect(today.report_snapshot.indicators.venues.published).toBeGreaterThanOrEqual(6)
    expect(today.report_snapshot.indicators.sponsorships.devices_donated).toBe(13)
    expect(today.report_snapshot.indicators.needs.open_by_kind.don_materiel).toBe(0)

    // Moving the March meeting to January moves its report: venue 21 was not yet published, nothing given yet.
    const moved = await inject(
      'PATCH',
      `/api/v1/committees/meetings/${march.id}`,
      { ...admin, 'if-match': `"${march.id}-v${march.version}"` },
      { held_on: '2026-01-31' },
    )
    expect(moved.statusCode).toBe(200)
    const movedSnapshot = moved.json().report_snapshot as Snapshot
    expect(movedSnapshot.as_of).toBe('2026-01-31')
    expect(movedSnapshot.indicators.venues.published).toBe(0)
    expect(movedSnapshot.indicators.sponsorships.devices_donated).toBe(0)
    // An edit of the text alone keeps the frozen report as it is.
    const text = await inject(
      'PATCH',
      `/api/v1/committees/meetings/${march.id}`,
      { ...admin, 'if-match': `"${march.id}-v${moved.json().version}"` },
      { minutes: 'Compte rendu corrigé.' },
    )
    expect(text.json().report_snapshot).toEqual(moved.json().report_snapshot)
  })
})
