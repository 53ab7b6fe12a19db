// Accounts logged in through the real login route, for suites that test user roles (state, cinov, company):
// the cookie and CSRF token to send with each write.
import type { FastifyInstance } from 'fastify'
import { hashPassword } from '../../db/auth/users.ts'

export const TEST_PASSWORD = 'mot de passe de test'
let passwordHash: Promise<string> | null = null

/** Inserts the account directly (role `company` needs its company) and logs it in. */
export async function sessionFor(
  app: FastifyInstance,
  role: string,
  options: { companyId?: string; territories?: string[] } = {},
): Promise<Record<string, string>> {
  passwordHash ??= hashPassword(TEST_PASSWORD)
  const email = `${role}-${Math.random().toString(36).slice(2, 10)}@example.fr`
  await app.db
    .insertInto('users')
    .values({
      email,
      password_hash: await passwordHash,
      role: role as 'admin',
      territories: options.territories ?? [],
      company_id: options.companyId ?? null,
    })
    .execute()
  const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: TEST_PASSWORD } })
  if (login.statusCode !== 200) throw new Error(`login ${role}: ${login.statusCode} ${login.body}`)
  const cookie = [login.headers['set-cookie'] ?? []]
    .flat()
    .find((c) => String(c).startsWith('maillage_session='))!
    .split(';')[0]
  return { cookie, 'x-csrf-token': login.json().csrf_token }
}
