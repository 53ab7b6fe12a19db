// A long query (the national governance indicators) must not block HTTP: /healthz stays fast and nothing is
// shed with a 503 while it runs, on PGlite too (the embedded database runs in a worker thread, db/pglite-worker.js).
// With PGlite on the HTTP thread this fails: every probe planned during the long query answers only after it.
import { beforeAll, expect, it } from 'vitest'
import type { AddressInfo } from 'node:net'
import { insertVenues } from '../../db/venue-store.ts'
import { sql } from 'kysely'
import { describeEachApp } from '../helpers/databases.ts'
import { rng, venueData } from '../api/governance/fixtures.ts'

// Load shedding on (the test config turns it off; see the end of the suite): a query on the HTTP thread blocks it
// and trips it; 2 s instead of the default 1 s so a starved shared test machine alone does not.

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const PROBES = 20
const PROBE_EVERY_MS = 25

describeEachApp(
  'a long query does not block HTTP',
  (ctx) => {
    let base = ''

    beforeAll(async () => {
      const random = rng(7)
      // Venues all over mainland France: the national figures read every commune's coverage.
      await insertVenues(
        ctx.database.db,
        Array.from({ length: 60 }, (_, i) => ({
          data: venueData(i, 43 + random() * 6, -1 + random() * 7, {}),
          status: 'published' as const,
        })),
        { actor: 'test', reason: 'jeu de test' },
      )
      await ctx.app.listen({ port: 0, host: '127.0.0.1' })
      base = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`
      // The bulk insert left the coverage stale: its recompute (JS, sliced) is not what this test is about.
      expect((await fetch(`${base}/api/v1/governance/indicators?territory=fr`)).status).toBe(200)
      await sleep(1200) // past the start-up grace period of the pressure plugin (two samples)
    }, 600_000)

    it('answers /healthz in < 50 ms (median of 20) and sheds nothing while a long query and the national indicators run', async () => {
      const refused: string[] = []
      const check = async (path: string) => {
        const res = await fetch(`${base}${path}`)
        const body = await res.text()
        if (res.status !== 200) refused.push(`${path} ${res.status} ${body.slice(0, 200)}`)
        return body
      }
      // Probes planned every 25 ms, each sent by its own timer; latency counts from the planned time, so a blocked
      // event loop (which delays the timers too) shows up in the figures.
      const probe = (t0: number) =>
        Promise.all(
          Array.from({ length: PROBES }, (_, i) => t0 + i * PROBE_EVERY_MS).map(
            (at) =>
              new Promise<number>((resolve) => {
                setTimeout(() => void check('/healthz').then(() => resolve(performance.now() - at)), at - performance.now())
              }),
          ),
        )
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[PROBES / 2]
      // The same probes on an idle app first: on a machine shared with other test files that is the floor.
      const idle = median(await probe(performance.now() + 50))
      // A deliberately long query (seconds on PGlite), then the national indicators queued behind it. The probes
      // fall while the long query runs: what is measured is the database's hold on the HTTP thread, not the cost
      // of serialising the national answer (thousands of white-zone communes with 60 venues), which comes after.
      const longStarted = performance.now()
      let longEnded = Infinity
      const long = sql<{ n: number }>`SELECT count(*)::int AS n FROM generate_series(1, 8000000) a, LATERAL (SELECT a * 2) b`
        .execute(ctx.database.db)
        .then((r) => {
          longEnded = performance.now()
          return r.rows[0].n
        })
      const national = check('/api/v1/governance/indicators?territory=fr').then((body) => JSON.parse(body) as { population?: number })
      // Requests queued behind them: they may wait, but must not be shed.
      const others = Promise.all([
        check('/api/v1/venues?limit=1'),
        ...[150, 250, 350].map((ms) => sleep(ms).then(() => check('/openapi.json'))),
      ])
      const t0 = longStarted + 50
      const healthMs = await probe(t0)
      const lastPlanned = t0 + (PROBES - 1) * PROBE_EVERY_MS
      expect(await long).toBe(8_000_000)
      const result = await national
      await others
      const during = median(healthMs)
      const longMs = longEnded - longStarted
      console.log(
        `[${ctx.kind}] long query ${longMs.toFixed(0)} ms; /healthz idle: median ${idle.toFixed(1)} ms; during it: ` +
          `median ${during.toFixed(1)} ms, max ${Math.max(...healthMs).toFixed(1)} ms`,
      )
      // Every probe was planned while the long query ran, or the test could not fail.
      expect(longEnded).toBeGreaterThan(lastPlanned)
      expect(refused).toEqual([])
      expect(result.population).toBeGreaterThan(60_000_000)
      // < 50 ms on an idle machine (the goal); on a loaded one, no worse than three times the idle probes. Either way
      // far below the long query: a database on the HTTP thread makes every probe wait for it (seconds).
      expect(during).toBeLessThan(Math.max(50, 3 * idle))
      expect(during).toBeLessThan(longMs / 10)
    }, 300_000)
  },
  { pressure: { maxEventLoopDelay: 2000 } },
) // load shedding on, as in production
