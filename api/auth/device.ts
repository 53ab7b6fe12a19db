// "Known browser" cookie: set at each successful login, it lets the right password through an account's
// cool-down, so a stranger hammering an admin's address cannot lock the admin out of their own browser.
// It proves nothing alone (the password is still checked) and dies with a password change (the MAC covers the hash).
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'

export const DEVICE_COOKIE = 'maillage_device'
const DEVICE_SECONDS = 180 * 24 * 3600

function mac(secret: string, userId: string, passwordHash: string): string {
  const key = Buffer.from(hkdfSync('sha256', secret, 'maillage', 'maillage-device-v1', 32))
  return createHmac('sha256', key).update(`${userId}:${passwordHash}`).digest('base64url')
}

export function isKnownDevice(request: FastifyRequest, secret: string, user: { id: string; password_hash: string }): boolean {
  const value = request.cookies[DEVICE_COOKIE]
  if (!value) return false
  const [userId, presented] = value.split('.')
  if (userId !== user.id || !presented) return false
  const expected = Buffer.from(mac(secret, user.id, user.password_hash))
  const given = Buffer.from(presented)
  return expected.length === given.length && timingSafeEqual(expected, given)
}

export function rememberDevice(reply: FastifyReply, secret: string, user: { id: string; password_hash: string }, secure: boolean): void {
  reply.setCookie(DEVICE_COOKIE, `${user.id}.${mac(secret, user.id, user.password_hash)}`, {
    path: '/api/v1/auth',
    httpOnly: true,
    sameSite: 'strict',
    secure,
    maxAge: DEVICE_SECONDS,
  })
}
