// The admin session against classic attacks: CSRF on session writes, session fixation, login brute force,
// and API keys compared in constant time (hashes + crypto.timingSafeEqual), never with `===`.
import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { createApiKey, verifyApiKey } from '../../db/auth/api-keys.ts'
import { createUser, MAX_FAILED_LOGINS } from '../../db/auth/users.ts'
import { describeEachApp } from '../helpers/databases.ts'

const PASSWORD = 'correct horse battery staple'

function cookieOf(res: { headers: Record<string, unknown> }): string | null {
  const raw = res.headers['set-cookie']
  const list = Array.isArray(raw) ? raw : raw ? [String(raw)] : []
  const session = list.find((c) => c.startsWith('maillage_session='))
  return session ? session.split(';')[0] : null
}

describeEachApp('admin session security', (ctx) => {
  beforeAll(async () => {
    await createUser(ctx.database.db, { email: 'admin@example.fr', password: PASSWORD, role: 'admin', territories: [], createdBy: 'test' })
    await createUser(ctx.database.db, {
      email: 'cible@example.fr',
      password: PASSWORD,
      role: 'curator',
      territories: ['dep:33'],
      createdBy: 'test',
    })
  })

  const login = (email: string, password: string, cookie?: string) =>
    ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password },
      headers: cookie ? { cookie } : {},
      remoteAddress: '10.9.8.7',
    })

  it('refuses session writes without a valid CSRF token (403), accepts them with it', async () => {
    const res = await login('admin@example.fr', PASSWORD)
    expect(res.statusCode).toBe(200)
    const cookie = cookieOf(res)!
    const token = res.json().csrf_token as string
    expect(cookie).toBeTruthy()
    expect(token.length).toBeGreaterThan(10)
    const write = (headers: Record<string, string>) =>
      ctx.app.inject({
        method: 'POST',
        url: '/api/v1/labels',
        headers: { cookie, ...headers },
        payload: { slug: `csrf-${Math.random().toString(36).slice(2, 8)}`, nom: 'Label CSRF', issuer: 'test' },
      })
    const attempts: Record<string, string>[] = [{}, { 'x-csrf-token': 'forged' }, { 'x-csrf-token': token.slice(0, -2) + 'xx' }]
    for (const headers of attempts) {
      const refused = await write(headers)
      expect(refused.statusCode, JSON.stringify(headers)).toBe(403)
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/)
    }
    const accepted = await write({ 'x-csrf-token': token })
    expect(accepted.statusCode).not.toBe(403)
    expect(accepted.statusCode).toBeLessThan(500)
    // Reads need no token.
    expect((await ctx.app.inject({ url: '/api/v1/auth/me', headers: { cookie } })).statusCode).toBe(200)
  })

  it('issues a new session at login: a cookie planted before login never becomes authenticated', async () => {
    // The attacker's cookie: whatever the server hands an anonymous visitor (or an arbitrary value).
    const anonymous = await ctx.app.inject('/api/v1/auth/csrf')
    const planted = cookieOf(anonymous) ?? 'maillage_session=attacker-chosen-value'
    const res = await login('admin@example.fr', PASSWORD, planted)
    expect(res.statusCode).toBe(200)
    const fresh = cookieOf(res)!
    expect(fresh).not.toBe(planted)
    expect((await ctx.app.inject({ url: '/api/v1/auth/me', headers: { cookie: planted } })).statusCode).toBe(401)
    expect((await ctx.app.inject({ url: '/api/v1/auth/me', headers: { cookie: fresh } })).json().caller.label).toBe(
      'utilisateur:admin@example.fr',
    )
    // Cookie flags: not readable by scripts, not sent cross-site.
    const flags = String([res.headers['set-cookie']].flat().find((c) => String(c).startsWith('maillage_session=')))
    expect(flags).toMatch(/HttpOnly/i)
    expect(flags).toMatch(/SameSite=Strict/i)
  })

  it(`slows then locks an account after ${MAX_FAILED_LOGINS} failed logins, even for the right password`, async () => {
    const started = Date.now()
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) {
      const res = await login('cible@example.fr', `wrong-${i}`)
      expect(res.statusCode).toBe(401)
      expect(res.json().detail).toBe('Adresse ou mot de passe incorrect.')
    }
    expect(Date.now() - started).toBeGreaterThan(700) // failures from the third on are delayed
    const locked = await login('cible@example.fr', PASSWORD)
    expect(locked.statusCode).toBe(429)
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(60)
    expect(cookieOf(locked)).toBeNull()
    // An unknown address answers exactly like a wrong password (no account enumeration).
    const unknown = await login('personne@example.fr', 'whatever')
    expect(unknown.statusCode).toBe(401)
    expect(unknown.json().detail).toBe('Adresse ou mot de passe incorrect.')
  })
})

describeEachApp('API key verification', (ctx) => {
  it('accepts only the exact key: any altered character, length or prefix is refused', async () => {
    const created = await createApiKey(ctx.database.db, { name: 'Clé test', role: 'authority', territories: ['dep:33'], createdBy: 'test' })
    expect(await verifyApiKey(ctx.database.db, created.key)).toMatchObject({ id: created.id })
    await fc.assert(
      fc.asyncProperty(
        fc.nat(created.key.length - 1),
        fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_'),
        async (at, char) => {
          fc.pre(created.key[at] !== char)
          const altered = created.key.slice(0, at) + char + created.key.slice(at + 1)
          expect(await verifyApiKey(ctx.database.db, altered)).toBeNull()
        },
      ),
      { numRuns: 40, seed: 7 },
    )
    for (const bad of [created.key + 'x', created.key.slice(0, -1), '', 'mlg_', created.key.toUpperCase()]) {
      expect(await verifyApiKey(ctx.database.db, bad)).toBeNull()
    }
    // Alter the last character to something it is not (a fixed 'A' would leave 1 key in 64 unchanged).
    const last = created.key.at(-1) === 'A' ? 'B' : 'A'
    const res = await ctx.app.inject({ url: '/api/v1/auth/me', headers: { authorization: `Bearer ${created.key.slice(0, -1)}${last}` } })
    expect(res.statusCode).toBe(401)
  })
})

describe('constant-time comparison (code level)', () => {
  it('compares API key hashes with crypto.timingSafeEqual, never with ===', () => {
    const source = readFileSync(new URL('../../db/auth/api-keys.ts', import.meta.url), 'utf8')
    expect(source).toMatch(/import\s*\{[^}]*timingSafeEqual[^}]*\}\s*from\s*'node:crypto'/)
    const verify = source.slice(source.indexOf('export async function verifyApiKey'))
    const body = verify.slice(0, verify.indexOf('\n}\n'))
    // The presented secret is hashed, then compared as fixed-length buffers in constant time.
    expect(body).toMatch(/hashSecret\(secret\)/)
    expect(body).toMatch(/timingSafeEqual\(presented, stored\)/)
    expect(body).not.toMatch(/key_hash\s*===|===\s*row\.key_hash|hashSecret\([^)]*\)\s*===/)
  })

  it('verifies passwords with argon2 and burns the same time for unknown accounts', () => {
    const source = readFileSync(new URL('../../api/auth/login.ts', import.meta.url), 'utf8')
    expect(source).toMatch(/argon2\.verify\(/)
    expect(source).toMatch(
      /user \? await argon2\.verify\(user\.password_hash, body\.password\) : await verifyAgainstDummy\(body\.password\)/,
    )
    expect(source).not.toMatch(/password_hash\s*===|===\s*user\.password_hash/)
  })
})
