// Failed-login counters, keyed by client address and by account — the account key is a hash of the e-mail
// typed, whether an account exists or not, so an unknown address is slowed and cooled down exactly like a
// real one and the answers never tell them apart. Counters older than the window are forgotten.
import { createHash } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import type { Database } from '../types.ts'

export const WINDOW_MINUTES = 15
export const COOL_DOWN_MINUTES = 15
/** Consecutive failures on one account before its cool-down (for browsers it does not know). */
export const ACCOUNT_LIMIT = 5
/** Failures from one address, on any accounts, before that address cools down (password spraying). */
export const ADDRESS_LIMIT = 30

export const accountKey = (email: string) => `account:${createHash('sha256').update(email.trim().toLowerCase()).digest('hex')}`
export const addressKey = (ip: string) => `ip:${ip}`

export interface ThrottleState {
  failures: number
  lockedUntil: Date | null
}

/** The live counter of each key (0 and unlocked when absent or stale). */
export async function throttleStates(db: Kysely<Database>, keys: string[]): Promise<Map<string, ThrottleState>> {
  const rows = await db
    .selectFrom('login_throttle')
    .select([
      'key',
      'locked_until',
      sql<number>`CASE WHEN last_failure_at < now() - make_interval(mins => ${WINDOW_MINUTES}) THEN 0 ELSE failures END`.as('failures'),
    ])
    .where('key', 'in', keys)
    .execute()
  const states = new Map(keys.map((k) => [k, { failures: 0, lockedUntil: null } as ThrottleState]))
  for (const r of rows) {
    const lockedUntil = r.locked_until && new Date(r.locked_until).getTime() > Date.now() ? new Date(r.locked_until) : null
    states.set(r.key, { failures: Number(r.failures), lockedUntil })
  }
  return states
}

/** Counts one failure on `key`; past `limit` in the window, starts a cool-down. Returns the new count. */
export async function recordFailure(db: Kysely<Database>, key: string, limit: number): Promise<number> {
  const fresh = sql<number>`CASE WHEN login_throttle.last_failure_at < now() - make_interval(mins => ${WINDOW_MINUTES})
    THEN 1 ELSE login_throttle.failures + 1 END`
  const row = await db
    .insertInto('login_throttle')
    .values({ key, failures: 1, locked_until: null })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        failures: fresh,
        last_failure_at: sql<Date>`now()`,
        locked_until: sql<Date>`CASE WHEN ${fresh} >= ${limit} THEN now() + make_interval(mins => ${COOL_DOWN_MINUTES})
          ELSE login_throttle.locked_until END`,
      }),
    )
    .returning('failures')
    .executeTakeFirstOrThrow()
  return Number(row.failures)
}

export async function clearFailures(db: Kysely<Database>, key: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('key', '=', key).execute()
}
