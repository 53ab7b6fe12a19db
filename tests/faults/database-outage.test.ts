// PostgreSQL going away under load: /readyz turns 503 within 2 s, requests get a quick 503 problem with
// Retry-After (no hang, no 500, no crash), and the service recovers by itself within 5 s of its return.
// The outage is a TCP proxy between the app and the shared server, cut and restored (see tcp-proxy.ts).
import type { AddressInfo } from 'node:net'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../api/app.ts'
import { connectDatabase, type DatabaseHandle } from '../../db/connect.ts'
import { importFile } from '../../db/import/importer.ts'
import { demoCsv } from '../backup/demo-csv.ts'
import { createTestDatabase, testConfig, type TestDatabase } from '../helpers/databases.ts'
import { startLoad } from './load-loop.ts'
import { startProxy, type CuttableProxy } from './tcp-proxy.ts'
import { sleep, until } from '../../test-support/wait.ts'

describe('PostgreSQL outage under load', () => {
  let database: TestDatabase
  let proxy: CuttableProxy
  let handle: DatabaseHandle
  let app: FastifyInstance
  let base: string
  let ids: string[] = []

  beforeAll(async () => {
    database = await createTestDatabase('postgres')
    await importFile(database.db, demoCsv(30), { source: 'hinaura', actor: 'test', partial: true })
    ids = (await database.db.selectFrom('venues').select('id').execute()).map((r) => r.id)
    proxy = await startProxy(Number(new URL(database.url!).port || 5432), new URL(database.url!).hostname)
    const url = new URL(database.url!)
    url.hostname = '127.0.0.1'
    url.port = String(proxy.port)
    handle = await connectDatabase({ databaseUrl: url.toString(), poolSize: 5 })
    // The load comes from one address; rate limits are not under test.
    app = await buildApp({ config: testConfig({ databaseUrl: url.toString(), rateLimitMax: 1_000_000 }), database: handle })
    await app.listen({ port: 0, host: '127.0.0.1' })
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
  })

  afterAll(async () => {
    await app?.close()
    await handle?.close().catch(() => {})
    await proxy?.close()
    await database?.drop()
  })

  it('sheds with 503 problems while the database is down and recovers within 5 s', async () => {
    expect(ids.length).toBeGreaterThan(10)
    let n = 0
    const load = startLoad(base, () => (n++ % 2 === 0 ? `/api/v1/venues?limit=5` : `/api/v1/venues/${ids[n % ids.length]}`), 8)
    await sleep(1000)

    const cutAt = Date.now()
    await proxy.cut()
    const readyDown = await until(async () => (await fetch(`${base}/readyz`)).status === 503, 2000)
    expect(readyDown, '/readyz must turn 503 within 2 s').not.toBeNull()
    const down = await fetch(`${base}/api/v1/venues?limit=1`)
    expect(down.status).toBe(503)
    expect(down.headers.get('content-type')).toMatch(/^application\/problem\+json/)
    expect(Number(down.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(await down.json()).toMatchObject({ status: 503, title: 'Service indisponible' })
    await sleep(2500)

    const backAt = Date.now()
    await proxy.restore()
    const recovered = await until(async () => {
      const [ready, venue] = await Promise.all([fetch(`${base}/readyz`), fetch(`${base}/api/v1/venues/${ids[0]}`)])
      return ready.status === 200 && venue.status === 200
    }, 5000)
    expect(recovered, 'must recover within 5 s of the database coming back').not.toBeNull()
    await sleep(500)
    const outcomes = await load.stop()

    const during = outcomes.filter((o) => o.startedAt >= cutAt && o.startedAt < backAt)
    const statuses = new Set(outcomes.map((o) => o.status))
    console.info(
      `outage: ${outcomes.length} requests, ${during.length} during the outage; readyz 503 after ${readyDown} ms; ` +
        `recovered ${recovered} ms after return; statuses ${[...statuses].join(',')}; slowest during outage ` +
        `${Math.max(...during.map((o) => o.ms))} ms`,
    )
    // The server never crashed or dropped a connection: every request got an HTTP answer…
    expect(outcomes.filter((o) => o.error !== null)).toEqual([])
    // …either a normal answer or a 503 problem, never a 500; and none hung (pg connect timeout is 2 s).
    expect([...statuses].every((s) => s === 200 || s === 503)).toBe(true)
    expect(during.filter((o) => o.status === 503).length).toBeGreaterThan(0)
    for (const o of during.filter((o) => o.status === 503)) {
      expect(o.headers?.get('content-type')).toMatch(/^application\/problem\+json/)
      expect(o.headers?.get('retry-after')).toBeTruthy()
    }
    expect(Math.max(...during.map((o) => o.ms))).toBeLessThan(4000)
    // After recovery the last requests all succeed again.
    expect(outcomes.filter((o) => o.startedAt > backAt + (recovered ?? 0) + 100).every((o) => o.status === 200)).toBe(true)
  })
})
