// Webhook secrets are needed in clear to sign each delivery, so they are encrypted (AES-256-GCM), not hashed.
// The key comes from WEBHOOK_SECRET_KEY (any string of 32+ characters), else from SESSION_SECRET (docs/security.md).
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto'

export function secretKey(material: string): Buffer {
  // Domain-separated so the session key and this key differ even when derived from the same secret.
  return createHash('sha256').update(`maillage:webhook-secrets:${material}`).digest()
}

export function encryptSecret(key: Buffer, secret: string): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  const data = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()])
  return ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), data.toString('base64')].join('.')
}

export function decryptSecret(key: Buffer, stored: string): string {
  const [version, iv, tag, data] = stored.split('.')
  if (version !== 'v1' || !iv || !tag || data === undefined) throw new Error('secret de webhook illisible')
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'))
  decipher.setAuthTag(Buffer.from(tag, 'base64'))
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]).toString('utf8')
}
