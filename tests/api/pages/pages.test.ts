// The server-rendered venue page /lieux/{id} and /api/v1/config, on both databases.
import { expect, it, beforeAll } from 'vitest'
import { insertVenues } from '../../../db/venue-store.ts'
import type { VenueData } from '../../../db/venue-record.ts'
import { describeEachApp } from '../../helpers/databases.ts'

// PGlite runs queries on the event loop: on a loaded machine load shedding would answer 503 at random.

function venue(overrides: Partial<VenueData>): VenueData {
  return {
    source: 'test',
    source_id: `t-${Math.random().toString(36).slice(2)}`,
    pivot: '00000000000000',
    nom: 'Espace numérique',
    commune: 'Annecy',
    code_postal: '74000',
    code_insee: '74010',
    adresse: '1 rue Royale',
    complement_adresse: null,
    latitude: 45.8992,
    longitude: 6.1294,
    telephone: '+33450000000',
    horaires: 'Mo-Fr 09:00-12:00,14:00-18:00; Sa 09:00-12:00',
    presentation_resume: null,
    presentation_detail: null,
    structure_parente: null,
    date_maj: new Date().toISOString().slice(0, 10),
    fiche_acces_libre: 'https://acceslibre.beta.gouv.fr/app/74-annecy/a/bibliotheque/erp/test/',
    prise_rdv: null,
    typologie: [],
    courriels: ['contact@example.fr'],
    site_web: ['https://example.fr'],
    itinerance: [],
    services: ['Aide aux démarches administratives', 'Accès internet et matériel informatique'],
    publics_specifiquement_adresses: ['Seniors'],
    prise_en_charge_specifique: [],
    frais_a_charge: ['Gratuit'],
    dispositif_programmes_nationaux: ['France Services'],
    formations_labels: [],
    autres_formations_labels: [],
    modalites_acces: ['Se présenter'],
    modalites_accompagnement: ['Accompagnement individuel'],
    location_approximate: false,
    ...overrides,
  }
}

describeEachApp('venue page /lieux/{id}', (ctx) => {
  let plain: string
  let hostile: string
  let stale: string
  let merged: string
  let pending: string

  beforeAll(async () => {
    const db = ctx.database.db
    const rows = await insertVenues(
      db,
      [
        { data: venue({ nom: 'Médiathèque Bonlieu' }) },
        {
          data: venue({
            nom: 'Lieu <script>alert(1)</script> & "cie"',
            presentation_resume: '</script><img src=x onerror=alert(2)>',
            horaires: null,
          }),
        },
        { data: venue({ nom: 'Vieux lieu', date_maj: '2020-01-15', services: [] }) },
        { data: venue({ nom: 'Doublon' }) },
        { data: venue({ nom: 'En attente' }), status: 'pending' },
      ],
      { actor: 'test', reason: 'test' },
    )
    ;[plain, hostile, stale, merged, pending] = rows.map((r) => r.id)
    await db.updateTable('venues').set({ merged_into: plain }).where('id', '=', merged).execute()
    const label = await db
      .insertInto('labels')
      .values({
        slug: 'netpublic',
        nom: 'NetPublic',
        issuer: 'ANCT',
        criteria: 'x',
        logo_url: null,
        default_validity_months: 36,
        standard_field: null,
        standard_value: null,
        created_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await db
      .insertInto('venue_labels')
      .values({
        venue_id: plain,
        label_id: label.id,
        granted_on: '2025-03-01',
        expires_on: '2028-02-29',
        revoked_on: null,
        revoked_reason: null,
        evidence: null,
        created_at: new Date(),
      })
      .execute()
    const company = await db
      .insertInto('companies')
      .values({
        siret: '12345678900011',
        nom: 'Numérique Solidaire SAS',
        code_naf: null,
        adresse: null,
        code_postal: null,
        commune: null,
        code_insee: null,
        latitude: null,
        longitude: null,
        cinov_member_since: '2024-01-01',
        contact_nom: null,
        contact_courriel: null,
        contact_telephone: null,
        site_web: null,
        archived_at: null,
        created_at: new Date(),
        updated_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await db
      .insertInto('sponsorships')
      .values({
        company_id: company.id,
        venue_id: plain,
        kind: 'don_materiel',
        started_on: '2025-01-10',
        ended_on: null,
        youth_count: null,
        devices_count: 12,
        amount_eur: null,
        description: null,
        tutor_name: null,
        sponsor_name: null,
        refurbisher: null,
        archived_at: null,
        created_at: new Date(),
        updated_at: new Date(),
      })
      .execute()
  })

  it('renders the venue with title, description, JSON-LD, hours, services, labels, sponsors and the report form', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: `/lieux/${plain}` })
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toMatch(/^text\/html/)
    const page = response.body
    expect(page).toContain('<title>Médiathèque Bonlieu — Annecy (74000) — Maillage</title>')
    expect(page).toMatch(/<meta name="description" content="Médiathèque Bonlieu, lieu de médiation numérique à Annecy \(74000\)\./)
    const ld = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(page)![1])
    expect(ld).toMatchObject({
      '@type': 'CivicStructure',
      name: 'Médiathèque Bonlieu',
      address: { postalCode: '74000', addressLocality: 'Annecy' },
      geo: { latitude: 45.8992, longitude: 6.1294 },
    })
    expect(page).toContain('Horaires des sept prochains jours')
    expect(page).toMatch(
      /samedi[^<]*(<br><span class="fr-text--xs">jour férié<\/span>)?<\/th><td><span class="hours-slot">9 h – 12 h<\/span><\/td>/,
    )
    expect(page).toMatch(/dimanche[^<]*(<br><span class="fr-text--xs">jour férié<\/span>)?<\/th><td>Fermé<\/td>/)
    // The usual week in French, never the OSM code; the phone in national format, dialled in E.164.
    expect(page).toContain('Ouvert du lundi au vendredi de 9 h à 12 h et de 14 h à 18 h ; le samedi de 9 h à 12 h. Fermé le dimanche.')
    // (Only JSON-LD, for machines, keeps the OSM code, as schema.org's openingHours expects.)
    expect(page.replace(/<script type="application\/ld\+json">.*?<\/script>/s, '')).not.toContain('Mo-Fr')
    expect(page).toContain('<a href="tel:+33450000000">04 50 00 00 00</a>')
    expect(page).toContain('Aide aux démarches administratives')
    expect(page).toContain('Démarches et emploi')
    expect(page).toContain('<strong>NetPublic</strong> (ANCT) — attribué le 1 mars 2025, valable jusqu’au 29 février 2028')
    expect(page).toContain('<strong>Numérique Solidaire SAS</strong> — Don de matériel reconditionné (Ordi 2.0)')
    expect(page).toContain('Consulter la fiche d’accessibilité (Acceslibre)')
    expect(page).toContain('https://www.openstreetmap.org/directions?route=%3B45.8992%2C6.1294')
    expect(page).toContain(`action="/lieux/${plain}/signaler"`)
    // The completion score is for curators (/admin); a complete venue shows nothing to confirm.
    expect(page).not.toContain('Fiche complétée')
    expect(page).not.toContain('Informations à confirmer')
    // Public pages link to sponsorships and governance in their footer.
    expect(page).toContain('href="/parrainages/"')
    expect(page).toContain('href="/gouvernance/"')
    expect(page).not.toContain('plus d’un an')
    expect(page).toMatch(/Ouvert en ce moment|Fermé en ce moment/)
  })

  it('escapes every venue text (no markup injection)', async () => {
    const page = (await ctx.app.inject({ method: 'GET', url: `/lieux/${hostile}` })).body
    expect(page).not.toContain('<script>alert(1)')
    expect(page).not.toContain('<img src=x')
    expect(page).toContain('Lieu &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;cie&quot;')
    // Inside JSON-LD, "<" is escaped so the text cannot close the script element.
    const ld = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(page)![1]
    expect(ld).not.toContain('</')
    expect(JSON.parse(ld).description).toBe('</script><img src=x onerror=alert(2)>')
    expect(page).toContain('Horaires non renseignés')
  })

  it('warns when the information is over a year old and shows what is missing', async () => {
    const page = (await ctx.app.inject({ method: 'GET', url: `/lieux/${stale}` })).body
    expect(page).toContain('Dernière mise à jour : <time datetime="2020-01-15">15 janvier 2020</time>')
    expect(page).toContain('Ces informations ont plus d’un an')
    expect(page).toMatch(/Informations à confirmer<\/strong> — non renseigné : les services proposés\./)
    expect(page).not.toContain('Fiche complétée')
  })

  it('/gouvernance/rapport/ without a year redirects to the current year', async () => {
    for (const url of ['/gouvernance/rapport/', '/gouvernance/rapport', '/gouvernance/rapport/?territory=dep:74']) {
      const response = await ctx.app.inject({ url })
      expect(response.statusCode, url).toBe(302)
      expect(response.headers.location).toBe(
        `/gouvernance/rapport/${new Date().getUTCFullYear()}${url.includes('?') ? '?territory=dep%3A74' : ''}`,
      )
    }
  })

  it('serves a favicon', async () => {
    const response = await ctx.app.inject({ url: '/favicon.ico' })
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toMatch(/image\/(x-icon|vnd\.microsoft\.icon)/)
  })

  it('redirects a merged venue, hides pending and unknown ones', async () => {
    const redirect = await ctx.app.inject({ method: 'GET', url: `/lieux/${merged}` })
    expect(redirect.statusCode).toBe(301)
    expect(redirect.headers.location).toBe(`/lieux/${plain}`)
    for (const id of [pending, '00000000-0000-4000-8000-000000000000', 'pas-un-uuid']) {
      const response = await ctx.app.inject({ method: 'GET', url: `/lieux/${id}` })
      expect(response.statusCode).toBe(404)
      expect(response.body).toContain('Lieu introuvable')
    }
  })

  it('takes the report form without JavaScript and confirms', async () => {
    const response = await ctx.app.inject({
      method: 'POST',
      url: `/lieux/${plain}/signaler`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ message: 'Le lieu est fermé le samedi.', champ: 'horaires', nom: '', courriel: '' }).toString(),
    })
    expect(response.statusCode).toBe(303)
    expect(response.headers.location).toBe(`/lieux/${plain}?signalement=envoye#signaler`)
    const confirmed = await ctx.app.inject({ method: 'GET', url: response.headers.location as string })
    expect(confirmed.body).toContain('Merci, votre signalement a bien été envoyé.')
  })

  it('shows the reports endpoint error when the form is empty', async () => {
    const response = await ctx.app.inject({
      method: 'POST',
      url: `/lieux/${plain}/signaler`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'message=',
    })
    expect(response.statusCode).toBe(400)
    expect(response.body).toContain('Le signalement n’a pas été envoyé')
    expect(response.body).toContain('id="report-form"')
  })

  it('tells the map which basemap to load', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/api/v1/config' })
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({ basemap_style_url: '/basemap/style.json', basemap_offline: true })
  })
})

describeEachApp(
  'basemap configured by BASEMAP_STYLE_URL',
  (ctx) => {
    it('exposes the configured style', async () => {
      const response = await ctx.app.inject({ method: 'GET', url: '/api/v1/config' })
      expect(response.json()).toEqual({ basemap_style_url: 'https://tiles.openfreemap.org/styles/liberty', basemap_offline: false })
    })
  },
  { basemapStyleUrl: 'https://tiles.openfreemap.org/styles/liberty' },
)
