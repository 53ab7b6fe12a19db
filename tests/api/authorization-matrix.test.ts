// The authorisation matrix, built from Fastify's own route table (collected by an onRoute hook in
// api/auth/plugin.ts): every route that is not a public GET is called as each persona, and the status must be
// the one written below. A route without a line here fails the suite — add one line per new route.
import { randomUUID } from 'node:crypto'
import { beforeAll, expect, it } from 'vitest'
import './curation-env.ts'
import type { Kysely } from 'kysely'
import { createApiKey } from '../../db/auth/api-keys.ts'
import { hashPassword } from '../../db/auth/users.ts'
import { insertSubmission } from '../../db/curation/submissions.ts'
import type { Database } from '../../db/types.ts'
import { updateVenue } from '../../db/venue-store.ts'
import { describeEachApp } from '../helpers/databases.ts'
import { bearer, createPersonaKeys, createVenue, PERSONAS, type Persona } from './curation-fixtures.ts'

/** Not 401 nor 403: the caller got past authorisation (what happens next is the route's own business). */
const PASS = 'pass'
type Expected = number | typeof PASS
/** Statuses in the order of PERSONAS: anonymous, authority of another territory, authority of the territory, curator of another territory, curator of the territory, admin. */
type Row = [Expected, Expected, Expected, Expected, Expected, Expected]

const ADMIN_ONLY: Row = [401, 403, 403, 403, 403, PASS]
const TERRITORY_WRITE = (published: number): Row => [401, 403, 202, 403, published, published]
const MODERATION = (ok: number): Row => [401, 403, 403, 403, ok, ok]

/** One line per route: `METHOD url` → expected statuses. Bodies and parameters come from REQUESTS below (defaults otherwise). */
const EXPECTED: Record<string, Row> = {
  'POST /api/v1/auth/login': [200, 200, 200, 200, 200, 200],
  'POST /api/v1/auth/logout': [204, 204, 204, 204, 204, 204],
  // The second factor belongs to accounts (sessions): API keys, whatever their role, are refused.
  'POST /api/v1/auth/totp': [401, 403, 403, 403, 403, 403],
  'POST /api/v1/auth/totp/confirm': [401, 403, 403, 403, 403, 403],
  'POST /api/v1/auth/totp/disable': [401, 403, 403, 403, 403, 403],
  'GET /api/v1/admin/users': [401, 403, 403, 403, 403, 200],
  'POST /api/v1/admin/users': [401, 403, 403, 403, 403, 201],
  'PATCH /api/v1/admin/users/:id': [401, 403, 403, 403, 403, 200],
  'GET /api/v1/admin/api-keys': [401, 403, 403, 403, 403, 200],
  'POST /api/v1/admin/api-keys': [401, 403, 403, 403, 403, 201],
  'DELETE /api/v1/admin/api-keys/:id': [401, 403, 403, 403, 403, 204],
  'POST /api/v1/admin/reports/purge': [401, 403, 403, 403, 403, 200],
  'POST /api/v1/imports': [401, 422, 201, 422, 201, 201],
  'GET /api/v1/imports/:id': [401, 404, 200, 404, 404, 200],
  'POST /api/v1/venues': TERRITORY_WRITE(201),
  'PATCH /api/v1/venues/:id': TERRITORY_WRITE(200),
  'DELETE /api/v1/venues/:id': TERRITORY_WRITE(200),
  'POST /api/v1/venues/:id/restore': TERRITORY_WRITE(200),
  'POST /api/v1/venues/:id/revert': TERRITORY_WRITE(200),
  'GET /api/v1/venues/:id/history': [401, 200, 200, 200, 200, 200],
  'GET /api/v1/submissions': [401, 200, 200, 200, 200, 200],
  'GET /api/v1/submissions/:id': [401, 404, 200, 404, 200, 200],
  'POST /api/v1/submissions/:id/approve': MODERATION(200),
  'POST /api/v1/submissions/:id/reject': MODERATION(200),
  'POST /api/v1/venues/:id/reports': [201, 201, 201, 201, 201, 201],
  'GET /api/v1/duplicates': [401, 403, 403, 200, 200, 200],
  'POST /api/v1/duplicates/detect': [401, 403, 403, 200, 200, 200],
  'POST /api/v1/duplicates/:id/merge': MODERATION(200),
  'POST /api/v1/duplicates/:id/dismiss': MODERATION(200),
  'GET /api/v1/audit': [401, 403, 403, 403, 403, 200],
  'POST /api/v1/labels': [401, 403, 403, 403, 403, 201],
  'PATCH /api/v1/labels/:id': [401, 403, 403, 403, 403, 200],
  'POST /api/v1/venues/:id/labels': MODERATION(201),
  'POST /api/v1/venues/:id/labels/:award_id/renew': MODERATION(200),
  'POST /api/v1/venues/:id/labels/:award_id/revoke': MODERATION(200),
  // Sponsorship domain: managed by admins only.
  'POST /api/v1/companies': ADMIN_ONLY,
  'PATCH /api/v1/companies/:id': ADMIN_ONLY,
  'DELETE /api/v1/companies/:id': ADMIN_ONLY,
  'POST /api/v1/companies/import': ADMIN_ONLY,
  'POST /api/v1/sponsorships': ADMIN_ONLY,
  'PATCH /api/v1/sponsorships/:id': ADMIN_ONLY,
  'DELETE /api/v1/sponsorships/:id': ADMIN_ONLY,
  // Venue page: the HTML form of "signaler une erreur" (public).
  'POST /lieux/:id/signaler': [PASS, PASS, PASS, PASS, PASS, PASS],
}

interface Fixture { db: Kysely<Database>; keys: Record<Persona, string | null>; passwordHash: string; email: string }
interface Request { url?: string; payload?: unknown; headers?: Record<string, string> }

/** Fresh resources for one call (state-changing calls must not see each other's effects). */
async function venueWithVersions(f: Fixture, versions = 1, archived = false) {
  let venue = await createVenue(f.db)
  for (let v = 1; v < versions; v++) venue = await updateVenue(f.db, venue.id, { nom: `${venue.nom} (v${v + 1})` }, { expectedVersion: null }, { actor: 'test', reason: 'fixture' })
  if (archived) venue = await updateVenue(f.db, venue.id, {}, { expectedVersion: null, status: 'archived' }, { actor: 'test', reason: 'fixture' })
  return venue
}
async function pendingSubmission(f: Fixture) {
  const venue = await createVenue(f.db)
  const authority = await f.db.selectFrom('api_keys').select('id').where('name', '=', 'Gironde numérique').executeTakeFirstOrThrow()
  const s = await insertSubmission(f.db, { kind: 'update', venueId: venue.id, baseVersion: 1, payload: { changes: { nom: 'Proposé' } },
    submittedBy: 'clé:Gironde numérique', submitterId: `apikey:${authority.id}`, departement: '33', region: '75' })
  return s.id
}
async function duplicatePair(f: Fixture) {
  const a = await createVenue(f.db, { nom: 'Cyberbase de Pessac', latitude: 44.806, longitude: -0.631 })
  const b = await createVenue(f.db, { nom: 'Cyber-base Pessac', latitude: 44.8062, longitude: -0.6311 })
  const d = await f.db.insertInto('duplicates').values({ venue_a: a.id, venue_b: b.id, reason: 'proximite' }).returning('id').executeTakeFirstOrThrow()
  return { id: d.id, survivor: a.id }
}
async function award(f: Fixture) {
  const venue = await createVenue(f.db)
  const label = await f.db.selectFrom('labels').select('id').where('slug', '=', 'netpublic-epn').executeTakeFirstOrThrow()
  const row = await f.db.insertInto('venue_labels').values({ venue_id: venue.id, label_id: label.id, granted_on: '2025-01-01', expires_on: '2027-01-01' }).returning('id').executeTakeFirstOrThrow()
  return { venueId: venue.id, awardId: row.id }
}
const csv = (codeInsee: string) => [
  'id,nom,adresse,code_postal,commune,code_insee,pivot,date_maj',
  `${randomUUID()},Point numérique,3 rue du Port,${codeInsee === '33063' ? '33000' : '69001'},${codeInsee === '33063' ? 'Bordeaux' : 'Lyon'},${codeInsee},00000000000000,2025-05-01`,
].join('\n')

/** How to call each route; routes without an entry get their `:id` filled with a fresh venue. */
const REQUESTS: Record<string, (f: Fixture) => Promise<Request>> = {
  'POST /api/v1/auth/login': async (f) => ({ payload: { email: f.email, password: 'mot-de-passe-solide' } }),
  'POST /api/v1/admin/users': async () => ({ payload: { email: `c-${randomUUID()}@example.fr`, password: 'mot-de-passe-solide', role: 'curator', territories: ['dep:33'] } }),
  'PATCH /api/v1/admin/users/:id': async (f) => {
    const u = await f.db.insertInto('users').values({ email: `u-${randomUUID()}@example.fr`, password_hash: f.passwordHash, role: 'curator', territories: ['dep:33'] }).returning('id').executeTakeFirstOrThrow()
    return { url: `/api/v1/admin/users/${u.id}`, payload: { disabled: true } }
  },
  'POST /api/v1/admin/api-keys': async () => ({ payload: { name: 'Nouvelle clé', role: 'authority', territories: ['dep:33'] } }),
  'DELETE /api/v1/admin/api-keys/:id': async (f) => ({ url: `/api/v1/admin/api-keys/${(await createApiKey(f.db, { name: 'jetable', role: 'authority', territories: ['dep:33'], createdBy: 'test' })).id}` }),
  'POST /api/v1/admin/reports/purge': async () => ({ payload: { older_than_months: 12 } }),
  'POST /api/v1/imports': async () => ({ payload: csv('33063'), headers: { 'content-type': 'text/csv' } }),
  'GET /api/v1/imports/:id': async (f) => {
    const authority = await f.db.selectFrom('api_keys').select('id').where('name', '=', 'Gironde numérique').executeTakeFirstOrThrow()
    const row = await f.db.insertInto('imports').values({ source: 'x', actor: 'clé:Gironde numérique', actor_id: `apikey:${authority.id}`, dry_run: true, partial: false, status: 'dry_run', summary: '{"totals":{"rows":0,"created":0,"updated":0,"unchanged":0,"rejected":0}}', report: '[]' }).returning('id').executeTakeFirstOrThrow()
    return { url: `/api/v1/imports/${row.id}` }
  },
  'POST /api/v1/venues': async () => ({ payload: { id: randomUUID(), nom: 'Espace numérique', adresse: '1 place Pey Berland', code_postal: '33000', commune: 'Bordeaux', code_insee: '33063' } }),
  'PATCH /api/v1/venues/:id': async (f) => {
    const v = await venueWithVersions(f)
    return { url: `/api/v1/venues/${v.id}`, headers: { 'if-match': `"${v.id}-v1"` }, payload: { telephone: '0556000001' } }
  },
  'POST /api/v1/venues/:id/restore': async (f) => ({ url: `/api/v1/venues/${(await venueWithVersions(f, 1, true)).id}/restore` }),
  'POST /api/v1/venues/:id/revert': async (f) => {
    const v = await venueWithVersions(f, 2)
    return { url: `/api/v1/venues/${v.id}/revert`, headers: { 'if-match': `"${v.id}-v2"` }, payload: { version: 1 } }
  },
  'GET /api/v1/submissions/:id': async (f) => ({ url: `/api/v1/submissions/${await pendingSubmission(f)}` }),
  'POST /api/v1/submissions/:id/approve': async (f) => ({ url: `/api/v1/submissions/${await pendingSubmission(f)}/approve`, payload: {} }),
  'POST /api/v1/submissions/:id/reject': async (f) => ({ url: `/api/v1/submissions/${await pendingSubmission(f)}/reject`, payload: { reason: 'doublon' } }),
  'POST /api/v1/venues/:id/reports': async (f) => ({ url: `/api/v1/venues/${(await createVenue(f.db)).id}/reports`, payload: { message: 'Le lieu a déménagé' } }),
  'POST /api/v1/duplicates/:id/merge': async (f) => { const d = await duplicatePair(f); return { url: `/api/v1/duplicates/${d.id}/merge`, payload: { survivor: d.survivor } } },
  'POST /api/v1/duplicates/:id/dismiss': async (f) => ({ url: `/api/v1/duplicates/${(await duplicatePair(f)).id}/dismiss`, payload: {} }),
  'POST /api/v1/labels': async () => ({ payload: { slug: `label-${randomUUID().slice(0, 8)}`, nom: 'Label test' } }),
  'PATCH /api/v1/labels/:id': async (f) => ({ url: `/api/v1/labels/${(await f.db.selectFrom('labels').select('id').where('slug', '=', 'pix').executeTakeFirstOrThrow()).id}`, payload: { criteria: 'Critères mis à jour' } }),
  'POST /api/v1/venues/:id/labels': async (f) => ({ url: `/api/v1/venues/${(await createVenue(f.db)).id}/labels`, payload: { label_id: (await f.db.selectFrom('labels').select('id').where('slug', '=', 'pix').executeTakeFirstOrThrow()).id } }),
  'POST /api/v1/venues/:id/labels/:award_id/renew': async (f) => { const a = await award(f); return { url: `/api/v1/venues/${a.venueId}/labels/${a.awardId}/renew`, payload: {} } },
  'POST /api/v1/venues/:id/labels/:award_id/revoke': async (f) => { const a = await award(f); return { url: `/api/v1/venues/${a.venueId}/labels/${a.awardId}/revoke`, payload: { reason: 'critères non remplis' } } },
}

async function defaultRequest(f: Fixture, url: string): Promise<Request> {
  if (!url.includes(':')) return { payload: {} }
  const venue = await createVenue(f.db)
  return { url: url.replace(/:id\b/, venue.id).replace(/:[a-z_]+/g, '1'), payload: {} }
}

/** Routes the matrix covers: every method except GET/HEAD on public routes. GET/HEAD without a rule outside /api are static files. */
function routesUnderTest(table: { method: string; url: string; access: unknown }[]) {
  const seen = new Set<string>()
  const missingRule: string[] = []
  for (const r of table) {
    if (r.method === 'HEAD' || r.method === 'OPTIONS') continue
    if (r.method === 'GET' && (r.access === 'public' || (r.access === undefined && !r.url.startsWith('/api/')))) continue
    if (r.access === undefined) missingRule.push(`${r.method} ${r.url}`)
    seen.add(`${r.method} ${r.url}`)
  }
  return { routes: [...seen].sort(), missingRule }
}

describeEachApp('authorisation matrix', (ctx) => {
  let fixture: Fixture
  beforeAll(async () => {
    const keys = await createPersonaKeys(ctx.database.db)
    const passwordHash = await hashPassword('mot-de-passe-solide')
    const email = 'matrice@example.fr'
    await ctx.database.db.insertInto('users').values({ email, password_hash: passwordHash, role: 'curator', territories: ['dep:33'] }).execute()
    fixture = { db: ctx.database.db, keys, passwordHash, email }
  })

  it('has a rule (config.access) on every route and an expected line for every route that is not a public GET', () => {
    const { routes, missingRule } = routesUnderTest(ctx.app.routeTable)
    expect(missingRule, `routes without config.access: ${missingRule.join(', ')}`).toEqual([])
    const missing = routes.filter((r) => !(r in EXPECTED))
    expect(missing, `No authorisation rule for ${missing.map((m) => `"${m}"`).join(', ')}: add a line to EXPECTED in tests/api/authorization-matrix.test.ts`).toEqual([])
    const stale = Object.keys(EXPECTED).filter((r) => !routes.includes(r))
    expect(stale, `EXPECTED lists routes that no longer exist: ${stale.join(', ')}`).toEqual([])
    expect(routes.length).toBeGreaterThanOrEqual(35)
  })

  it('answers each persona on each route with the expected status', async () => {
    const { routes } = routesUnderTest(ctx.app.routeTable)
    const mismatches: string[] = []
    let ip = 1
    for (const route of routes) {
      const expected = EXPECTED[route]
      if (!expected) continue
      const [method, url] = route.split(' ')
      for (const [i, persona] of PERSONAS.entries()) {
        const request = await (REQUESTS[route] ?? ((f: Fixture) => defaultRequest(f, url)))(fixture)
        const res = await ctx.app.inject({
          method: method as 'POST', url: request.url ?? url, payload: request.payload as string,
          headers: { ...bearer(fixture.keys[persona]), ...request.headers }, remoteAddress: `198.51.100.${ip++ % 250}`,
        })
        const want = expected[i]
        const ok = want === PASS ? res.statusCode !== 401 && res.statusCode !== 403 : res.statusCode === want
        if (!ok) mismatches.push(`${route} as ${persona}: expected ${want}, got ${res.statusCode} ${res.body.slice(0, 160)}`)
      }
    }
    expect(mismatches).toEqual([])
  })
})
