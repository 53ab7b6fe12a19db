// The login decision: password (argon2id, a dummy hash for unknown addresses so both cost the same), the
// optional TOTP code, and throttling per account and per client address that slows an attacker without
// letting them lock anyone out (docs/security.md, "Connexion").
import { setTimeout as sleep } from 'node:timers/promises'
import argon2 from 'argon2'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import {
  ACCOUNT_LIMIT,
  accountKey,
  ADDRESS_LIMIT,
  addressKey,
  clearFailures,
  recordFailure,
  throttleStates,
} from '../../db/auth/login-throttle.ts'
import { checkCode } from '../../db/auth/totp.ts'
import { findUserByEmail, recordLoginFailure, recordLoginSuccess, verifyAgainstDummy } from '../../db/auth/users.ts'
import { appendAudit } from '../../db/audit.ts'
import { HttpProblem } from '../plugins/problem.ts'
import { isKnownDevice, rememberDevice } from './device.ts'

/** Slowdown per account: each failure from the third on waits longer (capped at 2 s). */
export function failureDelayMs(failures: number): number {
  return failures < 3 ? 0 : Math.min(250 * 2 ** (failures - 3), 2000)
}
/** Slowdown per address: from the tenth failure in the window, whatever the accounts tried. */
export function addressDelayMs(failures: number): number {
  return failures < 10 ? 0 : Math.min(250 * 2 ** (failures - 10), 2000)
}

export const REFUSED = 'Adresse ou mot de passe incorrect.'

export async function logIn(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  body: { email: string; password: string; otp?: string },
) {
  const keys = [accountKey(body.email), addressKey(request.ip)] as const
  const [user, states] = await Promise.all([findUserByEmail(app.db, body.email), throttleStates(app.db, [...keys])])
  const account = states.get(keys[0])!
  const address = states.get(keys[1])!
  const known = !!user && isKnownDevice(request, app.config.sessionSecret, user)
  const lockedUntil = [account.lockedUntil, address.lockedUntil]
    .filter((d): d is Date => d !== null)
    .sort((a, b) => b.getTime() - a.getTime())[0]
  // Cooling down: no password is even checked, so the answer is the same for every address typed — except
  // from a browser this account already used, or with a second-factor code (checked below).
  if (lockedUntil && !known && body.otp === undefined) {
    const seconds = Math.ceil((lockedUntil.getTime() - Date.now()) / 1000)
    reply.header('Retry-After', String(seconds))
    throw new HttpProblem(
      429,
      `Trop d’échecs de connexion : réessayez dans ${Math.ceil(seconds / 60)} minute(s), ou depuis un navigateur où ` +
        `vous vous êtes déjà connecté, ou avec votre code de vérification.`,
      { title: 'Connexion suspendue' },
    )
  }
  const passwordOk = user ? await argon2.verify(user.password_hash, body.password) : await verifyAgainstDummy(body.password)
  let ok = passwordOk && !!user && !user.disabled_at
  if (ok && user!.totp_secret) {
    // The right password without the code it needs: say so (the password was right; the code is the barrier).
    if (body.otp === undefined)
      throw new HttpProblem(401, 'Saisissez le code de vérification à 6 chiffres de votre application.', {
        title: 'Code de vérification requis',
        otp_required: true,
      })
    ok = await checkCode(app.db, user!.id, body.otp, 'active')
  } else if (ok && lockedUntil && !known) {
    ok = false // a code was offered to pass a cool-down, but this account has no second factor
  }
  if (!ok || !user) {
    const failures = await recordFailure(app.db, keys[0], ACCOUNT_LIMIT)
    const addressFailures = await recordFailure(app.db, keys[1], ADDRESS_LIMIT)
    if (user) await recordLoginFailure(app.db, user.id)
    await appendAudit(app.db, {
      actor: `ip:${request.ip}`,
      action: 'auth.login_failed',
      entity: 'user',
      entity_id: user?.id ?? null,
      detail: { failures },
    })
    await sleep(Math.max(failureDelayMs(failures), addressDelayMs(addressFailures)))
    throw new HttpProblem(401, REFUSED)
  }
  await clearFailures(app.db, keys[0])
  await recordLoginSuccess(app.db, user.id)
  // A fresh token at login: whatever cookie the browser held before cannot be fixed onto this account.
  if (request.sessionToken) await app.sessions.destroy(request.sessionToken)
  await reply.startSession(user.id)
  rememberDevice(reply, app.config.sessionSecret, user, app.config.production || request.protocol === 'https')
  await appendAudit(app.db, {
    actor: `utilisateur:${user.email}`,
    action: 'auth.login',
    entity: 'user',
    entity_id: user.id,
    detail: { ip: request.ip, second_factor: !!user.totp_secret },
  })
  return user
}
