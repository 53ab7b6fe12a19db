// Issue 15's whole journey on both databases, against a local webhook receiver only: an authority key bound to
// `gironde` syncs 300 venues (dry run, then real), the curator approves the one submission with its diff, and the
// changes feed, the signed webhooks and the /data/ exports then carry exactly those 300 venues.
import { createServer, type Server } from 'node:http'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { verifySignature } from '../../api/webhooks/sign.ts'
import { describeEachApp } from '../helpers/databases.ts'
import { bearer, createPersonaKeys, type Persona } from './curation/curation-fixtures.ts'
import { girondeFile, girondeKey } from './source-fixtures.ts'

const SECRET = 'secret-du-recepteur-gironde-0123456789'

describeEachApp('a producer’s journey: sync, moderation, feed, webhooks, open data', (ctx) => {
  let keys: Record<Persona, string | null>
  let gironde: string
  let server: Server
  let receiverUrl: string
  const received: { signatureOk: boolean; venueId: string; kind: string }[] = []

  beforeAll(async () => {
    keys = await createPersonaKeys(ctx.database.db)
    gironde = await girondeKey(ctx.database.db)
    server = createServer((req, res) => {
      let body = ''
      req.on('data', (chunk) => {
        body += chunk
      })
      req.on('end', () => {
        const payload = JSON.parse(body) as { change: { id: string; kind: string } }
        received.push({
          signatureOk: verifySignature(
            SECRET,
            String(req.headers['x-maillage-timestamp']),
            body,
            String(req.headers['x-maillage-signature']),
          ),
          venueId: payload.change.id,
          kind: payload.change.kind,
        })
        res.writeHead(204).end()
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    receiverUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}/maillage`
  })
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve))
  })

  const feedSince = async (since: string) => {
    const changes: { id: string; kind: string }[] = []
    let cursor = since
    for (;;) {
      const res = await ctx.app.inject({ url: `/api/v1/changes?since=${cursor}&limit=100` })
      expect(res.statusCode, res.body).toBe(200)
      const page = res.json() as { changes: { id: string; kind: string }[]; next_cursor: string; has_more: boolean }
      changes.push(...page.changes)
      cursor = page.next_cursor
      if (!page.has_more) return { changes, cursor }
    }
  }

  it('carries the 300 approved venues, and nothing before approval, to every way out', async () => {
    const subscribed = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/admin/webhooks',
      headers: bearer(keys.admin),
      payload: { url: receiverUrl, secret: SECRET, territories: ['dep:33'] },
    })
    expect(subscribed.statusCode, subscribed.body).toBe(201)
    const start = (await feedSince('0')).cursor
    const put = (query: string) =>
      ctx.app.inject({
        method: 'PUT',
        url: `/api/v1/sources/gironde/dataset${query}`,
        headers: { ...bearer(gironde), 'content-type': 'text/csv' },
        payload: girondeFile(300),
      })

    const dry = await put('?dry_run=true')
    expect(dry.json()).toMatchObject({ status: 'dry_run', totals: { rows: 300, created: 300, rejected: 0 } })
    const real = await put('')
    expect(real.statusCode, real.body).toBe(202)
    const submissionId = real.json().submission_id as string
    // Proposed, not published: the feed and the receiver have nothing yet.
    expect((await feedSince(start)).changes).toEqual([])
    await ctx.app.webhooks.worker.tick()
    expect(received).toEqual([])

    const seen = await ctx.app.inject({ url: `/api/v1/submissions/${submissionId}`, headers: bearer(keys.curatorOwn) })
    expect(seen.json().diff).toHaveLength(300)
    const approved = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/submissions/${submissionId}/approve`,
      headers: bearer(keys.curatorOwn),
      payload: {},
    })
    expect(approved.statusCode, approved.body).toBe(200)
    const published = await ctx.database.db
      .selectFrom('venues')
      .select(['id', 'source_id'])
      .where('source', '=', 'gironde')
      .where('status', '=', 'published')
      .execute()
    expect(published).toHaveLength(300)
    const ids = published.map((v) => v.id).sort()

    // The feed: exactly those 300 creations, each once.
    const feed = (await feedSince(start)).changes
    expect(feed.map((c) => c.kind)).toEqual(Array(300).fill('created'))
    expect(feed.map((c) => c.id).sort()).toEqual(ids)

    // The webhooks: the same 300 changes, every one signed with the subscriber's secret.
    for (let i = 0; i < 20 && received.length < 300; i++) await ctx.app.webhooks.worker.tick()
    expect(received).toHaveLength(300)
    expect(received.every((r) => r.signatureOk && r.kind === 'created')).toBe(true)
    expect(received.map((r) => r.venueId).sort()).toEqual(ids)

    // The open data files, rebuilt from the feed, list them under the producer's own ids.
    await ctx.app.openData.refresh()
    const file = await ctx.app.inject({ url: '/data/lieux-mediation-numerique.json' })
    expect(file.statusCode).toBe(200)
    const exported = new Set((file.json() as { id: string }[]).map((r) => r.id))
    expect(published.every((v) => exported.has(v.source_id))).toBe(true)
  }, 240_000)
})
