// Harvesting against a local HTTP server: the first run creates, the second with the same ETag does nothing (304),
// a changed file updates, a broken file changes nothing and is reported; the lease keeps runs one at a time.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { listHarvestRuns, takeHarvestLease, releaseHarvestLease } from '../../../db/sync/harvest-store.ts'
import { harvestDue } from '../../../db/sync/harvest.ts'
import { describeEachApp } from '../../helpers/databases.ts'
import { bearer, createPersonaKeys, type Persona } from '../curation/curation-fixtures.ts'
import { girondeFile } from '../source-fixtures.ts'

describeEachApp('harvesting a source’s published file', (ctx) => {
  let keys: Record<Persona, string | null>
  let server: Server
  let url: string
  const served = { body: girondeFile(5), etag: '"v1"', requests: [] as (string | undefined)[] }
  beforeAll(async () => {
    keys = await createPersonaKeys(ctx.database.db)
    server = createServer((req, res) => {
      served.requests.push(req.headers['if-none-match'])
      if (req.headers['if-none-match'] === served.etag) {
        res.writeHead(304).end()
        return
      }
      res.writeHead(200, { 'content-type': 'text/csv', etag: served.etag }).end(served.body)
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/lieux.csv`
  })
  afterAll(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())))
  const names = async () =>
    (
      await ctx.database.db
        .selectFrom('venues')
        .select(['source_id', 'nom'])
        .where('source', '=', 'cd33-open')
        .where('status', '=', 'published')
        .orderBy('source_id')
        .execute()
    ).map((v) => `${v.source_id}:${v.nom}`)

  it('creates, then 304, then updates, then reports a broken file without writing; /admin lists the failure', async () => {
    const add = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/admin/sources',
      headers: bearer(keys.admin),
      payload: { name: 'cd33-open', url, every: '24h' },
    })
    expect(add.statusCode).toBe(201)
    expect(
      (
        await ctx.app.inject({
          method: 'POST',
          url: '/api/v1/admin/sources',
          headers: bearer(keys.admin),
          payload: { name: 'x', url, every: 'souvent' },
        })
      ).json().errors,
    ).toEqual([expect.objectContaining({ field: 'every' })])

    const [first] = (await harvestDue(ctx.database.db))!
    expect(first).toMatchObject({ outcome: 'applied', http_status: 200, totals: { created: 5 } })
    expect(first.bytes).toBe(Buffer.byteLength(served.body))
    expect(await names()).toHaveLength(5)
    // Not due again before 24 h; asked by name it runs, with the ETag: 304, nothing done.
    expect(await harvestDue(ctx.database.db)).toEqual([])
    const [second] = (await harvestDue(ctx.database.db, 'cd33-open'))!
    expect(second).toMatchObject({ outcome: 'not_modified', http_status: 304 })
    expect(served.requests).toEqual([undefined, '"v1"'])

    served.body = girondeFile(5, (i) => (i === 4 ? 'Tiers-lieu du Bouscat' : null))
    served.etag = '"v2"'
    const [third] = (await harvestDue(ctx.database.db, 'cd33-open'))!
    expect(third).toMatchObject({ outcome: 'applied', totals: { updated: 1, unchanged: 4 } })
    expect(await names()).toContain('g-4:Tiers-lieu du Bouscat')

    const before = await names()
    served.body = girondeFile(5, (i) => (i === 0 ? 'Renommé' : null)).replace(
      'g-2,Point numérique 2,2 cours Victor Hugo,33000',
      'g-2,Point numérique 2,2 cours Victor Hugo,XXXXX',
    )
    served.etag = '"v3"'
    const [fourth] = (await harvestDue(ctx.database.db, 'cd33-open'))!
    expect(fourth).toMatchObject({ outcome: 'failed', http_status: 200, error: expect.stringMatching(/1 ligne\(s\) en erreur/) })
    expect(fourth.rejected).toEqual([expect.objectContaining({ row: 4, errors: [expect.objectContaining({ field: 'code_postal' })] })])
    expect(await names()).toEqual(before)
    // The refused file is fetched again next time (its ETag was not kept).
    await harvestDue(ctx.database.db, 'cd33-open')
    expect(served.requests.at(-1)).toBe('"v2"')

    const listed = await ctx.app.inject({ url: '/api/v1/admin/sources', headers: bearer(keys.admin) })
    expect(listed.json().items[0]).toMatchObject({
      name: 'cd33-open',
      last_failure: { outcome: 'failed', rejected: [expect.objectContaining({ row: 4 })] },
    })
    expect((await ctx.app.inject({ url: '/api/v1/admin/sources', headers: bearer(keys.curatorOwn) })).statusCode).toBe(403)
    expect((await listHarvestRuns(ctx.database.db, 'cd33-open', 10)).map((r) => r.outcome)).toEqual([
      'failed',
      'failed',
      'applied',
      'not_modified',
      'applied',
    ])
  })

  it('runs one at a time: while another instance holds the lease nothing runs here', async () => {
    expect(await takeHarvestLease(ctx.database.db, 'other-instance', 60)).toBe(true)
    expect(await harvestDue(ctx.database.db, 'cd33-open', 'this-instance')).toBeNull()
    await releaseHarvestLease(ctx.database.db, 'other-instance')
    expect(await harvestDue(ctx.database.db, 'cd33-open', 'this-instance')).toHaveLength(1)
  })
})
