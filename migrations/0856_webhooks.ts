// Signed webhooks: subscribers (URL, encrypted secret, territory filter, their position in the changes feed),
// one delivery per change and subscriber with its attempts, and the lease that lets one instance deliver at a time.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE webhook_subscriptions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      url text NOT NULL,
      -- AES-256-GCM ciphertext (db/webhooks/secret-box.ts): the secret signs every delivery, so it cannot be hashed.
      secret_encrypted text NOT NULL,
      territories text[] NOT NULL DEFAULT '{}',
      description text NOT NULL DEFAULT '',
      active boolean NOT NULL DEFAULT true,
      -- Changes up to this feed cursor have been turned into deliveries; a new subscriber starts at the present.
      cursor bigint NOT NULL,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db)
  await sql`
    CREATE TABLE webhook_deliveries (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      subscription_id uuid NOT NULL REFERENCES webhook_subscriptions (id) ON DELETE CASCADE,
      change_seq bigint NOT NULL,
      venue_id uuid NOT NULL,
      payload jsonb NOT NULL,
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
      attempts integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL DEFAULT now(),
      -- Retries stop after this (24 h after the change, or after a redelivery is asked).
      give_up_at timestamptz NOT NULL DEFAULT now() + interval '24 hours',
      last_status integer,
      last_error text,
      created_at timestamptz NOT NULL DEFAULT now(),
      delivered_at timestamptz,
      UNIQUE (subscription_id, change_seq)
    )`.execute(db)
  await sql`CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at) WHERE status = 'pending'`.execute(db)
  await sql`CREATE INDEX webhook_deliveries_venue_idx ON webhook_deliveries (subscription_id, venue_id, change_seq) WHERE status = 'pending'`.execute(
    db,
  )
  await sql`
    CREATE TABLE webhook_attempts (
      id bigserial PRIMARY KEY,
      delivery_id uuid NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
      attempted_at timestamptz NOT NULL DEFAULT now(),
      http_status integer,
      error text,
      duration_ms integer NOT NULL
    )`.execute(db)
  await sql`CREATE INDEX webhook_attempts_delivery_idx ON webhook_attempts (delivery_id)`.execute(db)
  await sql`
    CREATE TABLE webhook_lease (
      id boolean PRIMARY KEY DEFAULT true CHECK (id),
      holder text,
      expires_at timestamptz NOT NULL DEFAULT '-infinity'
    )`.execute(db)
  await sql`INSERT INTO webhook_lease (id) VALUES (true)`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE IF EXISTS webhook_lease, webhook_attempts, webhook_deliveries, webhook_subscriptions`.execute(db)
}
