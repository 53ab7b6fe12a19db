// How a delivery is signed: HMAC-SHA256 of `${timestamp}.${body}` with the subscriber's secret (hex), sent as
// `X-Maillage-Signature: sha256=…` beside `X-Maillage-Timestamp` (replays can be refused) and `X-Maillage-Delivery`.
import { createHmac, timingSafeEqual } from 'node:crypto'

export function signature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`
}

/** What a receiver does (documented, and used by the tests' receiver). */
export function verifySignature(secret: string, timestamp: string, body: string, header: string): boolean {
  const expected = Buffer.from(signature(secret, timestamp, body))
  const given = Buffer.from(header)
  return expected.length === given.length && timingSafeEqual(expected, given)
}
