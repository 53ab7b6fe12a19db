// The Redis session store (REDIS_URL set): same contract as the PostgreSQL one, shared by every instance.
// A set per user lists its session ids, so "end every session of this user" is one round trip.
import type { Redis } from 'ioredis'
import { newSessionToken, sessionId, TOKEN_PATTERN, type SessionStore } from './sessions.ts'

const PREFIX = 'maillage-session:'
const USER_PREFIX = 'maillage-user-sessions:'

export function redisSessionStore(redis: Redis): SessionStore {
  return {
    async create(session) {
      const { token, id } = newSessionToken()
      const expiresAt = new Date(Date.now() + session.ttlSeconds * 1000)
      const value = JSON.stringify({ userId: session.userId, csrfSecret: session.csrfSecret, expiresAt: expiresAt.toISOString() })
      await redis
        .multi()
        .set(PREFIX + id, value, 'EX', session.ttlSeconds)
        .sadd(USER_PREFIX + session.userId, id)
        .expire(USER_PREFIX + session.userId, session.ttlSeconds)
        .exec()
      return token
    },
    async find(token) {
      if (!TOKEN_PATTERN.test(token)) return null
      const raw = await redis.get(PREFIX + sessionId(token))
      if (!raw) return null
      const value = JSON.parse(raw) as { userId: string; csrfSecret: string; expiresAt: string }
      const expiresAt = new Date(value.expiresAt)
      return expiresAt.getTime() > Date.now() ? { userId: value.userId, csrfSecret: value.csrfSecret, expiresAt } : null
    },
    async destroy(token) {
      if (!TOKEN_PATTERN.test(token)) return
      const id = sessionId(token)
      const raw = await redis.get(PREFIX + id)
      await redis.del(PREFIX + id)
      if (raw) await redis.srem(USER_PREFIX + (JSON.parse(raw) as { userId: string }).userId, id)
    },
    async destroyAllOf(userId) {
      const ids = await redis.smembers(USER_PREFIX + userId)
      if (ids.length === 0) return 0
      const deleted = await redis.del(...ids.map((id) => PREFIX + id))
      await redis.del(USER_PREFIX + userId)
      return deleted
    },
  }
}
