// Accounts and API keys: hashed keys shown once and revocable, argon2id logins with a CSRF-protected session,
// slowdown then lockout, and the `maillage user|apikey create` commands.
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { beforeAll, expect, it } from 'vitest'
import { hashSecret } from '../../../db/auth/api-keys.ts'
import { createUser, MAX_FAILED_LOGINS } from '../../../db/auth/users.ts'
import { describeEachApp } from '../../helpers/databases.ts'
import { bearer, createPersonaKeys, createVenue, type Persona } from '../curation/curation-fixtures.ts'

const run = promisify(execFile)

function cookieOf(setCookie: string | string[] | undefined): string {
  const value = [setCookie ?? []].flat().find((c) => c.startsWith('maillage_session='))
  if (!value) throw new Error('no session cookie')
  return value.split(';')[0]
}

describeEachApp('auth: API keys and sessions', (ctx) => {
  let keys: Record<Persona, string | null>
  beforeAll(async () => {
    keys = await createPersonaKeys(ctx.database.db)
    await createUser(ctx.database.db, {
      email: 'Curatrice@Example.fr',
      password: 'correct horse battery',
      role: 'curator',
      territories: ['dep:33'],
      createdBy: 'test',
    })
  })

  it('creates a key shown once, stores only its hash, tracks its last use and revokes it', async () => {
    const created = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/admin/api-keys',
      headers: bearer(keys.admin),
      payload: { name: 'Métropole de Lyon', role: 'authority', territories: ['dep:69'] },
    })
    expect(created.statusCode).toBe(201)
    const { key, id, prefix } = created.json()
    expect(key).toMatch(/^mlg_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/)
    const stored = await ctx.database.db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    expect(stored.key_hash).toBe(hashSecret(key.split('_').slice(2).join('_')))
    expect(JSON.stringify(stored)).not.toContain(key.slice(17))
    expect(stored.last_used_at).toBeNull()
    const listed = (await ctx.app.inject({ url: '/api/v1/admin/api-keys', headers: bearer(keys.admin) })).json().items
    expect(listed.find((k: { id: string }) => k.id === id)).toMatchObject({ prefix, name: 'Métropole de Lyon' })
    expect(JSON.stringify(listed)).not.toContain(key)

    const me = await ctx.app.inject({ url: '/api/v1/auth/me', headers: bearer(key) })
    expect(me.json().caller).toMatchObject({ kind: 'apikey', role: 'authority', territories: ['dep:69'], label: 'clé:Métropole de Lyon' })
    expect(
      (await ctx.database.db.selectFrom('api_keys').select('last_used_at').where('id', '=', id).executeTakeFirstOrThrow()).last_used_at,
    ).not.toBeNull()

    const wrongSecret = key.slice(0, -4) + (key.endsWith('AAAA') ? 'BBBB' : 'AAAA')
    expect((await ctx.app.inject({ url: '/api/v1/auth/me', headers: bearer(wrongSecret) })).statusCode).toBe(401)
    expect((await ctx.app.inject({ url: '/api/v1/auth/me', headers: bearer('n-importe-quoi') })).statusCode).toBe(401)
    expect((await ctx.app.inject({ method: 'DELETE', url: `/api/v1/admin/api-keys/${id}`, headers: bearer(keys.admin) })).statusCode).toBe(
      204,
    )
    const revoked = await ctx.app.inject({ url: '/api/v1/venues', headers: bearer(key) })
    expect(revoked.statusCode).toBe(401)
    expect(revoked.json().detail).toMatch(/révoquée/)
  })

  it('logs in with argon2id, sets a strict httpOnly session cookie, and needs the CSRF token to write', async () => {
    const stored = await ctx.database.db
      .selectFrom('users')
      .select('password_hash')
      .where('email', '=', 'curatrice@example.fr')
      .executeTakeFirstOrThrow()
    expect(stored.password_hash).toMatch(/^\$argon2id\$/)
    const login = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'curatrice@example.fr', password: 'correct horse battery' },
    })
    expect(login.statusCode).toBe(200)
    const setCookie = String([login.headers['set-cookie']].flat().find((c) => String(c).startsWith('maillage_session=')))
    expect(setCookie).toMatch(/HttpOnly/i)
    expect(setCookie).toMatch(/SameSite=Strict/i)
    const cookie = cookieOf(login.headers['set-cookie'] as string[])
    const { csrf_token: csrf, caller } = login.json()
    expect(caller).toMatchObject({ kind: 'session', role: 'curator', label: 'utilisateur:curatrice@example.fr' })

    const venue = await createVenue(ctx.database.db)
    const patch = (headers: Record<string, string>) =>
      ctx.app.inject({
        method: 'PATCH',
        url: `/api/v1/venues/${venue.id}`,
        headers: { cookie, 'if-match': `"${venue.id}-v1"`, ...headers },
        payload: { telephone: '0556444444' },
      })
    const withoutToken = await patch({})
    expect(withoutToken.statusCode).toBe(403)
    expect(withoutToken.json().detail).toMatch(/Jeton CSRF manquant/)
    expect((await patch({ 'x-csrf-token': 'faux-jeton' })).statusCode).toBe(403)
    const withToken = await patch({ 'x-csrf-token': csrf })
    expect(withToken.statusCode).toBe(200)
    expect((await ctx.app.inject({ url: `/api/v1/venues/${venue.id}/history`, headers: { cookie } })).json().items[0].changed_by).toBe(
      'utilisateur:curatrice@example.fr',
    )

    // Logout is a write like any other: without the CSRF token a forged form cannot log anyone out.
    expect((await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie } })).statusCode).toBe(403)
    const logout = await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie, 'x-csrf-token': csrf } })
    expect(logout.statusCode).toBe(204)
    // The old cookie, replayed after logout, is dead: the session ended on the server.
    expect((await ctx.app.inject({ url: '/api/v1/auth/me', headers: { cookie } })).statusCode).toBe(401)
    const afterLogout = cookieOf(logout.headers['set-cookie'] as string[])
    expect((await ctx.app.inject({ url: '/api/v1/auth/me', headers: { cookie: afterLogout } })).statusCode).toBe(401)
  })

  it('slows down then locks an account after repeated failures, even for the right password', async () => {
    await createUser(ctx.database.db, {
      email: 'cible@example.fr',
      password: 'le bon mot de passe',
      role: 'admin',
      territories: [],
      createdBy: 'test',
    })
    const attempt = (password: string) =>
      ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'cible@example.fr', password } })
    const durations: number[] = []
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) {
      const started = Date.now()
      expect((await attempt('mauvais')).statusCode).toBe(401)
      durations.push(Date.now() - started)
    }
    expect(durations[MAX_FAILED_LOGINS - 1]).toBeGreaterThanOrEqual(900)
    const locked = await attempt('le bon mot de passe')
    expect(locked.statusCode).toBe(429)
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(800)
    expect(
      (await ctx.database.db.selectFrom('users').select('failed_logins').where('email', '=', 'cible@example.fr').executeTakeFirstOrThrow())
        .failed_logins,
    ).toBe(MAX_FAILED_LOGINS)
    expect(
      (await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'inconnu@example.fr', password: 'x' } }))
        .statusCode,
    ).toBe(401)
  })

  // The CLI opens its own connection: only the PostgreSQL test database is reachable from another process, so the PGlite
  // leg reports this case as skipped (the CLI on an embedded database is covered by tests/cli/cli.test.ts).
  it.runIf(ctx.kind === 'postgres')(
    'creates accounts and keys from the command line, the password read on stdin',
    async () => {
      const env = { ...process.env, DATABASE_URL: ctx.database.url!, SEED: 'none' }
      const user = run(
        'npx',
        ['tsx', 'cli/main.ts', 'user', 'create', '--email', 'cli@example.fr', '--role', 'curator', '--territory', 'dep:33,reg:75'],
        { env },
      )
      user.child.stdin!.end('un mot de passe assez long\n')
      expect((await user).stdout).toMatch(/Compte créé : cli@example\.fr/)
      const row = await ctx.database.db.selectFrom('users').selectAll().where('email', '=', 'cli@example.fr').executeTakeFirstOrThrow()
      expect(row.territories).toEqual(['dep:33', 'reg:75'])
      const key = (
        await run('npx', ['tsx', 'cli/main.ts', 'apikey', 'create', '--name', 'CD33', '--role', 'authority', '--territory', 'dep:33'], {
          env,
        })
      ).stdout.trim()
      expect(key).toMatch(/^mlg_[0-9a-f]{12}_/)
      expect((await ctx.app.inject({ url: '/api/v1/auth/me', headers: bearer(key) })).json().caller).toMatchObject({
        role: 'authority',
        territories: ['dep:33'],
      })
    },
    120_000,
  )
})
