// Labels: the seeded catalogue mapped onto the standard, awards with a lifecycle, admin-only catalogue edits.
import { beforeAll, expect, it } from 'vitest'
import { describeEachApp } from '../../helpers/databases.ts'
import { loadVenueExtras } from '../../../db/venue-extras.ts'
import { bearer, createPersonaKeys, createVenue, type Persona } from '../curation/curation-fixtures.ts'

describeEachApp('labels', (ctx) => {
  let keys: Record<Persona, string | null>
  const as = (p: Persona) => bearer(keys[p])
  beforeAll(async () => {
    keys = await createPersonaKeys(ctx.database.db)
  })
  const labelId = async (slug: string) =>
    (await ctx.app.inject('/api/v1/labels')).json().items.find((l: { slug: string }) => l.slug === slug).id as number

  it('publishes a catalogue whose labels map onto the standard’s values', async () => {
    const res = await ctx.app.inject('/api/v1/labels')
    expect(res.statusCode).toBe(200)
    const bySlug = Object.fromEntries(res.json().items.map((l: { slug: string }) => [l.slug, l]))
    expect(bySlug['france-services']).toMatchObject({
      nom: 'France Services',
      standard_field: 'dispositif_programmes_nationaux',
      standard_value: 'France Services',
      default_validity_months: 60,
      active_awards: 0,
    })
    expect(bySlug['etapes-numeriques']).toMatchObject({
      standard_field: 'formations_labels',
      standard_value: 'Étapes numériques(La Poste)',
    })
    expect(bySlug['netpublic-epn']).toMatchObject({ nom: 'NetPublic (EPN)', standard_field: null })
  })

  it('awards, renews and revokes a label, which is active only while granted and unexpired', async () => {
    const venue = await createVenue(ctx.database.db, { dispositif_programmes_nationaux: ['France Services'] })
    const netpublic = await labelId('netpublic-epn')
    expect(
      (
        await ctx.app.inject({
          method: 'POST',
          url: `/api/v1/venues/${venue.id}/labels`,
          headers: as('curatorOther'),
          payload: { label_id: netpublic },
        })
      ).statusCode,
    ).toBe(403)
    expect(
      (
        await ctx.app.inject({
          method: 'POST',
          url: `/api/v1/venues/${venue.id}/labels`,
          headers: as('authorityOwn'),
          payload: { label_id: netpublic },
        })
      ).statusCode,
    ).toBe(403)
    const awarded = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/venues/${venue.id}/labels`,
      headers: as('curatorOwn'),
      payload: { label_id: netpublic, granted_on: '2025-01-10', evidence: 'Convention NetPublic n° 2025-17' },
    })
    expect(awarded.statusCode).toBe(201)
    expect(awarded.json()).toMatchObject({
      slug: 'netpublic-epn',
      granted_on: '2025-01-10',
      expires_on: '2028-01-10',
      state: 'active',
      evidence: 'Convention NetPublic n° 2025-17',
    })
    const awardId = awarded.json().id
    expect((await loadVenueExtras(ctx.database.db, [venue.id])).get(venue.id)!.labels.map((l) => l.slug)).toEqual(['netpublic-epn'])

    const expired = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/venues/${venue.id}/labels`,
      headers: as('admin'),
      payload: { label_id: await labelId('aidants-connect'), granted_on: '2020-01-01', expires_on: '2021-01-01' },
    })
    expect(expired.json().state).toBe('expired')
    expect((await loadVenueExtras(ctx.database.db, [venue.id])).get(venue.id)!.labels.map((l) => l.slug)).toEqual(['netpublic-epn'])

    const renewed = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/venues/${venue.id}/labels/${expired.json().id}/renew`,
      headers: as('curatorOwn'),
      payload: { expires_on: '2099-12-31' },
    })
    expect(renewed.json()).toMatchObject({ state: 'active', expires_on: '2099-12-31' })

    const revoked = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/venues/${venue.id}/labels/${awardId}/revoke`,
      headers: as('curatorOwn'),
      payload: { reason: 'Lieu fermé le samedi, critères non remplis' },
    })
    expect(revoked.statusCode).toBe(200)
    expect(revoked.json()).toMatchObject({
      state: 'revoked',
      revoked_reason: 'Lieu fermé le samedi, critères non remplis',
      revoked_by: 'clé:Curateur Nouvelle-Aquitaine',
    })
    expect((await loadVenueExtras(ctx.database.db, [venue.id])).get(venue.id)!.labels.map((l) => l.slug)).toEqual(['aidants-connect'])
    expect(
      (
        await ctx.app.inject({
          method: 'POST',
          url: `/api/v1/venues/${venue.id}/labels/${awardId}/revoke`,
          headers: as('curatorOwn'),
          payload: { reason: 'encore' },
        })
      ).statusCode,
    ).toBe(409)

    const labels = (await ctx.app.inject(`/api/v1/venues/${venue.id}/labels`)).json()
    expect(labels.awards.map((a: { slug: string; state: string }) => `${a.slug}:${a.state}`).sort()).toEqual([
      'aidants-connect:active',
      'netpublic-epn:revoked',
    ])
    expect(labels.declared.map((l: { slug: string }) => l.slug)).toEqual(['france-services'])
    const audit = await ctx.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', venue.id)
      .where('action', 'like', 'label.%')
      .orderBy('id')
      .execute()
    expect(audit.map((a) => a.action)).toEqual(['label.award', 'label.award', 'label.renew', 'label.revoke'])
  })

  it('lets only admins edit the catalogue', async () => {
    const body = {
      slug: 'tiers-lieu-numerique',
      nom: 'Tiers-lieu numérique',
      issuer: 'Région Nouvelle-Aquitaine',
      default_validity_months: 24,
    }
    expect((await ctx.app.inject({ method: 'POST', url: '/api/v1/labels', headers: as('curatorOwn'), payload: body })).statusCode).toBe(403)
    const created = await ctx.app.inject({ method: 'POST', url: '/api/v1/labels', headers: as('admin'), payload: body })
    expect(created.statusCode).toBe(201)
    expect((await ctx.app.inject({ method: 'POST', url: '/api/v1/labels', headers: as('admin'), payload: body })).statusCode).toBe(409)
    const patched = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/v1/labels/${created.json().id}`,
      headers: as('admin'),
      payload: { criteria: 'Charte régionale' },
    })
    expect(patched.json()).toMatchObject({ criteria: 'Charte régionale', nom: 'Tiers-lieu numérique' })
  })
})
