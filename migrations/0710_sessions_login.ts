// Server-side admin sessions (revocable at once per user), login throttling keyed by address and by account
// (known or not, so both answer alike), and the optional TOTP second factor of an account.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE sessions (
      id text PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      csrf_secret text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      ip text,
      user_agent text
    )`.execute(db)
  await sql`CREATE INDEX sessions_user_idx ON sessions (user_id)`.execute(db)
  await sql`CREATE INDEX sessions_expires_idx ON sessions (expires_at)`.execute(db)
  await sql`
    CREATE TABLE login_throttle (
      key text PRIMARY KEY,
      failures integer NOT NULL DEFAULT 0,
      last_failure_at timestamptz NOT NULL DEFAULT now(),
      locked_until timestamptz
    )`.execute(db)
  await sql`ALTER TABLE users ADD COLUMN totp_secret text, ADD COLUMN totp_pending_secret text, ADD COLUMN totp_last_step integer`.execute(
    db,
  )
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE users DROP COLUMN totp_last_step, DROP COLUMN totp_pending_secret, DROP COLUMN totp_secret`.execute(db)
  await sql`DROP TABLE IF EXISTS login_throttle`.execute(db)
  await sql`DROP TABLE IF EXISTS sessions`.execute(db)
}
