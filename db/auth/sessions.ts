// Server-side admin sessions: the cookie carries a random 256-bit token, the store keeps only its sha256, so
// logging out, disabling an account, changing its password or role ends every session of that user at once.
import { createHash, randomBytes } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import type { Database } from '../types.ts'

export interface SessionRecord {
  userId: string
  csrfSecret: string
  expiresAt: Date
}
export interface NewSession {
  userId: string
  csrfSecret: string
  ttlSeconds: number
  ip: string | null
  userAgent: string | null
}

/** One interface, two stores: PostgreSQL (default) and Redis (db/auth/sessions-redis.ts, when REDIS_URL is set). */
export interface SessionStore {
  /** Returns the token to put in the cookie (the only place it exists in clear). */
  create(session: NewSession): Promise<string>
  /** The live session of a token, or null (unknown, expired or ended). */
  find(token: string): Promise<SessionRecord | null>
  destroy(token: string): Promise<void>
  /** Ends every session of the user; returns how many there were. */
  destroyAllOf(userId: string): Promise<number>
}

export function newSessionToken(): { token: string; id: string } {
  const token = randomBytes(32).toString('base64url')
  return { token, id: sessionId(token) }
}

export function sessionId(token: string): string {
  return createHash('sha256').update(token).digest('hex')
}

/** A token as we issue it (43 base64url characters); anything else is not looked up at all. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/

export function postgresSessionStore(db: Kysely<Database>): SessionStore {
  return {
    async create(session) {
      const { token, id } = newSessionToken()
      // Expired rows go when someone logs in: no scheduler needed, and the table stays as small as the live set.
      await db.deleteFrom('sessions').where('expires_at', '<', sql<Date>`now()`).execute()
      await db
        .insertInto('sessions')
        .values({
          id,
          user_id: session.userId,
          csrf_secret: session.csrfSecret,
          expires_at: sql<Date>`now() + make_interval(secs => ${session.ttlSeconds})`,
          ip: session.ip,
          user_agent: session.userAgent?.slice(0, 300) ?? null,
        })
        .execute()
      return token
    },
    async find(token) {
      if (!TOKEN_PATTERN.test(token)) return null
      const row = await db
        .selectFrom('sessions')
        .select(['user_id', 'csrf_secret', 'expires_at'])
        .where('id', '=', sessionId(token))
        .where('expires_at', '>', sql<Date>`now()`)
        .executeTakeFirst()
      return row ? { userId: row.user_id, csrfSecret: row.csrf_secret, expiresAt: new Date(row.expires_at) } : null
    },
    async destroy(token) {
      if (TOKEN_PATTERN.test(token)) await db.deleteFrom('sessions').where('id', '=', sessionId(token)).execute()
    },
    async destroyAllOf(userId) {
      const rows = await db.deleteFrom('sessions').where('user_id', '=', userId).returning('id').execute()
      return rows.length
    },
  }
}
