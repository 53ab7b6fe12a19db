// Least exposure: an authority key reads venue history without curators' e-mails, /admin cannot be framed,
// and write routes answer CORS only for the origins of CORS_ORIGINS while public reads stay `*`.
import { beforeAll, expect, it } from 'vitest'
import { createUser } from '../../db/auth/users.ts'
import { updateVenue } from '../../db/venue-store.ts'
import { describeEachApp } from '../helpers/databases.ts'
import { bearer, createPersonaKeys, createVenue, type Persona } from '../api/curation/curation-fixtures.ts'

const ALLOWED = 'https://carte.gironde.fr'

describeEachApp(
  'least exposure',
  (ctx) => {
    let keys: Record<Persona, string | null>
    beforeAll(async () => {
      keys = await createPersonaKeys(ctx.database.db)
      await createUser(ctx.database.db, {
        email: 'curatrice@example.fr',
        password: 'un mot de passe long',
        role: 'curator',
        territories: ['dep:33'],
        createdBy: 'test',
      })
      await createUser(ctx.database.db, {
        email: 'chef@example.fr',
        password: 'un mot de passe long',
        role: 'admin',
        territories: [],
        createdBy: 'test',
      })
    })

    it('shows an authority key the role and territory of curators in venue history, never their e-mail', async () => {
      let venue = await createVenue(ctx.database.db)
      venue = await updateVenue(
        ctx.database.db,
        venue.id,
        { telephone: '0556000000' },
        { expectedVersion: null },
        { actor: 'utilisateur:curatrice@example.fr', reason: 'appel du lieu' },
      )
      await updateVenue(
        ctx.database.db,
        venue.id,
        { telephone: '0556000001' },
        { expectedVersion: null },
        { actor: 'utilisateur:chef@example.fr', reason: 'corrigé après utilisateur:curatrice@example.fr' },
      )
      const asAuthority = await ctx.app.inject({ url: `/api/v1/venues/${venue.id}/history`, headers: bearer(keys.authorityOwn) })
      expect(asAuthority.statusCode).toBe(200)
      const items = asAuthority.json().items as { version: number; changed_by: string; reason: string }[]
      expect(items.map((i) => i.changed_by)).toEqual(['administrateur', 'curateur (dep:33)', 'test'])
      expect(items[0].reason).toBe('corrigé après curateur (dep:33)')
      expect(asAuthority.body).not.toContain('@example.fr')
      // Curators and admins still see who did what.
      const asCurator = await ctx.app.inject({ url: `/api/v1/venues/${venue.id}/history`, headers: bearer(keys.curatorOwn) })
      expect(asCurator.json().items[1].changed_by).toBe('utilisateur:curatrice@example.fr')
    })

    it('forbids framing /admin and /territoire but keeps public pages framable', async () => {
      for (const url of ['/admin/', '/admin', '/admin/index.html', '/territoire/', '/territoire']) {
        const res = await ctx.app.inject({ url })
        expect(res.headers['content-security-policy'], url).toMatch(/frame-ancestors 'none'/)
        expect(res.headers['x-frame-options'], url).toBe('DENY')
      }
      const publicPage = await ctx.app.inject({ url: '/api/v1/labels' })
      expect(publicPage.headers['content-security-policy']).toMatch(/frame-ancestors \*/)
    })

    it('answers CORS on write routes only for configured origins; reads stay open to all', async () => {
      const preflight = (origin: string, method: string) =>
        ctx.app.inject({
          method: 'OPTIONS',
          url: '/api/v1/venues',
          headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': 'authorization,content-type' },
        })
      const evil = await preflight('https://evil.example', 'POST')
      expect(evil.headers['access-control-allow-origin']).toBeUndefined()
      const allowed = await preflight(ALLOWED, 'POST')
      expect(allowed.statusCode).toBe(204)
      expect(allowed.headers['access-control-allow-origin']).toBe(ALLOWED)
      expect(String(allowed.headers['access-control-allow-methods'])).toMatch(/POST/)
      expect(String(allowed.headers['access-control-allow-headers'])).toMatch(/Authorization/i)
      expect(allowed.headers.vary).toMatch(/Origin/i)
      // The actual write: no CORS header for a foreign origin (the browser hides the answer from that page).
      const write = (origin: string) =>
        ctx.app.inject({
          method: 'PATCH',
          url: '/api/v1/venues/00000000-0000-0000-0000-000000000000',
          headers: { origin, ...bearer(keys.admin), 'if-match': '"x"' },
          payload: {},
        })
      expect((await write('https://evil.example')).headers['access-control-allow-origin']).toBeUndefined()
      expect((await write(ALLOWED)).headers['access-control-allow-origin']).toBe(ALLOWED)
      // Reads, and their preflights, are public.
      const read = await ctx.app.inject({ url: '/api/v1/venues?limit=1', headers: { origin: 'https://evil.example' } })
      expect(read.headers['access-control-allow-origin']).toBe('*')
      expect((await preflight('https://evil.example', 'GET')).headers['access-control-allow-origin']).toBe('*')
    })
  },
  { corsOrigins: [ALLOWED] },
)

describeEachApp('CORS without CORS_ORIGINS', (ctx) => {
  it('answers no write preflight at all', async () => {
    const res = await ctx.app.inject({
      method: 'OPTIONS',
      url: '/api/v1/imports',
      headers: { origin: ALLOWED, 'access-control-request-method': 'POST' },
    })
    expect(res.headers['access-control-allow-origin']).toBeUndefined()
    expect((await ctx.app.inject({ url: '/api/v1/labels', headers: { origin: ALLOWED } })).headers['access-control-allow-origin']).toBe('*')
  })
})
