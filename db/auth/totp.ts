// The optional TOTP second factor (RFC 6238 via `otpauth`): enrol (a pending secret shown once as an
// otpauth:// URI), confirm with a first code, check at login. A code is accepted once only (last step kept).
import * as OTPAuth from 'otpauth'
import { sql, type Kysely } from 'kysely'
import { appendAudit } from '../audit.ts'
import type { Database } from '../types.ts'

const PERIOD = 30

function totpOf(secret: string, email: string): OTPAuth.TOTP {
  return new OTPAuth.TOTP({
    issuer: 'Maillage',
    label: email,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD,
    secret: OTPAuth.Secret.fromBase32(secret),
  })
}

/** The 30-second step a code matches (±1 step of clock drift), or null. */
export function matchingStep(secret: string, email: string, code: string, now = Date.now()): number | null {
  const delta = totpOf(secret, email).validate({ token: code, timestamp: now, window: 1 })
  return delta === null ? null : Math.floor(now / 1000 / PERIOD) + delta
}

/** For tests and the enrolment check: the current code of a secret. */
export function currentCode(secret: string, email: string, now = Date.now()): string {
  return totpOf(secret, email).generate({ timestamp: now })
}

/** The account's e-mail and whether its second factor is active. */
export async function totpStatus(db: Kysely<Database>, userId: string) {
  const row = await db.selectFrom('users').select(['email', 'totp_secret']).where('id', '=', userId).executeTakeFirst()
  return row ? { email: row.email, enabled: row.totp_secret !== null } : undefined
}

/** Starts (or restarts) an enrolment: a new pending secret, returned once with its otpauth:// URI. */
export async function beginEnrolment(db: Kysely<Database>, userId: string, email: string): Promise<{ secret: string; uri: string }> {
  const secret = new OTPAuth.Secret({ size: 20 }).base32
  await db.updateTable('users').set({ totp_pending_secret: secret }).where('id', '=', userId).execute()
  return { secret, uri: totpOf(secret, email).toString() }
}

/** Accepts a code for the pending secret (enrolment) or the active one (login, disabling); false otherwise. */
export async function checkCode(db: Kysely<Database>, userId: string, code: string, which: 'pending' | 'active'): Promise<boolean> {
  const user = await db
    .selectFrom('users')
    .select(['email', 'totp_secret', 'totp_pending_secret', 'totp_last_step'])
    .where('id', '=', userId)
    .executeTakeFirst()
  const secret = which === 'pending' ? user?.totp_pending_secret : user?.totp_secret
  if (!user || !secret) return false
  const step = matchingStep(secret, user.email, code)
  if (step === null || (user.totp_last_step !== null && step <= user.totp_last_step)) return false
  // Conditional update: two requests racing with the same code cannot both pass.
  const updated = await db
    .updateTable('users')
    .set({ totp_last_step: step })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .returning('id')
    .executeTakeFirst()
  return updated !== undefined
}

export async function confirmEnrolment(db: Kysely<Database>, userId: string, actor: string): Promise<void> {
  await db.updateTable('users').set({ totp_secret: sql`totp_pending_secret`, totp_pending_secret: null }).where('id', '=', userId).execute()
  await appendAudit(db, { actor, action: 'user.totp_enable', entity: 'user', entity_id: userId })
}

export async function disableTotp(db: Kysely<Database>, userId: string, actor: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ totp_secret: null, totp_pending_secret: null, totp_last_step: null })
    .where('id', '=', userId)
    .execute()
  await appendAudit(db, { actor, action: 'user.totp_disable', entity: 'user', entity_id: userId })
}
