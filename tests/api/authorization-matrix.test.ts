// The authorisation matrix, built from Fastify's own route table (collected by an onRoute hook in
// api/auth/plugin.ts): every route that is not a public GET is called as each persona, and the status must be
// the one written below. A route without a line here fails the suite — add one line per new route.
// Every route that changes a venue (content, status, labels, sponsorships, or a moderation proposal) is called
// in three situations — inside the territory, venue stored outside, result outside — and every refusal must
// leave the venues untouched. A route written as a plain line that turns out to change a venue fails too.
import { randomUUID } from 'node:crypto'
import { beforeAll, expect, it } from 'vitest'
import { sql, type Kysely } from 'kysely'
import { createApiKey } from '../../db/auth/api-keys.ts'
import { hashPassword } from '../../db/auth/users.ts'
import { insertSubmission } from '../../db/curation/submissions.ts'
import type { Database } from '../../db/types.ts'
import { updateVenue } from '../../db/venue-store.ts'
import type { VenueData } from '../../db/venue-record.ts'
import { describeEachApp } from '../helpers/databases.ts'
import { insertCompany, partnerUser, sessionHeaders } from './partner-fixtures.ts'
import { bearer, createPersonaKeys, createVenue, lyonVenue, PERSONAS, type Persona } from './curation/curation-fixtures.ts'

/** Not 401 nor 403: the caller got past authorisation (what happens next is the route's own business). */
const PASS = 'pass'
type Expected = number | typeof PASS
/**
 * Statuses in the order of PERSONAS: anonymous, authority of another territory (dep:69), authority of the
 * territory (dep:33), curator of another territory (dep:69), curator of the territory (reg:75), admin, a member
 * company's representative and the CINOV-IT referent (both sessions with CSRF token). The type
 * follows PERSONAS: adding a persona (DESIGN's company, cinov, state) makes every line below ask for its column.
 */
type ColumnPer<T extends readonly unknown[]> = { -readonly [K in keyof T]: Expected }
type Row = ColumnPer<typeof PERSONAS>

/** Where the venue lies before and after the change, for the personas of the territory (Gironde; outside = Rhône). */
const SCENARIOS = ['inside', 'storedOutside', 'resultOutside'] as const
type Scenario = (typeof SCENARIOS)[number]
/** A venue-changing route: one line per situation. */
type VenueWriteRows = Record<Scenario, Row>
const isVenueWrite = (e: Row | VenueWriteRows): e is VenueWriteRows => !Array.isArray(e)

/** Personas calling with an API key (the partners' accounts after them are refused by role before any row is read). */
const KEY_PERSONAS = 6
const ADMIN_ONLY: Row = [401, 403, 403, 403, 403, PASS, 403, 403]
const TERRITORY_WRITE = (published: number): Row => [401, 403, 202, 403, published, published, 403, 403]
const MODERATION = (ok: number): Row => [401, 403, 403, 403, ok, ok, 403, 403]
/** Stored outside or result outside: only the administration gets through (the Rhône personas see one side outside too). */
const ONLY_ADMIN = (ok: number): Row => [401, 403, 403, 403, 403, ok, 403, 403]
/** A change that leaves the venue where it is (status, labels): "outside" is a Rhône venue, inside for the Rhône personas. */
const IN_RHONE = (authority: number, ok: number, moderatorsOnly = false): Row => [
  401,
  moderatorsOnly ? 403 : authority,
  403,
  ok,
  403,
  ok,
  403,
  403,
]
const STAYS = (inside: Row, rhone: Row): VenueWriteRows => ({ inside, storedOutside: rhone, resultOutside: rhone })

/** One line per route: `METHOD url` → expected statuses. Bodies and parameters come from REQUESTS below (defaults otherwise). */
const EXPECTED: Record<string, Row | VenueWriteRows> = {
  'POST /api/v1/auth/login': [200, 200, 200, 200, 200, 200, 200, 200],
  'POST /api/v1/auth/logout': [204, 204, 204, 204, 204, 204, 204, 204],
  // The second factor is for every account (sessions), partners' included; API keys are refused (an empty body: 400).
  'POST /api/v1/auth/totp': [401, 403, 403, 403, 403, 403, PASS, PASS],
  'POST /api/v1/auth/totp/confirm': [401, 403, 403, 403, 403, 403, PASS, PASS],
  'POST /api/v1/auth/totp/disable': [401, 403, 403, 403, 403, 403, PASS, PASS],
  'GET /api/v1/admin/users': [401, 403, 403, 403, 403, 200, 403, 403],
  'POST /api/v1/admin/users': [401, 403, 403, 403, 403, 201, 403, 403],
  'PATCH /api/v1/admin/users/:id': [401, 403, 403, 403, 403, 200, 403, 403],
  'GET /api/v1/admin/api-keys': [401, 403, 403, 403, 403, 200, 403, 403],
  'POST /api/v1/admin/api-keys': [401, 403, 403, 403, 403, 201, 403, 403],
  'DELETE /api/v1/admin/api-keys/:id': [401, 403, 403, 403, 403, 204, 403, 403],
  'POST /api/v1/admin/reports/purge': [401, 403, 403, 403, 403, 200, 403, 403],
  // Imports: a refused row is a 422 (rejected with its line number, nothing written); an authority's file goes to moderation (202).
  'POST /api/v1/imports': {
    inside: [401, 422, 202, 422, 201, 201, 403, 403],
    storedOutside: ONLY_ADMIN(201).map((e, i) => (e === 403 && i < KEY_PERSONAS ? 422 : e)) as Row,
    resultOutside: ONLY_ADMIN(201).map((e, i) => (e === 403 && i < KEY_PERSONAS ? 422 : e)) as Row,
  },
  'GET /api/v1/imports/:id': [401, 404, 200, 404, 404, 200, 403, 403],
  // Whole-file sync of the persona's own source: like an import (a refused row is a 422, nothing written),
  // one submission for an authority (202).
  'PUT /api/v1/sources/:source/dataset': {
    inside: [401, 422, 202, 422, 201, 201, 403, 403],
    storedOutside: ONLY_ADMIN(201).map((e, i) => (e === 403 && i < KEY_PERSONAS ? 422 : e)) as Row,
    resultOutside: ONLY_ADMIN(201).map((e, i) => (e === 403 && i < KEY_PERSONAS ? 422 : e)) as Row,
  },
  // The producer-id alias of PATCH /api/v1/venues/:id: the same route options, hence the same statuses.
  'PATCH /api/v1/sources/:source/venues/:id': {
    inside: TERRITORY_WRITE(200),
    storedOutside: ONLY_ADMIN(200),
    resultOutside: ONLY_ADMIN(200),
  },
  'GET /api/v1/admin/sources': ADMIN_ONLY,
  'POST /api/v1/admin/sources': [401, 403, 403, 403, 403, 201, 403, 403],
  'GET /api/v1/admin/sources/:name/runs': ADMIN_ONLY,
  // Create, stored outside: the body names the (source, id) of a Rhône venue with a Bordeaux commune (409 for the admin only).
  // Create, result outside: a new venue in Lyon, inside for the Rhône personas.
  'POST /api/v1/venues': {
    inside: TERRITORY_WRITE(201),
    storedOutside: ONLY_ADMIN(409),
    resultOutside: [401, 202, 403, 201, 403, 201, 403, 403],
  },
  // Patch and revert move the venue: Lyon → Bordeaux (stored outside), Bordeaux → Lyon (result outside).
  'PATCH /api/v1/venues/:id': { inside: TERRITORY_WRITE(200), storedOutside: ONLY_ADMIN(200), resultOutside: ONLY_ADMIN(200) },
  'DELETE /api/v1/venues/:id': STAYS(TERRITORY_WRITE(200), IN_RHONE(202, 200)),
  'POST /api/v1/venues/:id/restore': STAYS(TERRITORY_WRITE(200), IN_RHONE(202, 200)),
  'POST /api/v1/venues/:id/revert': { inside: TERRITORY_WRITE(200), storedOutside: ONLY_ADMIN(200), resultOutside: ONLY_ADMIN(200) },
  'GET /api/v1/venues/:id/history': [401, 200, 200, 200, 200, 200, 403, 403],
  'GET /api/v1/submissions': [401, 200, 200, 200, 200, 200, 403, 403],
  'GET /api/v1/submissions/:id': [401, 404, 200, 404, 200, 200, 403, 403],
  // Approving a proposal filed under Gironde whose venue is stored in Lyon, or which moves a Bordeaux venue to Lyon.
  'POST /api/v1/submissions/:id/approve': { inside: MODERATION(200), storedOutside: ONLY_ADMIN(200), resultOutside: ONLY_ADMIN(200) },
  'POST /api/v1/submissions/:id/reject': MODERATION(200),
  // Batch moderation: each item is checked as the single route would; when no item passes, the answer is the first item's status.
  'POST /api/v1/submissions/batch': { inside: MODERATION(200), storedOutside: ONLY_ADMIN(200), resultOutside: ONLY_ADMIN(200) },
  'POST /api/v1/venues/:id/reports': [201, 201, 201, 201, 201, 201, 201, 201],
  'GET /api/v1/duplicates': [401, 403, 403, 200, 200, 200, 403, 403],
  // Detection runs in the background (202); progress and cancel are open to every moderator, like the list.
  'POST /api/v1/duplicates/detect': [401, 403, 403, 202, 202, 202, 403, 403],
  'GET /api/v1/duplicates/jobs/latest': [401, 403, 403, 200, 200, 200, 403, 403],
  'GET /api/v1/duplicates/jobs/:id': [401, 403, 403, 200, 200, 200, 403, 403],
  'POST /api/v1/duplicates/jobs/:id/cancel': [401, 403, 403, 200, 200, 200, 403, 403],
  // Merging a Bordeaux venue with a Lyon one, the survivor being the Lyon one (stored outside) or the Bordeaux one
  // (the other, archived, is outside).
  'POST /api/v1/duplicates/:id/merge': { inside: MODERATION(200), storedOutside: ONLY_ADMIN(200), resultOutside: ONLY_ADMIN(200) },
  'POST /api/v1/duplicates/:id/dismiss': MODERATION(200),
  'GET /api/v1/audit': [401, 403, 403, 403, 403, 200, 403, 403],
  'POST /api/v1/labels': [401, 403, 403, 403, 403, 201, 403, 403],
  'PATCH /api/v1/labels/:id': [401, 403, 403, 403, 403, 200, 403, 403],
  'POST /api/v1/venues/:id/labels': STAYS(MODERATION(201), IN_RHONE(403, 201, true)),
  'POST /api/v1/venues/:id/labels/:award_id/renew': STAYS(MODERATION(200), IN_RHONE(403, 200, true)),
  'POST /api/v1/venues/:id/labels/:award_id/revoke': STAYS(MODERATION(200), IN_RHONE(403, 200, true)),
  // Sponsorship domain: managed by admins only.
  'POST /api/v1/companies': ADMIN_ONLY,
  'DELETE /api/v1/companies/:id': ADMIN_ONLY,
  'POST /api/v1/companies/import': ADMIN_ONLY,
  'POST /api/v1/sponsorships': STAYS(ONLY_ADMIN(201), ONLY_ADMIN(201)),
  'PATCH /api/v1/sponsorships/:id': STAYS(ONLY_ADMIN(200), ONLY_ADMIN(200)),
  'DELETE /api/v1/sponsorships/:id': STAYS(ONLY_ADMIN(200), ONLY_ADMIN(200)),
  // Emplois d'avenir followed to their term: the follow-up list for the moderation team; the outcome, like any
  // sponsorship change, by admins only (it gates on the sponsored venue).
  'GET /api/v1/emplois-avenir/echeances': [401, 403, 403, 200, 200, 200, 403, 200],
  'POST /api/v1/sponsorships/:id/outcome': STAYS(ONLY_ADMIN(200), ONLY_ADMIN(200)),
  // Job offers: admins and curators for any member company (a company account for its own: committee-roles test).
  'POST /api/v1/job-offers': [401, 403, 403, 201, 201, 201, 403, 403],
  'PATCH /api/v1/job-offers/:id': [401, 403, 403, 200, 200, 200, 403, 403],
  'DELETE /api/v1/job-offers/:id': [401, 403, 403, 200, 200, 200, 403, 403],
  // Committees: admins record meetings and criteria; only State and CINOV-IT accounts validate (committee-roles test).
  'POST /api/v1/committees/meetings': [401, 403, 403, 403, 403, 201, 403, 403],
  'PATCH /api/v1/committees/meetings/:id': [401, 403, 403, 403, 403, 200, 403, 403],
  'POST /api/v1/committees/meetings/:id/validate': [401, 403, 403, 403, 403, 403, 403, PASS],
  'POST /api/v1/governance/criteria': [401, 403, 403, 403, 403, 201, 403, 403],
  // Partners (issue 16). A company declares sponsorships for its own company only (the fixture's is another one: 403);
  // it edits its own company page, the CINOV-IT referent the membership (the default body is empty: 428, no If-Match).
  'PATCH /api/v1/companies/:id': [401, 403, 403, 403, 403, PASS, 403, PASS],
  // Needs show on the venue page: declared and edited by the venue's writers, in their territory (a need does not move its venue).
  'POST /api/v1/venues/:id/needs': STAYS([401, 403, 201, 403, 201, 201, 403, 403], [401, 201, 403, 201, 403, 201, 403, 403]),
  'PATCH /api/v1/needs/:id': STAYS([401, 403, 200, 403, 200, 200, 403, 403], [401, 200, 403, 200, 403, 200, 403, 403]),
  // « Proposer mon aide »: company accounts only, wherever the venue is (nothing shows until accepted).
  'POST /api/v1/needs/:id/offers': STAYS([401, 403, 403, 403, 403, 403, 201, 403], [401, 403, 403, 403, 403, 403, 201, 403]),
  // Confirming a proposal: the venue's curator, an admin, or the CINOV-IT referent for the whole network.
  'POST /api/v1/sponsorships/:id/accept': STAYS([401, 403, 403, 403, 200, 200, 403, 200], [401, 403, 403, 200, 403, 200, 403, 200]),
  'POST /api/v1/sponsorships/:id/decline': STAYS([401, 403, 403, 403, 200, 200, 403, 200], [401, 403, 403, 200, 403, 200, 403, 200]),
  'GET /api/v1/partners/activity': [401, 403, 403, 403, 403, 200, 403, 200],
  // Webhook subscribers: administration only.
  'GET /api/v1/admin/webhooks': ADMIN_ONLY,
  'POST /api/v1/admin/webhooks': ADMIN_ONLY,
  'DELETE /api/v1/admin/webhooks/:id': ADMIN_ONLY,
  'GET /api/v1/admin/webhooks/:id/deliveries': ADMIN_ONLY,
  'POST /api/v1/admin/webhooks/:id/deliveries/:delivery/redeliver': ADMIN_ONLY,
  // Venue page: the HTML form of "signaler une erreur" (public).
  'POST /lieux/:id/signaler': [PASS, PASS, PASS, PASS, PASS, PASS, PASS, PASS],
}

interface Fixture {
  db: Kysely<Database>
  keys: Record<Persona, string | null>
  /** Users behind the session personas (company, cinov): each call gets a fresh session (logout ends them). */
  sessionUsers: Partial<Record<Persona, string>>
  passwordHash: string
  email: string
}
interface Request {
  url?: string
  payload?: unknown
  headers?: Record<string, string>
}
type Builder = (f: Fixture, scenario: Scenario, persona: Persona) => Promise<Request>

const BORDEAUX: Partial<VenueData> = {
  commune: 'Bordeaux',
  code_postal: '33000',
  code_insee: '33063',
  latitude: 44.8378,
  longitude: -0.5792,
}
const LYON = lyonVenue()
/** Where the venue is before and after the change, in each situation. */
const PLACES: Record<Scenario, { stored: Partial<VenueData>; result: Partial<VenueData> }> = {
  inside: { stored: BORDEAUX, result: BORDEAUX },
  storedOutside: { stored: LYON, result: BORDEAUX },
  resultOutside: { stored: BORDEAUX, result: LYON },
}
/** For changes that leave the venue where it is, "outside" (either way) is a venue in Lyon. */
const STAYING = (scenario: Scenario) => (scenario === 'inside' ? BORDEAUX : LYON)
/** The producer source an authority key is bound to (curation-fixtures.ts); others write under a neutral one. */
const sourceOf = (persona: Persona) =>
  persona === 'authorityOwn' ? 'Gironde numérique' : persona === 'authorityOther' ? 'Rhône numérique' : 'matrice'
/** Standard fields of a place, as a write body carries them. */
const placeBody = (p: Partial<VenueData>) => ({
  commune: p.commune,
  code_postal: p.code_postal,
  code_insee: p.code_insee,
  latitude: p.latitude,
  longitude: p.longitude,
})

/** Fresh resources for one call (state-changing calls must not see each other's effects). */
async function venueWithVersions(f: Fixture, versions = 1, archived = false, place: Partial<VenueData> = BORDEAUX) {
  let venue = await createVenue(f.db, place)
  for (let v = 1; v < versions; v++)
    venue = await updateVenue(
      f.db,
      venue.id,
      { nom: `${venue.nom} (v${v + 1})` },
      { expectedVersion: null },
      { actor: 'test', reason: 'fixture' },
    )
  if (archived)
    venue = await updateVenue(f.db, venue.id, {}, { expectedVersion: null, status: 'archived' }, { actor: 'test', reason: 'fixture' })
  return venue
}
async function pendingSubmission(f: Fixture, scenario: Scenario = 'inside') {
  const { stored, result } = PLACES[scenario]
  const venue = await createVenue(f.db, stored)
  const authority = await f.db.selectFrom('api_keys').select('id').where('name', '=', 'Gironde numérique').executeTakeFirstOrThrow()
  const changes = scenario === 'inside' ? { nom: 'Proposé' } : { nom: 'Proposé', ...placeBody(result) }
  // Filed under Gironde, as its author's territory: what the curators of Gironde see in their queue.
  const s = await insertSubmission(f.db, {
    kind: 'update',
    venueId: venue.id,
    baseVersion: 1,
    payload: { changes },
    submittedBy: 'clé:Gironde numérique',
    submitterId: `apikey:${authority.id}`,
    departement: '33',
    region: '75',
  })
  return s.id
}
async function duplicatePair(f: Fixture, scenario: Scenario = 'inside') {
  const near = { latitude: 44.806, longitude: -0.631 }
  const a = await createVenue(f.db, { nom: 'Cyberbase de Pessac', ...BORDEAUX, ...near })
  const b = await createVenue(f.db, {
    nom: 'Cyber-base Pessac',
    ...(scenario === 'inside' ? { ...BORDEAUX, latitude: 44.8062, longitude: -0.6311 } : LYON),
  })
  const d = await f.db
    .insertInto('duplicates')
    .values({ venue_a: a.id, venue_b: b.id, reason: 'proximite' })
    .returning('id')
    .executeTakeFirstOrThrow()
  // Stored outside: the survivor (whose content changes) is the Lyon venue; result outside: the Lyon venue is the one archived.
  return { id: d.id, survivor: scenario === 'storedOutside' ? b.id : a.id }
}
/** A detection run row (a running one has a fresh heartbeat, so it counts as alive). */
async function duplicateJob(f: Fixture, status: 'running' | 'done') {
  const row = await f.db
    .insertInto('duplicate_jobs')
    .values({ started_by: 'test', scope: 'null', status })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}
async function award(f: Fixture, place: Partial<VenueData> = BORDEAUX) {
  const venue = await createVenue(f.db, place)
  const label = await f.db.selectFrom('labels').select('id').where('slug', '=', 'netpublic-epn').executeTakeFirstOrThrow()
  const row = await f.db
    .insertInto('venue_labels')
    .values({ venue_id: venue.id, label_id: label.id, granted_on: '2025-01-01', expires_on: '2027-01-01' })
    .returning('id')
    .executeTakeFirstOrThrow()
  return { venueId: venue.id, awardId: row.id }
}
async function sponsorship(f: Fixture, place: Partial<VenueData>) {
  const venue = await createVenue(f.db, place)
  const siret = String(Math.floor(Math.random() * 1e14)).padStart(14, '0')
  const company = await f.db.insertInto('companies').values({ siret, nom: 'Entreprise mécène' }).returning('id').executeTakeFirstOrThrow()
  const body = {
    company_id: company.id,
    venue_id: venue.id,
    kind: 'mecenat' as const,
    started_on: '2025-01-01',
    description: 'Ateliers financés',
  }
  const row = await f.db.insertInto('sponsorships').values(body).returning('id').executeTakeFirstOrThrow()
  return { body, id: row.id }
}
/** An emploi d'avenir that ended last month, its outcome still to record. */
async function endedEmploiAvenir(f: Fixture, place: Partial<VenueData>) {
  const { id } = await sponsorship(f, place)
  await f.db
    .updateTable('sponsorships')
    .set({ kind: 'emploi_avenir', started_on: '2022-01-01', ended_on: '2025-01-01', description: null, youth_count: 1 })
    .where('id', '=', id)
    .execute()
  return id
}
async function jobOffer(f: Fixture) {
  const company = await f.db
    .insertInto('companies')
    .values({ siret: String(Math.floor(Math.random() * 1e14)).padStart(14, '0'), nom: 'Entreprise qui recrute' })
    .returning('id')
    .executeTakeFirstOrThrow()
  const body = {
    company_id: company.id,
    titre: 'Technicien·ne',
    type_contrat: 'cdi',
    code_insee: '33063',
    url: 'https://example.fr/o',
    date_cloture: '2099-12-31',
  }
  const row = await f.db
    .insertInto('job_offers')
    .values({
      ...body,
      geom: sql<string>`(SELECT geom::geography FROM communes WHERE code_insee = '33063')` as unknown as string,
      created_by: 'test',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return { body, id: row.id }
}
async function meeting(f: Fixture) {
  const row = await f.db
    .insertInto('committee_meetings')
    .values({
      committee: 'pilotage',
      held_on: '2026-03-12',
      attendees: '[]',
      agenda: '[]',
      decisions: '[]',
      report_year: 2025,
      report_snapshot: '{}',
      created_by: 'test',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}
async function need(f: Fixture, place: Partial<VenueData>) {
  const venue = await createVenue(f.db, place)
  const row = await f.db
    .insertInto('venue_needs')
    .values({ venue_id: venue.id, kind: 'don_materiel', devices_count: 5, devices_kind: 'tablettes', created_by: 'test' })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}
async function pendingSponsorship(f: Fixture, place: Partial<VenueData>) {
  const { id } = await sponsorship(f, place)
  await f.db.updateTable('sponsorships').set({ status: 'pending' }).where('id', '=', id).execute()
  return id
}
const CSV_HEADER = 'id,source,nom,adresse,code_postal,commune,code_insee,latitude,longitude,pivot,date_maj'
const csvRow = (id: string, source: string | null, p: Partial<VenueData>) =>
  `${id},${source ?? ''},Point numérique,3 rue du Port,${p.code_postal},${p.commune},${p.code_insee},` +
  `${p.latitude},${p.longitude},00000000000000,2025-05-01`

/** How to call each route; routes without an entry get their `:id` filled with a fresh venue. */
const REQUESTS: Record<string, Builder> = {
  'POST /api/v1/auth/login': async (f) => ({ payload: { email: f.email, password: 'mot-de-passe-solide' } }),
  'POST /api/v1/admin/users': async () => ({
    payload: { email: `c-${randomUUID()}@example.fr`, password: 'mot-de-passe-solide', role: 'curator', territories: ['dep:33'] },
  }),
  'PATCH /api/v1/admin/users/:id': async (f) => {
    const u = await f.db
      .insertInto('users')
      .values({ email: `u-${randomUUID()}@example.fr`, password_hash: f.passwordHash, role: 'curator', territories: ['dep:33'] })
      .returning('id')
      .executeTakeFirstOrThrow()
    return { url: `/api/v1/admin/users/${u.id}`, payload: { disabled: true } }
  },
  'POST /api/v1/admin/api-keys': async () => ({
    payload: { name: 'Nouvelle clé', role: 'authority', territories: ['dep:33'], sources: ['Nouvelle source'] },
  }),
  'DELETE /api/v1/admin/api-keys/:id': async (f) => ({
    url:
      `/api/v1/admin/api-keys/` +
      `${(await createApiKey(f.db, { name: 'jetable', role: 'authority', territories: ['dep:33'], createdBy: 'test' })).id}`,
  }),
  'POST /api/v1/admin/reports/purge': async () => ({ payload: { older_than_months: 12 } }),
  // Rows carry the persona's own source, so what is tested is the territory (the source rule has its own tests).
  'POST /api/v1/imports': async (f, scenario, persona) => {
    const source = sourceOf(persona)
    const { stored, result } = PLACES[scenario]
    const id = scenario === 'inside' ? randomUUID() : (await createVenue(f.db, { ...stored, source, source_id: randomUUID() })).source_id
    return { payload: [CSV_HEADER, csvRow(id, source, result)].join('\n'), headers: { 'content-type': 'text/csv' } }
  },
  'PUT /api/v1/sources/:source/dataset': async (f, scenario, persona) => {
    const source = sourceOf(persona)
    const { stored, result } = PLACES[scenario]
    const id = scenario === 'inside' ? randomUUID() : (await createVenue(f.db, { ...stored, source, source_id: randomUUID() })).source_id
    return {
      url: `/api/v1/sources/${encodeURIComponent(source)}/dataset`,
      payload: [CSV_HEADER, csvRow(id, source, result)].join('\n'),
      headers: { 'content-type': 'text/csv' },
    }
  },
  'PATCH /api/v1/sources/:source/venues/:id': async (f, scenario) => {
    const v = await venueWithVersions(f, 1, false, PLACES[scenario].stored)
    const payload = scenario === 'inside' ? { telephone: '0556000001' } : placeBody(PLACES[scenario].result)
    return { url: `/api/v1/sources/${v.source}/venues/${v.source_id}`, headers: { 'if-match': `"${v.id}-v1"` }, payload }
  },
  'POST /api/v1/admin/sources': async () => ({
    payload: { name: `matrice-${randomUUID().slice(0, 8)}`, url: 'http://127.0.0.1:9/lieux.csv', every: '24h' },
  }),
  'GET /api/v1/imports/:id': async (f) => {
    const authority = await f.db.selectFrom('api_keys').select('id').where('name', '=', 'Gironde numérique').executeTakeFirstOrThrow()
    const row = await f.db
      .insertInto('imports')
      .values({
        source: 'x',
        actor: 'clé:Gironde numérique',
        actor_id: `apikey:${authority.id}`,
        dry_run: true,
        partial: false,
        status: 'dry_run',
        summary: '{"totals":{"rows":0,"created":0,"updated":0,"unchanged":0,"rejected":0}}',
        report: '[]',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return { url: `/api/v1/imports/${row.id}` }
  },
  'POST /api/v1/venues': async (f, scenario, persona) => {
    const body = { id: randomUUID(), nom: 'Espace numérique', adresse: '1 place Pey Berland', ...placeBody(PLACES[scenario].result) }
    if (scenario !== 'storedOutside') return { payload: body }
    // The (source, id) of a venue stored in Lyon, with a Bordeaux commune: the Paris hijack through REST.
    const existing = await createVenue(f.db, { ...LYON, source: sourceOf(persona) })
    return { payload: { ...body, source: existing.source, id: existing.source_id } }
  },
  'PATCH /api/v1/venues/:id': async (f, scenario) => {
    const v = await venueWithVersions(f, 1, false, PLACES[scenario].stored)
    const payload = scenario === 'inside' ? { telephone: '0556000001' } : placeBody(PLACES[scenario].result)
    return { url: `/api/v1/venues/${v.id}`, headers: { 'if-match': `"${v.id}-v1"` }, payload }
  },
  'DELETE /api/v1/venues/:id': async (f, scenario) => ({
    url: `/api/v1/venues/${(await venueWithVersions(f, 1, false, STAYING(scenario))).id}`,
  }),
  'POST /api/v1/venues/:id/restore': async (f, scenario) => ({
    url: `/api/v1/venues/${(await venueWithVersions(f, 1, true, STAYING(scenario))).id}/restore`,
  }),
  'POST /api/v1/venues/:id/revert': async (f, scenario) => {
    // Version 1 is where the revert leads (the result), version 2 where the venue is now (stored).
    const { stored, result } = PLACES[scenario]
    const v1 = await createVenue(f.db, result)
    const v =
      scenario === 'inside'
        ? await venueWithVersions(f, 2)
        : await updateVenue(
            f.db,
            v1.id,
            { nom: `${v1.nom} (v2)`, ...stored } as Partial<VenueData>,
            { expectedVersion: null },
            { actor: 'test', reason: 'fixture' },
          )
    return { url: `/api/v1/venues/${v.id}/revert`, headers: { 'if-match': `"${v.id}-v2"` }, payload: { version: 1 } }
  },
  'GET /api/v1/submissions/:id': async (f) => ({ url: `/api/v1/submissions/${await pendingSubmission(f)}` }),
  'POST /api/v1/submissions/:id/approve': async (f, scenario) => ({
    url: `/api/v1/submissions/${await pendingSubmission(f, scenario)}/approve`,
    payload: {},
  }),
  'POST /api/v1/submissions/:id/reject': async (f) => ({
    url: `/api/v1/submissions/${await pendingSubmission(f)}/reject`,
    payload: { reason: 'doublon' },
  }),
  'POST /api/v1/submissions/batch': async (f, scenario) => ({
    payload: { action: 'approve', ids: [await pendingSubmission(f, scenario)] },
  }),
  'POST /api/v1/venues/:id/reports': async (f) => ({
    url: `/api/v1/venues/${(await createVenue(f.db)).id}/reports`,
    payload: { message: 'Le lieu a déménagé' },
  }),
  'POST /api/v1/duplicates/:id/merge': async (f, scenario) => {
    const d = await duplicatePair(f, scenario)
    return { url: `/api/v1/duplicates/${d.id}/merge`, payload: { survivor: d.survivor } }
  },
  'POST /api/v1/duplicates/:id/dismiss': async (f) => ({ url: `/api/v1/duplicates/${(await duplicatePair(f)).id}/dismiss`, payload: {} }),
  'GET /api/v1/duplicates/jobs/latest': async (f) => {
    await duplicateJob(f, 'done')
    return {}
  },
  'GET /api/v1/duplicates/jobs/:id': async (f) => ({ url: `/api/v1/duplicates/jobs/${await duplicateJob(f, 'done')}` }),
  'POST /api/v1/duplicates/jobs/:id/cancel': async (f) => ({
    url: `/api/v1/duplicates/jobs/${await duplicateJob(f, 'running')}/cancel`,
    payload: {},
  }),
  'POST /api/v1/labels': async () => ({ payload: { slug: `label-${randomUUID().slice(0, 8)}`, nom: 'Label test' } }),
  'PATCH /api/v1/labels/:id': async (f) => ({
    url: `/api/v1/labels/${(await f.db.selectFrom('labels').select('id').where('slug', '=', 'pix').executeTakeFirstOrThrow()).id}`,
    payload: { criteria: 'Critères mis à jour' },
  }),
  'POST /api/v1/venues/:id/labels': async (f, scenario) => ({
    url: `/api/v1/venues/${(await createVenue(f.db, STAYING(scenario))).id}/labels`,
    payload: { label_id: (await f.db.selectFrom('labels').select('id').where('slug', '=', 'pix').executeTakeFirstOrThrow()).id },
  }),
  'POST /api/v1/venues/:id/labels/:award_id/renew': async (f, scenario) => {
    const a = await award(f, STAYING(scenario))
    return { url: `/api/v1/venues/${a.venueId}/labels/${a.awardId}/renew`, payload: {} }
  },
  'POST /api/v1/venues/:id/labels/:award_id/revoke': async (f, scenario) => {
    const a = await award(f, STAYING(scenario))
    return { url: `/api/v1/venues/${a.venueId}/labels/${a.awardId}/revoke`, payload: { reason: 'critères non remplis' } }
  },
  'POST /api/v1/sponsorships': async (f, scenario) => ({ payload: (await sponsorship(f, STAYING(scenario))).body }),
  'PATCH /api/v1/sponsorships/:id': async (f, scenario) => ({
    url: `/api/v1/sponsorships/${(await sponsorship(f, STAYING(scenario))).id}`,
    headers: { 'if-match': '"1"' },
    payload: { description: 'Ateliers prolongés' },
  }),
  'POST /api/v1/venues/:id/needs': async (f, scenario) => ({
    url: `/api/v1/venues/${(await createVenue(f.db, STAYING(scenario))).id}/needs`,
    payload: { kind: 'don_materiel', devices_count: 5, devices_kind: 'tablettes' },
  }),
  'PATCH /api/v1/needs/:id': async (f, scenario) => ({
    url: `/api/v1/needs/${await need(f, STAYING(scenario))}`,
    payload: { status: 'withdrawn' },
  }),
  'POST /api/v1/needs/:id/offers': async (f, scenario) => ({
    url: `/api/v1/needs/${await need(f, STAYING(scenario))}/offers`,
    payload: {},
  }),
  'POST /api/v1/sponsorships/:id/accept': async (f, scenario) => ({
    url: `/api/v1/sponsorships/${await pendingSponsorship(f, STAYING(scenario))}/accept`,
    payload: {},
  }),
  'POST /api/v1/sponsorships/:id/decline': async (f, scenario) => ({
    url: `/api/v1/sponsorships/${await pendingSponsorship(f, STAYING(scenario))}/decline`,
    payload: {},
  }),
  'DELETE /api/v1/sponsorships/:id': async (f, scenario) => ({
    url: `/api/v1/sponsorships/${(await sponsorship(f, STAYING(scenario))).id}`,
  }),
  'POST /api/v1/sponsorships/:id/outcome': async (f, scenario) => ({
    url: `/api/v1/sponsorships/${await endedEmploiAvenir(f, STAYING(scenario))}/outcome`,
    payload: { outcome: 'autre_emploi' },
  }),
  'POST /api/v1/job-offers': async (f) => ({ payload: (await jobOffer(f)).body }),
  'PATCH /api/v1/job-offers/:id': async (f) => ({
    url: `/api/v1/job-offers/${(await jobOffer(f)).id}`,
    headers: { 'if-match': '"1"' },
    payload: { titre: 'Technicien·ne support' },
  }),
  'DELETE /api/v1/job-offers/:id': async (f) => ({ url: `/api/v1/job-offers/${(await jobOffer(f)).id}` }),
  'POST /api/v1/committees/meetings': async () => ({ payload: { committee: 'gouvernance', held_on: '2026-03-12' } }),
  'PATCH /api/v1/committees/meetings/:id': async (f) => {
    const id = await meeting(f)
    return { url: `/api/v1/committees/meetings/${id}`, headers: { 'if-match': `"${id}-v1"` }, payload: { minutes: 'Compte rendu' } }
  },
  'POST /api/v1/committees/meetings/:id/validate': async (f) => ({ url: `/api/v1/committees/meetings/${await meeting(f)}/validate` }),
  'POST /api/v1/governance/criteria': async () => ({
    payload: { adopted_on: '2026-03-12', criteria: [{ code: 'horaires', libelle: 'Horaires connus', mesure: 'horaires' }] },
  }),
}

/** Everything a venue write can change (versions, proposals, label awards, sponsorships): equal before and after a refusal. */
async function venueState(db: Kysely<Database>): Promise<string> {
  const versions = await db
    .selectFrom('venue_versions')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow()
  const proposals = await db
    .selectFrom('submissions')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('kind', '<>', 'report')
    .executeTakeFirstOrThrow()
  const awards = await db.selectFrom('venue_labels').select(['id', 'venue_id', 'expires_on', 'revoked_on']).orderBy('id').execute()
  const sponsorships = await db
    .selectFrom('sponsorship_versions')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow()
  const needs = await db.selectFrom('venue_needs').select(['id', 'venue_id', 'status', 'updated_at']).orderBy('id').execute()
  return JSON.stringify({
    versions: Number(versions.n),
    proposals: Number(proposals.n),
    awards,
    sponsorships: Number(sponsorships.n),
    needs,
  })
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
    await ctx.database.db
      .insertInto('users')
      .values({ email, password_hash: passwordHash, role: 'curator', territories: ['dep:33'] })
      .execute()
    const company = await insertCompany(ctx.database.db, 'Entreprise du représentant', { latitude: 44.84, longitude: -0.58 })
    const sessionUsers = {
      company: await partnerUser(ctx.database.db, 'company', company),
      cinov: await partnerUser(ctx.database.db, 'cinov'),
    }
    fixture = { db: ctx.database.db, keys, passwordHash, email, sessionUsers }
  })

  it('has a rule (config.access) on every route and an expected line for every route that is not a public GET', () => {
    const { routes, missingRule } = routesUnderTest(ctx.app.routeTable)
    expect(missingRule, `routes without config.access: ${missingRule.join(', ')}`).toEqual([])
    const missing = routes.filter((r) => !(r in EXPECTED))
    expect(
      missing,
      `No authorisation rule for ${missing.map((m) => `"${m}"`).join(', ')}: add a line to EXPECTED in ` +
        `tests/api/authorization-matrix.test.ts`,
    ).toEqual([])
    const stale = Object.keys(EXPECTED).filter((r) => !routes.includes(r))
    expect(stale, `EXPECTED lists routes that no longer exist: ${stale.join(', ')}`).toEqual([])
    expect(routes.length).toBeGreaterThanOrEqual(35)
  })

  // About 450 calls and their fixtures: PGlite on a busy machine needs minutes.
  it('answers each persona on each route, in each situation, with the expected status, and a refusal changes nothing', {
    timeout: 600_000,
  }, async () => {
    const { routes } = routesUnderTest(ctx.app.routeTable)
    const mismatches: string[] = []
    let ip = 1
    for (const route of routes) {
      const expected = EXPECTED[route]
      if (!expected) continue
      const [method, url] = route.split(' ')
      for (const scenario of isVenueWrite(expected) ? SCENARIOS : (['inside'] as const)) {
        const row = isVenueWrite(expected) ? expected[scenario] : expected
        for (const [i, persona] of PERSONAS.entries()) {
          const request = await (REQUESTS[route] ?? ((f: Fixture) => defaultRequest(f, url)))(fixture, scenario, persona)
          const before = await venueState(fixture.db)
          const remoteAddress = `198.51.100.${ip++ % 250}`
          const user = fixture.sessionUsers[persona]
          const auth = user ? await sessionHeaders(ctx.app, user, remoteAddress) : bearer(fixture.keys[persona])
          const res = await ctx.app.inject({
            method: method as 'POST',
            url: request.url ?? url,
            payload: request.payload as string,
            headers: { ...auth, ...request.headers },
            remoteAddress,
          })
          const want = row[i]
          const where = `${route} [${scenario}] as ${persona}`
          const ok = want === PASS ? res.statusCode !== 401 && res.statusCode !== 403 : res.statusCode === want
          if (!ok) mismatches.push(`${where}: expected ${want}, got ${res.statusCode} ${res.body.slice(0, 160)}`)
          const changed = (await venueState(fixture.db)) !== before
          if (changed && [401, 403, 422].includes(res.statusCode))
            mismatches.push(`${where}: refused with ${res.statusCode} but venues changed`)
          if (changed && !isVenueWrite(expected))
            mismatches.push(`${where}: changes venues: give it inside/storedOutside/resultOutside lines in EXPECTED`)
        }
      }
    }
    expect(mismatches).toEqual([])
  })

  // Territorial officers' accounts (role authority on a user): their session must get, on every route that changes
  // a venue, exactly what their territory's authority key gets, derived from its column so new routes are covered.
  it('gives an officer’s session (authority account of Gironde) the answers of its territory’s authority key on every venue write', {
    timeout: 600_000,
  }, async () => {
    await fixture.db
      .insertInto('users')
      .values({ email: 'agent-matrice@example.fr', password_hash: fixture.passwordHash, role: 'authority', territories: ['dep:33'] })
      .execute()
    const login = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'agent-matrice@example.fr', password: 'mot-de-passe-solide' },
      remoteAddress: '198.51.100.251',
    })
    expect(login.statusCode).toBe(200)
    const cookie = String([login.headers['set-cookie']].flat().find((c) => String(c).startsWith('maillage_session='))).split(';')[0]
    const session = { cookie, 'x-csrf-token': login.json().csrf_token as string }
    const own = PERSONAS.indexOf('authorityOwn')
    // An account is bound to no producer source: whole files (imports, dataset syncs) are refused (403) before any
    // row is read, as for an unbound key; its edits go through the editor, one venue at a time.
    const refused = { inside: 403, storedOutside: 403, resultOutside: 403 }
    const UNBOUND: Record<string, Partial<Record<Scenario, Expected>>> = {
      'POST /api/v1/imports': refused,
      'PUT /api/v1/sources/:source/dataset': refused,
    }
    const { routes } = routesUnderTest(ctx.app.routeTable)
    const mismatches: string[] = []
    let calls = 0
    for (const route of routes) {
      const expected = EXPECTED[route]
      if (!expected || !isVenueWrite(expected)) continue
      const [method, url] = route.split(' ')
      for (const scenario of SCENARIOS) {
        const want = UNBOUND[route]?.[scenario] ?? expected[scenario][own]
        const request = await (REQUESTS[route] ?? ((f: Fixture) => defaultRequest(f, url)))(fixture, scenario, 'authorityOwn')
        const before = await venueState(fixture.db)
        const res = await ctx.app.inject({
          method: method as 'POST',
          url: request.url ?? url,
          payload: request.payload as string,
          headers: { ...session, ...request.headers },
          remoteAddress: '198.51.100.252',
        })
        calls++
        const where = `${route} [${scenario}] as an officer's session`
        const ok = want === PASS ? res.statusCode !== 401 && res.statusCode !== 403 : res.statusCode === want
        if (!ok) mismatches.push(`${where}: expected ${want}, got ${res.statusCode} ${res.body.slice(0, 160)}`)
        if ((await venueState(fixture.db)) !== before && [401, 403, 422].includes(res.statusCode))
          mismatches.push(`${where}: refused with ${res.statusCode} but venues changed`)
      }
    }
    expect(mismatches).toEqual([])
    expect(calls).toBeGreaterThanOrEqual(30)
  })
})
