// The account roles of issue 16 in the authorisation matrix (both databases): a State representative (`state`),
// the CINOV-IT referent (`cinov`) and a member company's representative (`company`), each logged in with a real
// session, are called on every route that is not a public GET. Each is refused (403) everywhere except where the
// line below lets it through; a route missing here is refused for them, so a new right must be written down.
import { randomUUID } from 'node:crypto'
import { beforeAll, expect, it } from 'vitest'
import { describeEachApp } from '../../helpers/databases.ts'
import { sessionFor } from '../session-fixtures.ts'

const PERSONAS = ['state', 'cinov', 'company'] as const
type Persona = (typeof PERSONAS)[number]
const PASS = 'pass'

/** Routes some of these roles get past authorisation on (PASS); every other route answers them 403. */
const ALLOWED: Record<string, Persona[]> = {
  // Anyone may log in, out, protect their account with a second factor, or report an error on a venue.
  'POST /api/v1/auth/login': ['state', 'cinov', 'company'],
  'POST /api/v1/auth/totp': ['state', 'cinov', 'company'],
  'POST /api/v1/auth/totp/confirm': ['state', 'cinov', 'company'],
  'POST /api/v1/auth/totp/disable': ['state', 'cinov', 'company'],
  'POST /api/v1/auth/logout': ['state', 'cinov', 'company'],
  'POST /api/v1/venues/:id/reports': ['state', 'cinov', 'company'],
  'POST /lieux/:id/signaler': ['state', 'cinov', 'company'],
  // The two parties of the agreement validate committee minutes.
  'POST /api/v1/committees/meetings/:id/validate': ['state', 'cinov'],
  // The CINOV-IT referent follows members' emplois d'avenir.
  'GET /api/v1/emplois-avenir/echeances': ['cinov'],
  // A company account publishes its own job offers.
  'POST /api/v1/job-offers': ['company'],
  'PATCH /api/v1/job-offers/:id': ['company'],
  'DELETE /api/v1/job-offers/:id': ['company'],
  // Partners (tests/api/sponsors/partners.test.ts): a company edits its own page, declares its sponsorships and offers help;
  // the CINOV-IT referent confirms membership and proposals and follows the members' activity.
  // (A company edits only its own page: on the random company id called here it is refused, 403.)
  'PATCH /api/v1/companies/:id': ['cinov'],
  'POST /api/v1/sponsorships': ['company'],
  'POST /api/v1/needs/:id/offers': ['company'],
  'POST /api/v1/sponsorships/:id/accept': ['cinov'],
  'POST /api/v1/sponsorships/:id/decline': ['cinov'],
  'GET /api/v1/partners/activity': ['cinov'],
}

describeEachApp('authorisation matrix: state, cinov and company accounts', (ctx) => {
  const sessions = {} as Record<Persona, Record<string, string>>
  let companyId = ''

  beforeAll(async () => {
    companyId = (
      await ctx.database.db
        .insertInto('companies')
        .values({ siret: '73282932000074', nom: 'Entreprise adhérente' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
    sessions.state = await sessionFor(ctx.app, 'state')
    sessions.cinov = await sessionFor(ctx.app, 'cinov')
    sessions.company = await sessionFor(ctx.app, 'company', { companyId })
  })

  it('refuses each role everywhere but where it is allowed', { timeout: 300_000 }, async () => {
    const routes = [
      ...new Set(
        ctx.app.routeTable
          .filter((r) => r.method !== 'HEAD' && r.method !== 'OPTIONS')
          .filter((r) => !(r.method === 'GET' && (r.access === 'public' || (r.access === undefined && !r.url.startsWith('/api/')))))
          .map((r) => `${r.method} ${r.url}`),
      ),
    ].sort()
    expect(routes.length).toBeGreaterThan(40)
    const stale = Object.keys(ALLOWED).filter((r) => !routes.includes(r))
    expect(stale, 'ALLOWED names routes that do not exist').toEqual([])
    const mismatches: string[] = []
    let ip = 1
    for (const route of routes) {
      const [method, url] = route.split(' ')
      for (const persona of PERSONAS) {
        // Logging out ends the session: that call gets a session of its own.
        const headers =
          route === 'POST /api/v1/auth/logout'
            ? await sessionFor(ctx.app, persona, persona === 'company' ? { companyId } : {})
            : sessions[persona]
        const res = await ctx.app.inject({
          method: method as 'POST',
          url: url.replace(/:id\b/g, randomUUID()).replace(/:[a-z_]+/g, 'x'),
          payload: {},
          headers,
          remoteAddress: `203.0.113.${ip++ % 250}`,
        })
        const want = ALLOWED[route]?.includes(persona) ? PASS : 403
        const ok = want === PASS ? res.statusCode !== 401 && res.statusCode !== 403 : res.statusCode === 403
        if (!ok) mismatches.push(`${route} as ${persona}: expected ${want}, got ${res.statusCode} ${res.body.slice(0, 120)}`)
      }
    }
    expect(mismatches).toEqual([])
  })
})
