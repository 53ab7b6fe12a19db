// Accounts of the partnership for API tests: a company representative and the CINOV-IT referent, with a live
// session (cookie + CSRF token) made straight in the session store — no argon2 or login throttle per call.
import { randomBytes, randomUUID } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/types.ts'

/** A user row of the given partner role (company accounts speak for `companyId`). */
export async function partnerUser(db: Kysely<Database>, role: 'company' | 'cinov', companyId: string | null = null): Promise<string> {
  const row = await db
    .insertInto('users')
    .values({
      email: `${role}-${randomUUID()}@example.fr`,
      password_hash: 'not-a-real-hash',
      role,
      territories: [],
      company_id: role === 'company' ? companyId : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** Headers of a fresh session of that user: the cookie and the CSRF token its writes need. */
export async function sessionHeaders(app: FastifyInstance, userId: string, remoteAddress = '127.0.0.1'): Promise<Record<string, string>> {
  const token = await app.sessions.create({
    userId,
    csrfSecret: randomBytes(18).toString('base64url'),
    ttlSeconds: 3600,
    ip: null,
    userAgent: null,
  })
  const cookie = `maillage_session=${token}`
  const res = await app.inject({ method: 'GET', url: '/api/v1/auth/csrf', headers: { cookie }, remoteAddress })
  return { cookie, 'x-csrf-token': res.json().token }
}

export async function insertCompany(db: Kysely<Database>, nom: string, place: { latitude: number; longitude: number }) {
  const siret = String(Math.floor(Math.random() * 1e14)).padStart(14, '0')
  const row = await db
    .insertInto('companies')
    .values({ siret, nom, latitude: place.latitude, longitude: place.longitude })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}
