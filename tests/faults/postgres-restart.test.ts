// The same outage with a real server: a throwaway PostgreSQL cluster (never the shared one) is stopped
// with `pg_ctl stop -m fast` during load — clients get 57P01 admin shutdown, then ECONNREFUSED — and
// started again. /readyz 503 within 2 s, quick 503 problems, no crash, recovery within 5 s of its return.
import type { AddressInfo } from 'node:net'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../api/app.ts'
import { connectDatabase, type DatabaseHandle } from '../../db/connect.ts'
import { importFile } from '../../db/import/importer.ts'
import { migrateToLatest } from '../../db/migrator.ts'
import { demoCsv } from '../backup/demo-csv.ts'
import { testConfig } from '../helpers/databases.ts'
import { ClusterSet, type Cluster } from '../scale/pg-cluster.ts'
import { startLoad } from './load-loop.ts'
import { sleep, until } from '../../test-support/wait.ts'

describe('real PostgreSQL stopped and restarted under load', () => {
  const clusters = new ClusterSet()
  let server: Cluster
  let handle: DatabaseHandle
  let app: FastifyInstance
  let base = ''
  let ids: string[] = []

  beforeAll(async () => {
    server = await clusters.primary()
    handle = await connectDatabase({ databaseUrl: server.url(), poolSize: 5 })
    await migrateToLatest(handle.db)
    const report = await importFile(handle.db, demoCsv(20), { source: 'hinaura', actor: 'test', partial: true })
    ids = report.rows.flatMap((r) => (r.venue_id ? [r.venue_id] : []))
    app = await buildApp({ config: testConfig({ databaseUrl: server.url(), rateLimitMax: 1_000_000 }), database: handle })
    await app.listen({ port: 0, host: '127.0.0.1' })
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
  }, 120_000)

  afterAll(async () => {
    await app?.close()
    await handle?.close().catch(() => {})
    await clusters.cleanup()
  })

  it('answers 503 problems while stopped and recovers by itself', async () => {
    expect(ids.length).toBeGreaterThan(5)
    let n = 0
    const load = startLoad(base, () => (n++ % 2 ? '/api/v1/venues?limit=5' : `/api/v1/venues/${ids[n % ids.length]}`), 6)
    await sleep(800)
    const stoppedAt = Date.now()
    await server.stop('fast')
    const readyDown = await until(async () => (await fetch(`${base}/readyz`)).status === 503, 2000)
    expect(readyDown, '/readyz 503 within 2 s').not.toBeNull()
    const down = await fetch(`${base}/api/v1/venues/${ids[0]}`)
    expect(down.status).toBe(503)
    expect(down.headers.get('retry-after')).toBeTruthy()
    expect(await down.json()).toMatchObject({ status: 503 })
    await sleep(1500)

    await server.start()
    const backAt = Date.now()
    const recovered = await until(async () => {
      const [ready, venue] = await Promise.all([fetch(`${base}/readyz`), fetch(`${base}/api/v1/venues/${ids[1]}`)])
      return ready.status === 200 && venue.status === 200
    }, 5000)
    expect(recovered, 'recovers within 5 s of PostgreSQL being back').not.toBeNull()
    await sleep(300)
    const outcomes = await load.stop()
    const during = outcomes.filter((o) => o.startedAt >= stoppedAt && o.startedAt < backAt)
    console.info(
      `pg_ctl stop/start: ${outcomes.length} requests (${during.length} while stopped); readyz 503 after ${readyDown}` +
        ` ms; recovered ${recovered} ms after start; slowest while stopped ${Math.max(...during.map((o) => o.ms))} ms; ` +
        `statuses ${[...new Set(outcomes.map((o) => o.status))].join(',')}`,
    )
    expect(outcomes.filter((o) => o.error !== null)).toEqual([])
    expect(outcomes.every((o) => o.status === 200 || o.status === 503)).toBe(true)
    expect(during.some((o) => o.status === 503)).toBe(true)
    expect(Math.max(...during.map((o) => o.ms))).toBeLessThan(4000)
  })
})
