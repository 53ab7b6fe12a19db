// Curator and admin accounts: argon2id passwords, and the failed-login counter that slows then locks.
import argon2 from 'argon2'
import { sql, type Kysely } from 'kysely'
import { appendAudit } from '../audit.ts'
import { ACCOUNT_LIMIT, accountKey, clearFailures } from './login-throttle.ts'
import type { Database, UserRole } from '../types.ts'

/** After this many consecutive failures the account is locked for LOCK_MINUTES. */
export const MAX_FAILED_LOGINS = ACCOUNT_LIMIT
export const LOCK_MINUTES = 15
export const MIN_PASSWORD_LENGTH = 12

export const USER_COLUMNS = [
  'id',
  'email',
  'role',
  'territories',
  'company_id',
  'failed_logins',
  'locked_until',
  'disabled_at',
  'created_at',
] as const

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id })
}

// A real hash to verify against when the e-mail is unknown, so both paths cost the same time. It is made when the
// app starts (prepareDummyHash), so the first unknown address does not also pay for hashing it.
let dummyHash: Promise<string> | null = null
export function prepareDummyHash(): Promise<string> {
  dummyHash ??= hashPassword('maillage-dummy-password')
  return dummyHash
}
export function verifyAgainstDummy(password: string): Promise<boolean> {
  return prepareDummyHash().then((hash) => argon2.verify(hash, password))
}

export interface NewUser {
  email: string
  password: string
  role: UserRole
  territories: string[]
  createdBy: string
  /** Required for (and only for) the company role. */
  companyId?: string | null
}

export async function createUser(db: Kysely<Database>, input: NewUser) {
  const row = await db
    .insertInto('users')
    .values({
      email: input.email.trim().toLowerCase(),
      password_hash: await hashPassword(input.password),
      role: input.role,
      territories: input.territories,
      company_id: input.companyId ?? null,
    })
    .returning([...USER_COLUMNS])
    .executeTakeFirstOrThrow()
  await appendAudit(db, {
    actor: input.createdBy,
    action: 'user.create',
    entity: 'user',
    entity_id: row.id,
    detail: { email: row.email, role: row.role, territories: row.territories },
  })
  return row
}

export async function findUserByEmail(db: Kysely<Database>, email: string) {
  return db.selectFrom('users').selectAll().where(sql`lower(email)`, '=', email.trim().toLowerCase()).executeTakeFirst()
}

export async function findUserById(db: Kysely<Database>, id: string) {
  return db
    .selectFrom('users')
    .select([...USER_COLUMNS])
    .where('id', '=', id)
    .executeTakeFirst()
}

export async function listUsers(db: Kysely<Database>) {
  return db
    .selectFrom('users')
    .select([...USER_COLUMNS])
    .orderBy('email')
    .execute()
}

/** Counts one failure; locks the account once the counter reaches MAX_FAILED_LOGINS. Returns the new count. */
export async function recordLoginFailure(db: Kysely<Database>, id: string): Promise<number> {
  const row = await db
    .updateTable('users')
    .set({
      failed_logins: sql`failed_logins + 1`,
      locked_until: sql`CASE WHEN failed_logins + 1 >= ${MAX_FAILED_LOGINS}
        THEN now() + make_interval(mins => ${LOCK_MINUTES}) ELSE locked_until END`,
    })
    .where('id', '=', id)
    .returning(['failed_logins'])
    .executeTakeFirstOrThrow()
  return row.failed_logins
}

export async function recordLoginSuccess(db: Kysely<Database>, id: string): Promise<void> {
  await db.updateTable('users').set({ failed_logins: 0, locked_until: null }).where('id', '=', id).execute()
}

export async function setUserDisabled(db: Kysely<Database>, id: string, disabled: boolean, actor: string) {
  const row = await db
    .updateTable('users')
    .set({ disabled_at: disabled ? sql`now()` : null, ...(disabled ? {} : { failed_logins: 0, locked_until: null }) })
    .where('id', '=', id)
    .returning([...USER_COLUMNS])
    .executeTakeFirst()
  if (row)
    await appendAudit(db, {
      actor,
      action: disabled ? 'user.disable' : 'user.enable',
      entity: 'user',
      entity_id: id,
      detail: { email: row.email },
    })
  if (row && !disabled) await clearFailures(db, accountKey(row.email))
  return row
}

export async function setUserPassword(db: Kysely<Database>, id: string, password: string, actor: string): Promise<boolean> {
  const row = await db
    .updateTable('users')
    .set({ password_hash: await hashPassword(password), failed_logins: 0, locked_until: null })
    .where('id', '=', id)
    .returning(['email'])
    .executeTakeFirst()
  if (row) await appendAudit(db, { actor, action: 'user.password', entity: 'user', entity_id: id, detail: { email: row.email } })
  if (row) await clearFailures(db, accountKey(row.email))
  return !!row
}

/** Changes an account's role and territories; the caller ends its sessions (it was granted other rights). */
export async function setUserRole(db: Kysely<Database>, id: string, change: { role?: UserRole; territories?: string[] }, actor: string) {
  const row = await db
    .updateTable('users')
    .set(change)
    .where('id', '=', id)
    .returning([...USER_COLUMNS])
    .executeTakeFirst()
  if (row)
    await appendAudit(db, {
      actor,
      action: 'user.role',
      entity: 'user',
      entity_id: id,
      detail: { email: row.email, role: row.role, territories: row.territories },
    })
  return row
}

/** Role and territories of the accounts with these e-mails (to show an actor without their address). */
export async function rolesByEmail(
  db: Kysely<Database>,
  emails: string[],
): Promise<Map<string, { role: UserRole; territories: string[] }>> {
  if (emails.length === 0) return new Map()
  const rows = await db
    .selectFrom('users')
    .select(['email', 'role', 'territories'])
    .where(
      sql<string>`lower(email)`,
      'in',
      emails.map((e) => e.toLowerCase()),
    )
    .execute()
  return new Map(rows.map((r) => [r.email.toLowerCase(), { role: r.role, territories: r.territories }]))
}
