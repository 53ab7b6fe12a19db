// A long query (the national governance indicators) must not block HTTP: /healthz stays fast and nothing is
// shed with a 503 while it runs, on PGlite too (the embedded database runs outside the HTTP thread).
import { beforeAll, expect, it } from 'vitest'
import type { AddressInfo } from 'node:net'
import { insertVenues } from '../../db/venue-store.ts'
import { ensureCoverage } from '../../db/governance/coverage.ts'
import { describeEachApp } from '../helpers/databases.ts'
import { rng, venueData } from '../api/governance-fixtures.ts'

// Load shedding on (read when the app is built). A query on the HTTP thread blocks it for seconds and trips
// any threshold; 2 s instead of the default 1 s so a starved shared test machine alone does not.
process.env.MAX_EVENT_LOOP_DELAY_MS = '2000'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describeEachApp('a long query does not block HTTP', (ctx) => {
  let base = ''

  beforeAll(async () => {
    const random = rng(7)
    // Venues all over mainland France: the national figures compute a distance for every commune.
    await insertVenues(ctx.database.db, Array.from({ length: 60 }, (_, i) => ({
      data: venueData(i, 43 + random() * 6, -1 + random() * 7, {}), status: 'published' as const,
    })), { actor: 'test', reason: 'jeu de test' })
    // As the server's start-up does (db/bootstrap.ts): the coverage table is current before anyone reads it, so
    // what runs below is the indicators' own queries (history series, aggregates), not the one-off recompute.
    await ensureCoverage(ctx.database.db)
    await ctx.app.listen({ port: 0, host: '127.0.0.1' })
    base = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`
    await sleep(1200) // past the start-up grace period of the pressure plugin (two samples)
  })

  it('answers /healthz in < 50 ms (median of 20) and sheds nothing while the national indicators run', async () => {
    let done = false
    const started = Date.now()
    // Planned before the query starts: if the query blocks the event loop, every probe is late from here.
    const t0 = performance.now() + 100
    const national = fetch(`${base}/api/v1/governance/indicators?territory=fr`).then(async (r) => {
      done = true
      return { status: r.status, ms: Date.now() - started, body: await r.json() }
    })
    const refused: string[] = []
    const check = async (path: string) => {
      const res = await fetch(`${base}${path}`)
      const body = await res.text()
      if (res.status !== 200) refused.push(`${path} ${res.status} ${body}`)
    }
    // A database request queued behind the long query: it may wait, but must not be shed.
    const queued = check('/api/v1/venues?limit=1')
    // Probes planned every 25 ms once the query is under way, each sent by its own timer; each latency counts
    // from its planned time, so a blocked event loop (which delays the timers too) shows up in the figures.
    const probes = Array.from({ length: 20 }, (_, i) => new Promise<number>((resolve) => {
      const planned = t0 + i * 25
      setTimeout(() => void check('/healthz').then(() => resolve(performance.now() - planned)), planned - performance.now())
    }))
    const docs = Array.from({ length: 5 }, (_, i) => sleep(150 + i * 100).then(() => check('/openapi.json')))
    const healthMs = await Promise.all(probes)
    await Promise.all(docs)
    const duringQuery = !done
    const result = await national
    await queued
    const median = [...healthMs].sort((a, b) => a - b)[10]
    console.log(`[${ctx.kind}] national indicators ${result.ms} ms; /healthz median ${median.toFixed(1)} ms, max ${Math.max(...healthMs).toFixed(1)} ms`)
    expect(result.status).toBe(200)
    expect(result.body.population).toBeGreaterThan(60_000_000)
    expect(refused).toEqual([])
    expect(median).toBeLessThan(50)
    console.log(`[${ctx.kind}] all probes answered while the query ran: ${duringQuery}`)
  }, 300_000)
})
