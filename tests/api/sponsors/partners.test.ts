// Issue 16, items 1, 2, 6, 7 (both databases): venues' needs under the write gate's territory rule, the public
// list by distance and kind, `needs` in venue payloads and as a search filter; company and CINOV-IT accounts
// (own page only, membership only); "Proposer mon aide" → pending → the curator accepts → the need closes and
// the devices indicators move; merge moves sponsorships and needs; `maillage demo partners` rows are marked.
import { beforeAll, expect, it } from 'vitest'
import { createApiKey } from '../../../db/auth/api-keys.ts'
import { loadDemoPartners } from '../../../db/seed/demo-partners.ts'
import { bearer, createPersonaKeys, createVenue, lyonVenue, type Persona } from '../curation/curation-fixtures.ts'
import { describeEachApp } from '../../helpers/databases.ts'
import { insertCompany, partnerUser, sessionHeaders } from '../partner-fixtures.ts'

const BORDEAUX = { commune: 'Bordeaux', code_postal: '33000', code_insee: '33063', latitude: 44.8378, longitude: -0.5792 }
// Mérignac, ~8 km from Bordeaux; Libourne, ~30 km.
const MERIGNAC = { commune: 'Mérignac', code_postal: '33700', code_insee: '33281', latitude: 44.8386, longitude: -0.6436 }
const LIBOURNE = { commune: 'Libourne', code_postal: '33500', code_insee: '33243', latitude: 44.9152, longitude: -0.2436 }

describeEachApp('partners: needs, company accounts, offers', (ctx) => {
  let keys: Record<Persona, string | null>
  let companyId: string
  let otherCompanyId: string
  let company: Record<string, string>
  let cinov: Record<string, string>
  let near: string
  let far: string
  const as = (p: Persona) => bearer(keys[p])
  const inject = (method: 'GET' | 'POST' | 'PATCH', url: string, headers: Record<string, string> = {}, payload?: unknown) =>
    ctx.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) })

  beforeAll(async () => {
    const db = ctx.database.db
    keys = await createPersonaKeys(db)
    companyId = await insertCompany(db, 'Octets Solidaires', BORDEAUX)
    otherCompanyId = await insertCompany(db, 'Autre Entreprise', BORDEAUX)
    company = await sessionHeaders(ctx.app, await partnerUser(db, 'company', companyId))
    cinov = await sessionHeaders(ctx.app, await partnerUser(db, 'cinov'))
    near = (await createVenue(db, { nom: 'Médiathèque de Mérignac', ...MERIGNAC })).id
    far = (await createVenue(db, { nom: 'Espace numérique de Libourne', ...LIBOURNE })).id
  })

  it('lets the venue’s curator or authority declare a need in their territory only, and validates it per kind', async () => {
    const body = { kind: 'don_materiel', devices_count: 8, devices_kind: 'ordinateurs portables' }
    const count = async () => (await inject('GET', `/api/v1/needs?venue_id=${near}`)).json().items.length
    const before = await count()
    expect((await inject('POST', `/api/v1/venues/${near}/needs`, {}, body)).statusCode).toBe(401)
    expect((await inject('POST', `/api/v1/venues/${near}/needs`, as('curatorOther'), body)).statusCode).toBe(403)
    expect((await inject('POST', `/api/v1/venues/${near}/needs`, as('authorityOther'), body)).statusCode).toBe(403)
    expect((await inject('POST', `/api/v1/venues/${near}/needs`, company, body)).statusCode).toBe(403)
    expect((await inject('POST', `/api/v1/venues/${near}/needs`, cinov, body)).statusCode).toBe(403)
    expect(await count()).toBe(before)
    const invalid = await inject('POST', `/api/v1/venues/${near}/needs`, as('curatorOwn'), { kind: 'don_materiel', skills: 'x' })
    expect(invalid.statusCode).toBe(400)
    expect(invalid.headers['content-type']).toMatch(/application\/problem\+json/)
    expect(
      invalid
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['devices_count', 'devices_kind', 'skills'])
    const created = await inject('POST', `/api/v1/venues/${near}/needs`, as('curatorOwn'), body)
    expect(created.statusCode).toBe(201)
    expect(created.json()).toMatchObject({ venue_id: near, kind: 'don_materiel', status: 'open', devices_count: 8, is_example: false })
    const byAuthority = await inject('POST', `/api/v1/venues/${far}/needs`, as('authorityOwn'), { kind: 'mecenat', skills: 'Réseaux' })
    expect(byAuthority.statusCode).toBe(201)
    const farDevices = await inject('POST', `/api/v1/venues/${far}/needs`, as('admin'), { ...body, devices_count: 3 })
    expect(farDevices.statusCode).toBe(201)
    // Editing follows the same rule: a curator of another territory cannot withdraw it.
    const id = byAuthority.json().id
    expect((await inject('PATCH', `/api/v1/needs/${id}`, as('curatorOther'), { status: 'withdrawn' })).statusCode).toBe(403)
    const withdrawn = await inject('PATCH', `/api/v1/needs/${id}`, as('authorityOwn'), { status: 'withdrawn' })
    expect(withdrawn.json()).toMatchObject({ status: 'withdrawn', closed_at: expect.any(String), version: 2 })
    expect(withdrawn.headers.etag).toBe(`"${id}-v2"`)
    // Versioned as every other entity: a stale If-Match is 412 and changes nothing; each version keeps its snapshot.
    const stale = await inject('PATCH', `/api/v1/needs/${id}`, { ...as('authorityOwn'), 'if-match': `"${id}-v1"` }, { status: 'open' })
    expect(stale.statusCode).toBe(412)
    expect(stale.json().current_version).toBe(2)
    const reopened = await inject('PATCH', `/api/v1/needs/${id}`, { ...as('authorityOwn'), 'if-match': `"${id}-v2"` }, { status: 'open' })
    expect(reopened.json()).toMatchObject({ status: 'open', closed_at: null, version: 3 })
    const versions = await ctx.database.db
      .selectFrom('need_versions')
      .select(['version', 'reason', 'data'])
      .where('need_id', '=', id)
      .orderBy('version')
      .execute()
    expect(versions.map((v) => [v.version, v.reason])).toEqual([
      [1, 'déclaration du besoin'],
      [2, 'besoin retiré'],
      [3, 'besoin rouvert'],
    ])
    const data = (v: (typeof versions)[number]) => (typeof v.data === 'string' ? JSON.parse(v.data) : v.data) as { status: string }
    expect(versions.map((v) => data(v).status)).toEqual(['open', 'withdrawn', 'open'])
    const audit = await ctx.database.db.selectFrom('audit_log').select('action').where('entity_id', '=', id).orderBy('id').execute()
    expect(audit.map((a) => a.action)).toEqual(['need.create', 'need.update', 'need.update'])
    expect((await inject('PATCH', `/api/v1/needs/${id}`, as('authorityOwn'), { status: 'withdrawn' })).json().version).toBe(4)
  })

  it('lists open needs by distance and kind, and shows them in the venue payload and the venue search', async () => {
    const within = (
      await inject('GET', `/api/v1/needs?near=${BORDEAUX.latitude},${BORDEAUX.longitude}&radius=20000&kind=don_materiel`)
    ).json()
    expect(within.items.map((n: { venue_id: string }) => n.venue_id)).toEqual([near])
    expect(within.items[0].distance_m).toBeGreaterThan(4000)
    expect(within.items[0].distance_m).toBeLessThan(6000)
    const all = (await inject('GET', `/api/v1/needs?near=${BORDEAUX.latitude},${BORDEAUX.longitude}&kind=don_materiel`)).json()
    expect(all.items.map((n: { venue_id: string }) => n.venue_id)).toEqual([near, far])
    const bad = await inject('GET', '/api/v1/needs?radius=1000')
    expect(bad.statusCode).toBe(400)
    expect(bad.json().errors[0].field).toBe('radius')

    const venue = (await inject('GET', `/api/v1/venues/${near}`)).json()
    expect(venue.needs).toEqual([
      expect.objectContaining({ kind: 'don_materiel', devices_count: 8, devices_kind: 'ordinateurs portables' }),
    ])
    const search = (await inject('GET', '/api/v1/venues?needs=don_materiel&limit=100')).json()
    expect(search.items.map((v: { id: string }) => v.id).sort()).toEqual([near, far].sort())
    const skills = (await inject('GET', '/api/v1/venues?needs=mecenat&limit=100')).json()
    expect(skills.items).toEqual([]) // the only skills need was withdrawn
    const wrong = await inject('GET', '/api/v1/venues?needs=chocolat')
    expect(wrong.statusCode).toBe(400)
    expect(wrong.json().errors[0].field).toBe('needs')
    const page = await inject('GET', `/lieux/${near}`)
    expect(page.body).toContain('Ce lieu cherche un parrain')
    expect(page.body).toContain('8 × ordinateurs portables')
  })

  it('keeps a company representative to its own company, and the CINOV-IT referent to the membership', async () => {
    const etag = async (id: string) => (await inject('GET', `/api/v1/companies/${id}`)).headers.etag as string
    const own = await inject(
      'PATCH',
      `/api/v1/companies/${companyId}`,
      { ...company, 'if-match': await etag(companyId) },
      {
        site_web: 'https://octets.example.fr',
      },
    )
    expect(own.statusCode).toBe(200)
    expect(own.json().site_web).toBe('https://octets.example.fr')
    const other = await inject(
      'PATCH',
      `/api/v1/companies/${otherCompanyId}`,
      { ...company, 'if-match': await etag(otherCompanyId) },
      {
        nom: 'Piratée',
      },
    )
    expect(other.statusCode).toBe(403)
    const membership = await inject(
      'PATCH',
      `/api/v1/companies/${companyId}`,
      { ...company, 'if-match': await etag(companyId) },
      {
        cinov_member_since: '2020-01-01',
      },
    )
    expect(membership.statusCode).toBe(403)
    expect(membership.json().errors[0].field).toBe('cinov_member_since')
    expect(
      (await inject('PATCH', `/api/v1/companies/${companyId}`, { ...cinov, 'if-match': await etag(companyId) }, { nom: 'Renommée' }))
        .statusCode,
    ).toBe(403)
    const confirmed = await inject(
      'PATCH',
      `/api/v1/companies/${companyId}`,
      { ...cinov, 'if-match': await etag(companyId) },
      {
        cinov_member_since: '2024-03-01',
        cinov_status: 'active',
      },
    )
    expect(confirmed.statusCode).toBe(200)
    expect(confirmed.json().cinov_member_since).toBe('2024-03-01')
    expect((await inject('GET', `/api/v1/companies/${companyId}`)).json().nom).toBe('Octets Solidaires')
    // Declaring a sponsorship: for its own company only, and pending until confirmed.
    const body = { venue_id: far, kind: 'mecenat', started_on: '2026-01-05', description: 'Ateliers' }
    expect((await inject('POST', '/api/v1/sponsorships', company, { ...body, company_id: otherCompanyId })).statusCode).toBe(403)
    const declared = await inject('POST', '/api/v1/sponsorships', company, { ...body, company_id: companyId })
    expect(declared.statusCode).toBe(201)
    expect(declared.json()).toMatchObject({ status: 'pending', active: false, proposed_by: expect.stringMatching(/^utilisateur:company-/) })
    const activity = await inject('GET', '/api/v1/partners/activity', cinov)
    expect(activity.statusCode).toBe(200)
    expect(activity.json().companies.find((c: { id: string }) => c.id === companyId)).toMatchObject({ pending: 1, active: 0 })
    expect((await inject('GET', '/api/v1/partners/activity', company)).statusCode).toBe(403)
    // The CINOV-IT referent confirms it for the whole network.
    const accepted = await inject('POST', `/api/v1/sponsorships/${declared.json().id}/accept`, cinov, {})
    expect(accepted.statusCode).toBe(200)
    expect(accepted.json()).toMatchObject({ status: 'active', active: true })
  })

  it('turns an offer of help into a pending sponsorship the venue’s curator accepts: the need closes, devices count rises', async () => {
    const indicators = async () => (await inject('GET', '/api/v1/governance/indicators?territory=dep:33')).json()
    const before = await indicators()
    const need = (await inject('GET', `/api/v1/needs?venue_id=${near}`)).json().items[0]
    expect((await inject('POST', `/api/v1/needs/${need.id}/offers`, as('curatorOwn'), {})).statusCode).toBe(403)
    const offer = await inject('POST', `/api/v1/needs/${need.id}/offers`, company, { refurbisher: 'Atelier du Réemploi' })
    expect(offer.statusCode).toBe(201)
    expect(offer.json()).toMatchObject({
      status: 'pending',
      kind: 'don_materiel',
      devices_count: 8,
      need_id: need.id,
      company_id: companyId,
    })
    expect((await inject('POST', `/api/v1/needs/${need.id}/offers`, company, {})).statusCode).toBe(409)
    // Pending: not shown as a sponsor, not counted.
    expect((await inject('GET', `/api/v1/venues/${near}`)).json().sponsors).toEqual([])
    expect((await indicators()).sponsorships.devices_donated).toBe(before.sponsorships.devices_donated)
    const id = offer.json().id
    expect((await inject('POST', `/api/v1/sponsorships/${id}/accept`, as('curatorOther'), {})).statusCode).toBe(403)
    expect((await inject('POST', `/api/v1/sponsorships/${id}/accept`, company, {})).statusCode).toBe(403)
    const accepted = await inject('POST', `/api/v1/sponsorships/${id}/accept`, as('curatorOwn'), {})
    expect(accepted.statusCode).toBe(200)
    expect(accepted.json()).toMatchObject({ status: 'active', active: true })
    expect((await inject('POST', `/api/v1/sponsorships/${id}/accept`, as('curatorOwn'), {})).statusCode).toBe(409)
    expect((await inject('GET', `/api/v1/needs/${need.id}`)).json()).toMatchObject({ status: 'met', met_by_sponsorship: id, version: 2 })
    const venue = (await inject('GET', `/api/v1/venues/${near}`)).json()
    expect(venue.needs).toEqual([])
    expect(venue.sponsors.map((s: { company_id: string }) => s.company_id)).toEqual([companyId])
    const after = await indicators()
    expect(after.sponsorships.devices_donated).toBe(before.sponsorships.devices_donated + 8)
    expect(after.needs.devices_needs_met).toBe(before.needs.devices_needs_met + 1)
    expect(after.needs.devices_requested).toBe(before.needs.devices_requested - 8)
    // A closed need cannot be answered again; a declined offer leaves the need open.
    expect((await inject('POST', `/api/v1/needs/${need.id}/offers`, company, {})).statusCode).toBe(409)
    const farNeed = (await inject('GET', `/api/v1/needs?venue_id=${far}&kind=don_materiel`)).json().items[0]
    const second = (await inject('POST', `/api/v1/needs/${farNeed.id}/offers`, company, {})).json()
    const declined = await inject('POST', `/api/v1/sponsorships/${second.id}/decline`, as('curatorOwn'), { reason: 'déjà équipé' })
    expect(declined.json().status).toBe('declined')
    expect((await inject('GET', `/api/v1/needs/${farNeed.id}`)).json().status).toBe('open')
  })

  it('moves sponsorships and needs to the surviving venue of a merge', async () => {
    const db = ctx.database.db
    const survivor = await createVenue(db, { nom: 'Cyberbase de Pessac', ...BORDEAUX, latitude: 44.806, longitude: -0.631 })
    const other = await createVenue(db, { nom: 'Cyber-base Pessac', ...BORDEAUX, latitude: 44.8061, longitude: -0.6311 })
    const need = (await inject('POST', `/api/v1/venues/${other.id}/needs`, as('curatorOwn'), { kind: 'mecenat', skills: 'Vidéo' })).json()
    const sponsorship = (
      await inject('POST', '/api/v1/sponsorships', as('admin'), {
        company_id: otherCompanyId,
        venue_id: other.id,
        kind: 'mecenat',
        started_on: '2025-01-01',
        description: 'Ateliers',
      })
    ).json()
    const pair = await db
      .insertInto('duplicates')
      .values({ venue_a: survivor.id, venue_b: other.id, reason: 'proximite' })
      .returning('id')
      .executeTakeFirstOrThrow()
    const merged = await inject('POST', `/api/v1/duplicates/${pair.id}/merge`, as('curatorOwn'), { survivor: survivor.id })
    expect(merged.statusCode).toBe(200)
    expect((await inject('GET', `/api/v1/needs/${need.id}`)).json()).toMatchObject({ venue_id: survivor.id, version: 2 })
    expect((await inject('GET', `/api/v1/sponsorships/${sponsorship.id}`)).json().venue_id).toBe(survivor.id)
    const history = (await inject('GET', `/api/v1/sponsorships/${sponsorship.id}/history`)).json().items
    expect(history.map((h: { reason: string }) => h.reason)).toContainEqual(expect.stringMatching(/^fusion/))
    const payload = (await inject('GET', `/api/v1/venues/${survivor.id}`)).json()
    expect(payload.needs.map((n: { id: string }) => n.id)).toEqual([need.id])
    expect(payload.sponsors.map((s: { company_id: string }) => s.company_id)).toEqual([otherCompanyId])
  })

  it('loads the demo partners once, each row marked as a fictional example and absent from the exports', async () => {
    const db = ctx.database.db
    await createVenue(db, { nom: 'Point numérique Lyon 3', ...lyonVenue() })
    const first = await loadDemoPartners(db)
    expect(first.alreadyLoaded).toBe(false)
    expect(first.companies).toBe(5)
    expect(first.needs).toBeGreaterThan(0)
    expect((await loadDemoPartners(db)).alreadyLoaded).toBe(true)
    const companies = (await inject('GET', '/api/v1/companies?limit=1000'))
      .json()
      .items.filter((c: { is_example: boolean }) => c.is_example)
    expect(companies).toHaveLength(5)
    for (const c of companies) expect(c.nom).toMatch(/exemple fictif/)
    const needs = (await inject('GET', '/api/v1/needs?limit=1000')).json().items.filter((n: { is_example: boolean }) => n.is_example)
    expect(needs.length).toBe(first.needs)
    const csv = await inject('GET', '/api/v1/export/mediation-numerique.csv')
    expect(csv.statusCode).toBe(200)
    expect(csv.body).not.toMatch(/exemple fictif|Octets Solidaires/)
    const json = await inject('GET', '/api/v1/export/mediation-numerique.json')
    expect(json.body).not.toMatch(/exemple fictif|is_example/)
  })

  it('creates company accounts only with their company, through the admin API', async () => {
    const key = (await createApiKey(ctx.database.db, { name: 'adm', role: 'admin', territories: [], createdBy: 't' })).key
    const post = (payload: object) => inject('POST', '/api/v1/admin/users', bearer(key), payload)
    const base = { email: `rep-${Date.now()}@example.fr`, password: 'mot-de-passe-solide', role: 'company' }
    const missing = await post(base)
    expect(missing.statusCode).toBe(400)
    expect(missing.json().errors[0].field).toBe('company_id')
    expect((await post({ ...base, company_id: '00000000-0000-4000-8000-000000000000' })).statusCode).toBe(400)
    expect((await post({ ...base, role: 'cinov', company_id: companyId })).statusCode).toBe(400)
    const ok = await post({ ...base, company_id: companyId })
    expect(ok.statusCode).toBe(201)
    expect(ok.json()).toMatchObject({ role: 'company', company_id: companyId })
  })
})
