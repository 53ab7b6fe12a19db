// Webhook subscribers, their deliveries (one per change) and attempts, and the delivery lease (one instance at a time).
import { sql, type ColumnType, type Generated, type Kysely } from 'kysely'
import { latestCursor, readChanges, type FeedChange } from '../changes/feed.ts'
import type { Database } from '../types.ts'

interface WebhookSubscriptionsTable {
  id: Generated<string>
  url: string
  secret_encrypted: string
  territories: string[]
  description: Generated<string>
  active: Generated<boolean>
  cursor: string
  created_by: string
  created_at: Generated<Date>
}
interface WebhookDeliveriesTable {
  id: Generated<string>
  subscription_id: string
  change_seq: string
  venue_id: string
  payload: ColumnType<FeedChange, string, string>
  status: Generated<'pending' | 'delivered' | 'failed'>
  attempts: Generated<number>
  next_attempt_at: ColumnType<Date, Date | string | undefined, Date | string>
  give_up_at: ColumnType<Date, Date | string | undefined, Date | string>
  last_status: number | null
  last_error: string | null
  created_at: Generated<Date>
  delivered_at: Date | null
}
interface WebhookAttemptsTable {
  id: Generated<string>
  delivery_id: string
  attempted_at: Generated<Date>
  http_status: number | null
  error: string | null
  duration_ms: number
}
interface WebhookLeaseTable {
  id: boolean
  holder: string | null
  expires_at: Date
}

type WebhookDatabase = Database & {
  webhook_subscriptions: WebhookSubscriptionsTable
  webhook_deliveries: WebhookDeliveriesTable
  webhook_attempts: WebhookAttemptsTable
  webhook_lease: WebhookLeaseTable
}
const w = (db: Kysely<Database>) => db.withTables<Omit<WebhookDatabase, keyof Database>>()

const PUBLIC_COLUMNS = ['id', 'url', 'territories', 'description', 'active', 'cursor', 'created_by', 'created_at'] as const

export async function insertSubscription(
  db: Kysely<Database>,
  s: { url: string; secretEncrypted: string; territories: string[]; description: string; createdBy: string },
) {
  return w(db)
    .insertInto('webhook_subscriptions')
    .values({
      url: s.url,
      secret_encrypted: s.secretEncrypted,
      territories: s.territories,
      description: s.description,
      created_by: s.createdBy,
      cursor: await latestCursor(db),
    })
    .returning(PUBLIC_COLUMNS)
    .executeTakeFirstOrThrow()
}

export async function listSubscriptions(db: Kysely<Database>) {
  return w(db).selectFrom('webhook_subscriptions').select(PUBLIC_COLUMNS).orderBy('created_at').execute()
}

export async function findSubscription(db: Kysely<Database>, id: string) {
  return w(db)
    .selectFrom('webhook_subscriptions')
    .select([...PUBLIC_COLUMNS, 'secret_encrypted'])
    .where('id', '=', id)
    .executeTakeFirst()
}

/** Stops deliveries to a subscriber (kept, with its log). */
export async function deactivateSubscription(db: Kysely<Database>, id: string) {
  return w(db).updateTable('webhook_subscriptions').set({ active: false }).where('id', '=', id).returning(PUBLIC_COLUMNS).executeTakeFirst()
}

export async function listDeliveries(db: Kysely<Database>, subscriptionId: string, limit: number) {
  return w(db)
    .selectFrom('webhook_deliveries')
    .select([
      'id',
      'change_seq',
      'venue_id',
      'status',
      'attempts',
      'next_attempt_at',
      'give_up_at',
      'last_status',
      'last_error',
      'created_at',
      'delivered_at',
      sql<string>`payload->>'kind'`.as('kind'),
    ])
    .where('subscription_id', '=', subscriptionId)
    .orderBy('change_seq', 'desc')
    .limit(limit)
    .execute()
}

export async function listAttempts(db: Kysely<Database>, deliveryId: string) {
  return w(db)
    .selectFrom('webhook_attempts')
    .select(['attempted_at', 'http_status', 'error', 'duration_ms'])
    .where('delivery_id', '=', deliveryId)
    .orderBy('id')
    .execute()
}

/** Puts a delivery back in the queue now, with a fresh 24 h of retries. */
export async function redeliver(db: Kysely<Database>, subscriptionId: string, deliveryId: string) {
  return w(db)
    .updateTable('webhook_deliveries')
    .set({ status: 'pending', next_attempt_at: sql`now()`, give_up_at: sql`now() + interval '24 hours'` })
    .where('id', '=', deliveryId)
    .where('subscription_id', '=', subscriptionId)
    .returning(['id', 'status'])
    .executeTakeFirst()
}

/** Takes (or renews) the delivery lease for `ms`; false when another instance holds it. */
export async function takeLease(db: Kysely<Database>, holder: string, ms: number): Promise<boolean> {
  const row = await w(db)
    .updateTable('webhook_lease')
    .set({ holder, expires_at: sql`now() + make_interval(secs => ${ms / 1000})` })
    .where((eb) => eb.or([eb('expires_at', '<', sql<Date>`now()`), eb('holder', '=', holder)]))
    .returning('holder')
    .executeTakeFirst()
  return !!row
}

export async function releaseLease(db: Kysely<Database>, holder: string): Promise<void> {
  await w(db).updateTable('webhook_lease').set({ holder: null, expires_at: sql`'-infinity'` }).where('holder', '=', holder).execute()
}

/** Turns the feed's new changes (in the subscriber's territories) into pending deliveries; returns how many. */
export async function enqueueChanges(db: Kysely<Database>, subscriptionId: string, pageSize = 500): Promise<number> {
  let added = 0
  for (;;) {
    const sub = await w(db)
      .selectFrom('webhook_subscriptions')
      .select(['cursor', 'territories', 'active'])
      .where('id', '=', subscriptionId)
      .executeTakeFirst()
    if (!sub?.active) return added
    const latest = await latestCursor(db)
    const page = await readChanges(db, BigInt(sub.cursor), pageSize, sub.territories)
    // Without more pages, everything up to `latest` was scanned (changes outside the territories included).
    const reached = page.has_more ? page.next_cursor : BigInt(latest) > BigInt(page.next_cursor) ? latest : page.next_cursor
    await db.transaction().execute(async (trx) => {
      if (page.changes.length) {
        await w(trx)
          .insertInto('webhook_deliveries')
          .values(
            page.changes.map((change) => ({
              subscription_id: subscriptionId,
              change_seq: change.cursor,
              venue_id: change.id,
              payload: JSON.stringify(change),
            })),
          )
          .onConflict((oc) => oc.columns(['subscription_id', 'change_seq']).doNothing())
          .execute()
      }
      await w(trx)
        .updateTable('webhook_subscriptions')
        .set({ cursor: reached })
        .where('id', '=', subscriptionId)
        .where('cursor', '<', reached)
        .execute()
    })
    added += page.changes.length
    if (!page.has_more) return added
  }
}

export async function activeSubscriptionIds(db: Kysely<Database>): Promise<string[]> {
  return (await w(db).selectFrom('webhook_subscriptions').select('id').where('active', '=', true).execute()).map((r) => r.id)
}

/**
 * Pending deliveries due now, oldest change first, leaving out any whose venue still has an earlier pending
 * delivery to the same subscriber: a venue's changes arrive in order.
 */
export async function dueDeliveries(db: Kysely<Database>, limit: number) {
  return w(db)
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhook_subscriptions as s', 's.id', 'd.subscription_id')
    .select([
      'd.id',
      'd.subscription_id',
      'd.venue_id',
      'd.change_seq',
      'd.payload',
      'd.attempts',
      'd.give_up_at',
      's.url',
      's.secret_encrypted',
    ])
    .where('d.status', '=', 'pending')
    .where('d.next_attempt_at', '<=', sql<Date>`now()`)
    .where('s.active', '=', true)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('webhook_deliveries as e')
            .select('e.id')
            .whereRef('e.subscription_id', '=', 'd.subscription_id')
            .whereRef('e.venue_id', '=', 'd.venue_id')
            .whereRef('e.change_seq', '<', 'd.change_seq')
            .where('e.status', '=', 'pending'),
        ),
      ),
    )
    .orderBy('d.change_seq')
    .limit(limit)
    .execute()
}

export async function recordAttempt(
  db: Kysely<Database>,
  deliveryId: string,
  outcome: {
    ok: boolean
    httpStatus: number | null
    error: string | null
    durationMs: number
    retryAt: Date | null
  },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await w(trx)
      .insertInto('webhook_attempts')
      .values({ delivery_id: deliveryId, http_status: outcome.httpStatus, error: outcome.error, duration_ms: outcome.durationMs })
      .execute()
    await w(trx)
      .updateTable('webhook_deliveries')
      .set({
        attempts: sql`attempts + 1`,
        last_status: outcome.httpStatus,
        last_error: outcome.error,
        ...(outcome.ok
          ? { status: 'delivered', delivered_at: sql`now()` }
          : outcome.retryAt
            ? { next_attempt_at: outcome.retryAt }
            : { status: 'failed' }),
      })
      .where('id', '=', deliveryId)
      .execute()
  })
}
