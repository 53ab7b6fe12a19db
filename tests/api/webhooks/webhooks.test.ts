// Signed webhooks on both databases, against a local receiver that fails the first two deliveries: retries with
// backoff, each venue's changes in order, signatures, territory filter, delivery log, redelivery, one worker at a time.
import { createServer, type Server } from 'node:http'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { sql } from 'kysely'
import { WebhookWorker } from '../../../api/webhooks/worker.ts'
import { verifySignature } from '../../../api/webhooks/sign.ts'
import { updateVenue } from '../../../db/venue-store.ts'
import { describeEachApp } from '../../helpers/databases.ts'
import { bearer, createPersonaKeys, createVenue, lyonVenue } from '../curation/curation-fixtures.ts'

const SECRET = 'secret-de-test-tres-long-0123456789'
interface Received {
  delivery: string
  signatureOk: boolean
  body: { delivery_id: string; event: string; change: { id: string; kind: string; version: number } }
}

describeEachApp(
  'signed webhooks',
  (ctx) => {
    let server: Server
    let url: string
    const received: Received[] = []
    let failuresLeft = 2
    let admin: Record<string, string>
    beforeAll(async () => {
      admin = bearer((await createPersonaKeys(ctx.database.db)).admin)
      server = createServer((req, res) => {
        let body = ''
        req.on('data', (chunk) => {
          body += chunk
        })
        req.on('end', () => {
          if (failuresLeft > 0) {
            failuresLeft--
            res.writeHead(503).end()
            return
          }
          received.push({
            delivery: String(req.headers['x-maillage-delivery']),
            signatureOk: verifySignature(
              SECRET,
              String(req.headers['x-maillage-timestamp']),
              body,
              String(req.headers['x-maillage-signature']),
            ),
            body: JSON.parse(body),
          })
          res.writeHead(204).end()
        })
      })
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
      url = `http://127.0.0.1:${(server.address() as { port: number }).port}/hook`
    })
    afterAll(async () => {
      await new Promise((resolve) => server?.close(resolve))
    })

    const tickUntil = async (done: () => boolean) => {
      for (let i = 0; i < 100 && !done(); i++) {
        await ctx.app.webhooks.worker.tick()
        await new Promise((resolve) => setTimeout(resolve, 25))
      }
    }

    it('delivers each change signed, retries after failures, keeps a venue’s order, filters by territory', async () => {
      const created = await ctx.app.inject({
        method: 'POST',
        url: '/api/v1/admin/webhooks',
        headers: admin,
        payload: { url, secret: SECRET, territories: ['dep:33'] },
      })
      expect(created.statusCode).toBe(201)
      expect(created.json()).not.toHaveProperty('secret')
      const hook = created.json() as { id: string }
      const stored = await sql<{ s: string }>`SELECT secret_encrypted AS s FROM webhook_subscriptions WHERE id = ${hook.id}`.execute(
        ctx.database.db,
      )
      expect(stored.rows[0].s).not.toContain(SECRET)

      const gironde = await createVenue(ctx.database.db)
      await createVenue(ctx.database.db, lyonVenue()) // outside the subscriber's territory
      await updateVenue(ctx.database.db, gironde.id, { nom: 'Renommé' }, { expectedVersion: 1 }, { actor: 'test', reason: 'test' })

      await tickUntil(() => received.length >= 2)
      expect(failuresLeft).toBe(0)
      expect(received.map((r) => [r.body.change.id, r.body.change.kind, r.body.change.version])).toEqual([
        [gironde.id, 'created', 1],
        [gironde.id, 'updated', 2],
      ])
      expect(received.every((r) => r.signatureOk)).toBe(true)
      expect(received.every((r) => r.delivery === r.body.delivery_id)).toBe(true)
      expect(new Set(received.map((r) => r.delivery)).size).toBe(2)

      const log = await ctx.app.inject({ url: `/api/v1/admin/webhooks/${hook.id}/deliveries`, headers: admin })
      expect(log.statusCode).toBe(200)
      const items = log.json().items as { id: string; status: string; attempts: number; kind: string; last_status: number }[]
      expect(items.map((d) => [d.kind, d.status, d.attempts, d.last_status])).toEqual([
        ['updated', 'delivered', 1, 204],
        ['created', 'delivered', 3, 204],
      ])

      // Redeliver the first one: the same delivery id arrives again.
      const first = items[1].id
      const again = await ctx.app.inject({
        method: 'POST',
        url: `/api/v1/admin/webhooks/${hook.id}/deliveries/${first}/redeliver`,
        headers: admin,
      })
      expect(again.statusCode).toBe(202)
      await tickUntil(() => received.length >= 3)
      expect(received[2].delivery).toBe(first)

      // Another instance's worker finds the lease taken and delivers nothing.
      await createVenue(ctx.database.db)
      const other = new WebhookWorker(ctx.database.db, { key: ctx.app.webhooks.key, retryBaseMs: 20 })
      expect(await other.tick()).toBe(0)
      expect(received).toHaveLength(3)
      await ctx.app.webhooks.worker.stop() // releases the lease
      expect(await other.tick()).toBe(1)
      expect(received).toHaveLength(4)
      await other.stop()

      const off = await ctx.app.inject({ method: 'DELETE', url: `/api/v1/admin/webhooks/${hook.id}`, headers: admin })
      expect(off.json()).toMatchObject({ active: false })
    })

    it('refuses a subscriber without a valid URL or a long enough secret, naming the fields', async () => {
      const res = await ctx.app.inject({
        method: 'POST',
        url: '/api/v1/admin/webhooks',
        headers: admin,
        payload: { url: 'ftp://x', secret: 'court' },
      })
      expect(res.statusCode).toBe(400)
      expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['url', 'secret']))
    })
  },
  { webhookRetryBaseMs: 20 },
) // retries within the test's time
