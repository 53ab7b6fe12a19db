// API keys: `mlg_<prefix>_<secret>`. The prefix (public, unique) finds the row; only sha256(secret) is stored.
// A plain SHA-256 is enough here (unlike passwords): the secret is 256 random bits, so no dictionary or
// brute-force attack applies, and a fast hash keeps every authenticated request cheap.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import { appendAudit } from '../audit.ts'
import type { ApiKeyRole, Database } from '../types.ts'

const KEY_PATTERN = /^mlg_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/
/** last_used_at is written at most once per this many milliseconds per key. */
const TOUCH_INTERVAL_MS = 60_000

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex')
}

export function generateApiKey(): { key: string; prefix: string; hash: string } {
  const prefix = randomBytes(6).toString('hex')
  const secret = randomBytes(32).toString('base64url')
  return { key: `mlg_${prefix}_${secret}`, prefix, hash: hashSecret(secret) }
}

export interface NewApiKey {
  name: string
  role: ApiKeyRole
  territories: string[]
  createdBy: string
  /** Producer sources the key may import and create under (db/write-gate.ts); none = not bound. */
  sources?: string[]
}

/** Creates a key; the returned `key` is the only time the secret exists in clear. */
export async function createApiKey(db: Kysely<Database>, input: NewApiKey) {
  const generated = generateApiKey()
  const row = await db
    .insertInto('api_keys')
    .values({
      name: input.name,
      prefix: generated.prefix,
      key_hash: generated.hash,
      role: input.role,
      territories: input.territories,
      sources: input.sources ?? [],
      created_by: input.createdBy,
    })
    .returning(['id', 'name', 'prefix', 'role', 'territories', 'sources', 'created_at', 'created_by', 'last_used_at', 'revoked_at'])
    .executeTakeFirstOrThrow()
  await appendAudit(db, {
    actor: input.createdBy,
    action: 'apikey.create',
    entity: 'api_key',
    entity_id: row.id,
    detail: { name: input.name, role: input.role, territories: input.territories, sources: input.sources ?? [], prefix: generated.prefix },
  })
  return { ...row, key: generated.key }
}

export type ApiKeyLookup = { id: string; name: string; role: ApiKeyRole; territories: string[]; sources: string[] }

/** The live key matching a presented token, or null (unknown, malformed, revoked or wrong secret). */
export async function verifyApiKey(db: Kysely<Database>, token: string): Promise<ApiKeyLookup | null> {
  const match = KEY_PATTERN.exec(token)
  if (!match) return null
  const [, prefix, secret] = match
  const row = await db
    .selectFrom('api_keys')
    .select(['id', 'name', 'role', 'territories', 'sources', 'key_hash', 'last_used_at', 'revoked_at'])
    .where('prefix', '=', prefix)
    .executeTakeFirst()
  if (!row || row.revoked_at) return null
  const presented = Buffer.from(hashSecret(secret), 'hex')
  const stored = Buffer.from(row.key_hash, 'hex')
  if (presented.length !== stored.length || !timingSafeEqual(presented, stored)) return null
  if (!row.last_used_at || Date.now() - new Date(row.last_used_at).getTime() > TOUCH_INTERVAL_MS) {
    await db.updateTable('api_keys').set({ last_used_at: sql`now()` }).where('id', '=', row.id).execute()
  }
  return { id: row.id, name: row.name, role: row.role, territories: row.territories, sources: row.sources }
}

export async function listApiKeys(db: Kysely<Database>) {
  return db
    .selectFrom('api_keys')
    .select(['id', 'name', 'prefix', 'role', 'territories', 'sources', 'created_at', 'created_by', 'last_used_at', 'revoked_at'])
    .orderBy('created_at', 'desc')
    .execute()
}

/** Revokes a key (kept for the record); false when unknown or already revoked. */
export async function revokeApiKey(db: Kysely<Database>, id: string, actor: string): Promise<boolean> {
  const row = await db
    .updateTable('api_keys')
    .set({ revoked_at: sql`now()` })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .returning(['id', 'name'])
    .executeTakeFirst()
  if (!row) return false
  await appendAudit(db, { actor, action: 'apikey.revoke', entity: 'api_key', entity_id: id, detail: { name: row.name } })
  return true
}
