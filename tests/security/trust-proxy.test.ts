// Rate limits that cannot be spoofed: X-Forwarded-For is believed only from the proxies TRUST_PROXY names
// (none by default), so rotating it buys no extra budget; actors written to the audit log are sanitised.
import { describe, expect, it } from 'vitest'
import { readConfig } from '../../api/config.ts'
import { appendAudit, sanitizeActor } from '../../db/audit.ts'
import { createApiKey } from '../../db/auth/api-keys.ts'
import { createUser } from '../../db/auth/users.ts'
import { describeEachApp } from '../helpers/databases.ts'

const MAX = 6

type Ctx = { app: { inject: (o: object) => Promise<{ statusCode: number; json: () => any }> } }
/** How many requests pass before the first 429 (MAX + 2 tries at most). */
async function budget(ctx: Ctx, remoteAddress: string, forwarded: (i: number) => string | undefined): Promise<number> {
  for (let i = 0; i < MAX + 2; i++) {
    const xff = forwarded(i)
    const res = await ctx.app.inject({ url: '/api/v1/labels', remoteAddress, headers: xff ? { 'x-forwarded-for': xff } : {} })
    if (res.statusCode === 429) return i
    expect(res.statusCode).toBe(200)
  }
  return Infinity
}

describeEachApp(
  'rate limit without TRUST_PROXY',
  (ctx) => {
    it('gives a client rotating X-Forwarded-For no more budget than one that does not send it', async () => {
      const plain = await budget(ctx, '203.0.113.1', () => undefined)
      const rotating = await budget(ctx, '203.0.113.2', (i) => `198.51.100.${i + 1}`)
      expect(plain).toBe(MAX)
      expect(rotating).toBe(MAX)
    })

    it('ignores X-Forwarded-Proto from an untrusted peer', async () => {
      const res = await ctx.app.inject({ url: '/api/v1/auth/me', remoteAddress: '203.0.113.3', headers: { 'x-forwarded-proto': 'https' } })
      expect(res.statusCode).toBe(401)
    })

    it('strips control characters and leading formula characters from audit actors', async () => {
      const key = await createApiKey(ctx.database.db, {
        name: 'Gironde\r\nauth.login ok\u202e',
        role: 'admin',
        territories: [],
        createdBy: '=HYPERLINK("http://evil")',
      })
      const created = await ctx.app.inject({
        method: 'POST',
        url: '/api/v1/labels',
        remoteAddress: '203.0.113.4',
        headers: { authorization: `Bearer ${key.key}` },
        payload: { slug: 'label-audit', nom: 'Label audit' },
      })
      expect(created.statusCode).toBe(201)
      await appendAudit(ctx.database.db, { actor: '@SUM(1)\u0007', action: 'test.actor', entity: 'test' })
      const actors = (await ctx.database.db.selectFrom('audit_log').select('actor').execute()).map((r) => r.actor)
      expect(actors).toContain('clé:Gironde auth.login ok')
      expect(actors).toContain('\'=HYPERLINK("http://evil")')
      expect(actors).toContain("'@SUM(1)")
      for (const actor of actors) {
        expect(actor).not.toMatch(/^[=+\-@]|[\u0000-\u001f\u007f]/)
      }
    })
  },
  { rateLimitMax: MAX },
)

describeEachApp(
  'rate limit behind one trusted proxy (TRUST_PROXY=1)',
  (ctx) => {
    it('counts the address the proxy saw, whatever the client prepends', async () => {
      const proxied = await budget(ctx, '127.0.0.1', (i) => `10.0.${i}.1, 192.0.2.10`)
      expect(proxied).toBe(MAX)
      // Another visitor behind the same proxy has their own budget.
      expect(await budget(ctx, '127.0.0.1', () => '192.0.2.11')).toBe(MAX)
    })

    it('marks the session cookie Secure when the trusted proxy says the request came over HTTPS', async () => {
      await createUser(ctx.database.db, {
        email: 'https@example.fr',
        password: 'un mot de passe long',
        role: 'admin',
        territories: [],
        createdBy: 'test',
      })
      const login = (proto: string | undefined, remoteAddress: string) =>
        ctx.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          remoteAddress,
          headers: { 'x-forwarded-for': '192.0.2.30', ...(proto ? { 'x-forwarded-proto': proto } : {}) },
          payload: { email: 'https@example.fr', password: 'un mot de passe long' },
        })
      const session = (res: { headers: Record<string, unknown> }) =>
        String([res.headers['set-cookie']].flat().find((c) => String(c).startsWith('maillage_session=')))
      const https = await login('https', '127.0.0.1')
      expect(https.statusCode).toBe(200)
      expect(session(https)).toMatch(/;\s*Secure/i)
      expect(session(await login(undefined, '127.0.0.1'))).not.toMatch(/Secure/i)
    })
  },
  { trustProxy: 1, rateLimitMax: MAX },
)

describeEachApp(
  'rate limit with TRUST_PROXY as addresses',
  (ctx) => {
    it('believes X-Forwarded-For from the listed proxy only', async () => {
      expect(await budget(ctx, '10.1.2.3', () => '192.0.2.20')).toBe(MAX)
      // The same forwarded address from a peer that is not the proxy is not believed: that peer's own budget.
      expect(await budget(ctx, '203.0.113.50', () => '192.0.2.21')).toBe(MAX)
      expect(await budget(ctx, '203.0.113.51', (i) => `192.0.2.${100 + i}`)).toBe(MAX)
    })
  },
  { trustProxy: ['10.0.0.0/8'], rateLimitMax: MAX },
)

describe('TRUST_PROXY and CORS_ORIGINS parsing', () => {
  const read = (env: Record<string, string>) => readConfig({ SEED: 'none', ...env } as NodeJS.ProcessEnv)
  it('reads hops or addresses, refuses "true" and garbage with a French message', () => {
    expect(read({}).trustProxy).toBe(false)
    expect(read({ TRUST_PROXY: '0' }).trustProxy).toBe(false)
    expect(read({ TRUST_PROXY: '2' }).trustProxy).toBe(2)
    expect(read({ TRUST_PROXY: '10.0.0.0/8, ::1,loopback' }).trustProxy).toEqual(['10.0.0.0/8', '::1', 'loopback'])
    for (const bad of ['true', 'abc', '10.0.0.0/x', '-1', '300.1.1.1']) {
      expect(() => read({ TRUST_PROXY: bad }), bad).toThrow(/TRUST_PROXY doit être un nombre de relais/)
    }
  })
  it('reads CORS origins as a comma list', () => {
    expect(read({}).corsOrigins).toEqual([])
    expect(read({ CORS_ORIGINS: 'https://a.example, http://localhost:5173/' }).corsOrigins).toEqual([
      'https://a.example',
      'http://localhost:5173',
    ])
    expect(() => read({ CORS_ORIGINS: '*' })).toThrow(/CORS_ORIGINS/)
  })
  it('quotes formula characters and drops control characters', () => {
    expect(sanitizeActor('=1+1')).toBe("'=1+1")
    expect(sanitizeActor('-2')).toBe("'-2")
    expect(sanitizeActor('a\tb\nc')).toBe('a b c')
    expect(sanitizeActor('utilisateur:alice@example.fr')).toBe('utilisateur:alice@example.fr')
  })
})
