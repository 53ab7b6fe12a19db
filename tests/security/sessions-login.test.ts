// Sessions that end (server-side: logout, password, disable and role change end every session of the user)
// and logins that neither enumerate accounts nor let a stranger lock an admin out; the optional TOTP factor.
import { beforeAll, expect, it } from 'vitest'
import { ADDRESS_LIMIT, addressKey, recordFailure } from '../../db/auth/login-throttle.ts'
import { currentCode } from '../../db/auth/totp.ts'
import { createUser, MAX_FAILED_LOGINS } from '../../db/auth/users.ts'
import { describeEachApp } from '../helpers/databases.ts'
import { bearer, createPersonaKeys } from '../api/curation/curation-fixtures.ts'

const PASSWORD = 'correct horse battery staple'

type Res = { statusCode: number; headers: Record<string, unknown>; json: () => any; body: string }
function cookies(res: Res): Record<string, string> {
  const raw = res.headers['set-cookie']
  const list = Array.isArray(raw) ? raw : raw ? [String(raw)] : []
  return Object.fromEntries(list.map((c) => c.split(';')[0].split('=')).map(([k, ...v]) => [k, v.join('=')]))
}

describeEachApp('sessions and login', (ctx) => {
  let adminKey: string
  let ip = 1
  const nextIp = () => `192.0.2.${ip++}`
  beforeAll(async () => {
    adminKey = (await createPersonaKeys(ctx.database.db)).admin!
    for (const email of [
      'alice@example.fr',
      'bob@example.fr',
      'carla@example.fr',
      'dora@example.fr',
      'chef@example.fr',
      'totp@example.fr',
      'totp2@example.fr',
    ]) {
      await createUser(ctx.database.db, {
        email,
        password: PASSWORD,
        role: email === 'chef@example.fr' ? 'admin' : 'curator',
        territories: email === 'chef@example.fr' ? [] : ['dep:33'],
        createdBy: 'test',
      })
    }
  })
  const login = (email: string, password: string, extra: { cookie?: string; otp?: string; remoteAddress?: string } = {}): Promise<Res> =>
    ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress: extra.remoteAddress ?? nextIp(),
      payload: { email, password, ...(extra.otp ? { otp: extra.otp } : {}) },
      headers: extra.cookie ? { cookie: extra.cookie } : {},
    }) as Promise<Res>
  async function session(email: string, password = PASSWORD) {
    const res = await login(email, password)
    expect(res.statusCode, res.body).toBe(200)
    const jar = cookies(res)
    return {
      cookie: `maillage_session=${jar.maillage_session}`,
      device: `maillage_device=${jar.maillage_device}`,
      csrf: res.json().csrf_token as string,
      setCookie: res.headers['set-cookie'],
    }
  }
  const me = (cookie: string) => ctx.app.inject({ url: '/api/v1/auth/me', headers: { cookie } })
  const userId = async (email: string) =>
    (await ctx.database.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id

  it('ends every session of the user at logout: an old cookie replayed is 401', async () => {
    const first = await session('alice@example.fr')
    const second = await session('alice@example.fr')
    expect((await me(first.cookie)).statusCode).toBe(200)
    expect(String(first.setCookie)).not.toMatch(/Secure/) // plain HTTP, no trusted proxy
    const logout = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie: first.cookie, 'x-csrf-token': first.csrf },
    })
    expect(logout.statusCode).toBe(204)
    expect((await me(first.cookie)).statusCode).toBe(401)
    expect((await me(second.cookie)).statusCode).toBe(401)
    const rows = await ctx.database.db
      .selectFrom('sessions')
      .select('id')
      .where('user_id', '=', await userId('alice@example.fr'))
      .execute()
    expect(rows).toEqual([])
  })

  it('ends every session at password change, disable and role change', async () => {
    const cases: [string, Record<string, unknown>][] = [
      ['bob@example.fr', { password: 'un tout nouveau mot de passe' }],
      ['carla@example.fr', { disabled: true }],
      ['dora@example.fr', { role: 'curator', territories: ['dep:69'] }],
    ]
    for (const [email, patch] of cases) {
      const s = await session(email)
      expect((await me(s.cookie)).statusCode).toBe(200)
      const res = await ctx.app.inject({
        method: 'PATCH',
        url: `/api/v1/admin/users/${await userId(email)}`,
        headers: bearer(adminKey),
        payload: patch,
      })
      expect(res.statusCode, res.body).toBe(200)
      expect((await me(s.cookie)).statusCode, email).toBe(401)
    }
    // The session table holds a hash of the token, never the token.
    const s = await session('chef@example.fr')
    const token = s.cookie.split('=')[1]
    const stored = await ctx.database.db.selectFrom('sessions').select('id').execute()
    expect(stored.map((r) => r.id)).not.toContain(token)
  })

  it('answers an unknown e-mail exactly like a wrong password, in a similar time', async () => {
    const unknown: number[] = []
    const wrong: number[] = []
    for (let i = 0; i < 6; i++) {
      await ctx.database.db.deleteFrom('login_throttle').execute() // no slowdown in the samples: only the password check
      const pair = [
        [`personne-${i}@example.fr`, unknown],
        ['chef@example.fr', wrong],
      ] as const
      // Each path goes first every other round: the first login after the throttle is cleared must not bias one side.
      for (const [email, into] of i % 2 === 0 ? pair : [...pair].reverse()) {
        const started = performance.now()
        const res = await login(email, `mauvais-${i}`)
        into.push(performance.now() - started)
        expect(res.statusCode).toBe(401)
        expect(res.json()).toMatchObject({ status: 401, detail: 'Adresse ou mot de passe incorrect.' })
      }
    }
    // The fastest of each: other test files share the two cores, and load only ever adds time, so the minimum is
    // the cost of the path itself (a median still moved by 300 ms under CI load).
    const [u, w] = [Math.min(...unknown), Math.min(...wrong)]
    console.info(`login times (ms) unknown ${unknown.map(Math.round).join(' ')}; wrong ${wrong.map(Math.round).join(' ')}`)
    expect(Math.abs(u - w), `unknown ${u.toFixed(0)} ms, wrong ${w.toFixed(0)} ms`).toBeLessThan(Math.max(40, 0.4 * Math.max(u, w)))
    // Unknown addresses cool down like real ones, so a 429 reveals nothing either.
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) expect((await login('fantome@example.fr', 'x')).statusCode).toBe(401)
    const cooled = await login('fantome@example.fr', 'x')
    expect(cooled.statusCode).toBe(429)
    expect(Number(cooled.headers['retry-after'])).toBeGreaterThan(60)
  }, 120_000)

  it('lets the right password through a cool-down from a browser the admin already used, not from others', async () => {
    await ctx.database.db.deleteFrom('login_throttle').execute()
    const known = await session('chef@example.fr')
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) expect((await login('chef@example.fr', `attaque-${i}`)).statusCode).toBe(401)
    expect((await login('chef@example.fr', PASSWORD)).statusCode).toBe(429) // unknown browser (the attacker's)
    expect((await login('chef@example.fr', 'mauvais', { cookie: known.device })).statusCode).toBe(401) // known browser, wrong password
    const back = await login('chef@example.fr', PASSWORD, { cookie: known.device })
    expect(back.statusCode, back.body).toBe(200)
    // A forged device cookie (another user's id, or a wrong MAC) does not help.
    await ctx.database.db.deleteFrom('login_throttle').execute()
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) await login('chef@example.fr', `attaque-${i}`)
    const forged = known.device.replace(/\.[^.]+$/, '.AAAA')
    expect((await login('chef@example.fr', PASSWORD, { cookie: forged })).statusCode).toBe(429)
  }, 120_000)

  it('cools down an address that fails on many accounts, not the others', async () => {
    const sprayer = '198.51.100.77'
    for (let i = 0; i < ADDRESS_LIMIT; i++) await recordFailure(ctx.database.db, addressKey(sprayer), ADDRESS_LIMIT)
    expect((await login('totp2@example.fr', PASSWORD, { remoteAddress: sprayer })).statusCode).toBe(429)
    const elsewhere = await login('totp2@example.fr', PASSWORD, { remoteAddress: '198.51.100.78' })
    expect(elsewhere.statusCode).toBe(200)
  })

  it('enrols a TOTP second factor, then requires a fresh code at login (never the same code twice)', async () => {
    await ctx.database.db.deleteFrom('login_throttle').execute()
    const s = await session('totp@example.fr')
    const withSession = (url: string, payload?: object) =>
      ctx.app.inject({ method: 'POST', url, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf }, payload: payload ?? {} })
    // Keys have no second factor.
    expect((await ctx.app.inject({ method: 'POST', url: '/api/v1/auth/totp', headers: bearer(adminKey) })).statusCode).toBe(403)
    const enrol = await withSession('/api/v1/auth/totp')
    expect(enrol.statusCode, enrol.body).toBe(200)
    const { otpauth_uri: uri, secret } = enrol.json()
    expect(uri).toMatch(/^otpauth:\/\/totp\/Maillage:totp%40example\.fr\?.*secret=[A-Z2-7]+/)
    expect(
      (await withSession('/api/v1/auth/totp/confirm', { code: '000000' === currentCode(secret, 'totp@example.fr') ? '111111' : '000000' }))
        .statusCode,
    ).toBe(400)
    const confirmed = await withSession('/api/v1/auth/totp/confirm', { code: currentCode(secret, 'totp@example.fr') })
    expect(confirmed.json(), confirmed.body).toEqual({ enabled: true })

    const noCode = await login('totp@example.fr', PASSWORD)
    expect(noCode.statusCode).toBe(401)
    expect(noCode.json()).toMatchObject({ otp_required: true })
    expect(cookies(noCode).maillage_session).toBeUndefined()
    const next = currentCode(secret, 'totp@example.fr', Date.now() + 30_000) // the confirmation used the current step
    expect((await login('totp@example.fr', 'mauvais', { otp: next })).statusCode).toBe(401)
    const ok = await login('totp@example.fr', PASSWORD, { otp: next })
    expect(ok.statusCode, ok.body).toBe(200)
    expect((await login('totp@example.fr', PASSWORD, { otp: next })).statusCode).toBe(401) // replayed code

    // A cool-down is passed by the right password with a right code, from any browser.
    await ctx.database.db.deleteFrom('login_throttle').execute()
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) await login('totp@example.fr', `attaque-${i}`)
    expect((await login('totp@example.fr', PASSWORD)).statusCode).toBe(429)
    await ctx.database.db.updateTable('users').set({ totp_last_step: null }).where('email', '=', 'totp@example.fr').execute()
    expect((await login('totp@example.fr', PASSWORD, { otp: currentCode(secret, 'totp@example.fr') })).statusCode).toBe(200)
    // An account without a second factor cannot use a made-up code to pass its cool-down.
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) await login('chef@example.fr', `attaque-${i}`)
    expect((await login('chef@example.fr', PASSWORD, { otp: '123456' })).statusCode).toBe(401)
  }, 120_000)
})
