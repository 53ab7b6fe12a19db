// Delivers webhooks from the server process: a loop that, while holding the shared lease (one instance at a time),
// turns new feed changes into deliveries and POSTs the due ones, in change order, each venue's changes in order.
// A failure is retried with exponential backoff (base × 2^(attempt−1), at most 1 h) until 24 h have passed.
import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/types.ts'
import { decryptSecret } from '../../db/webhooks/secret-box.ts'
import {
  activeSubscriptionIds,
  dueDeliveries,
  enqueueChanges,
  recordAttempt,
  releaseLease,
  takeLease,
} from '../../db/webhooks/repository.ts'
import { signature } from './sign.ts'

export interface WebhookWorkerOptions {
  key: Buffer
  /** First retry delay; doubles each attempt. */
  retryBaseMs: number
  timeoutMs?: number
  log?: { warn: (obj: object, msg: string) => void }
}

const MAX_BACKOFF_MS = 3_600_000
const LEASE_MS = 60_000

export class WebhookWorker {
  private readonly holder = randomUUID()
  private timer: NodeJS.Timeout | null = null
  private running: Promise<number> | null = null

  constructor(
    private readonly db: Kysely<Database>,
    private readonly options: WebhookWorkerOptions,
  ) {}

  start(intervalMs: number): void {
    if (this.timer || intervalMs <= 0) return
    this.timer = setInterval(() => {
      this.tick().catch((err) => this.options.log?.warn({ err }, 'webhook delivery tick failed'))
    }, intervalMs)
    this.timer.unref()
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
    await this.running?.catch(() => undefined)
    await releaseLease(this.db, this.holder).catch(() => undefined)
  }

  /** One round: returns the number of delivery attempts made (0 when another instance holds the lease). */
  tick(): Promise<number> {
    this.running ??= this.round().finally(() => {
      this.running = null
    })
    return this.running
  }

  private async round(): Promise<number> {
    if (!(await takeLease(this.db, this.holder, LEASE_MS))) return 0
    for (const id of await activeSubscriptionIds(this.db)) await enqueueChanges(this.db, id)
    let attempts = 0
    for (;;) {
      const due = await dueDeliveries(this.db, 50)
      if (due.length === 0) return attempts
      // A failed delivery holds back the later changes of the same venue (for the same subscriber).
      const blocked = new Set<string>()
      for (const delivery of due) {
        const venueKey = `${delivery.subscription_id}/${delivery.venue_id}`
        if (blocked.has(venueKey)) continue
        const ok = await this.deliver(delivery)
        attempts++
        if (!ok) blocked.add(venueKey)
      }
      if (!(await takeLease(this.db, this.holder, LEASE_MS))) return attempts
      if (blocked.size > 0 && due.every((d) => blocked.has(`${d.subscription_id}/${d.venue_id}`))) return attempts
    }
  }

  private async deliver(delivery: Awaited<ReturnType<typeof dueDeliveries>>[number]): Promise<boolean> {
    const body = JSON.stringify({ delivery_id: delivery.id, event: `venue.${delivery.payload.kind}`, change: delivery.payload })
    const timestamp = String(Math.floor(Date.now() / 1000))
    const started = Date.now()
    let httpStatus: number | null = null
    let error: string | null = null
    try {
      const secret = decryptSecret(this.options.key, delivery.secret_encrypted)
      const response = await fetch(delivery.url, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Maillage-Webhooks/1',
          'x-maillage-delivery': delivery.id,
          'x-maillage-event': `venue.${delivery.payload.kind}`,
          'x-maillage-timestamp': timestamp,
          'x-maillage-signature': signature(secret, timestamp, body),
        },
        body,
      })
      httpStatus = response.status
      await response.body?.cancel().catch(() => undefined)
      if (response.status < 200 || response.status >= 300) error = `réponse HTTP ${response.status}`
    } catch (err) {
      error = err instanceof Error ? err.message : String(err)
    }
    const ok = error === null
    const attempt = delivery.attempts + 1
    const retry = new Date(Date.now() + Math.min(this.options.retryBaseMs * 2 ** (attempt - 1), MAX_BACKOFF_MS))
    await recordAttempt(this.db, delivery.id, {
      ok,
      httpStatus,
      error: error?.slice(0, 500) ?? null,
      durationMs: Date.now() - started,
      retryAt: ok || retry > new Date(delivery.give_up_at) ? null : retry,
    })
    return ok
  }
}
