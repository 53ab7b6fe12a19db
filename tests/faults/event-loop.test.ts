// A saturated event loop sheds load at once (503 problem + Retry-After, @fastify/under-pressure) instead
// of queueing requests; /healthz stays answered so the process is not killed for being busy; it recovers.
import { expect, it } from 'vitest'
import { readConfig } from '../../api/config.ts'
import { describeEachApp } from '../helpers/databases.ts'

function blockEventLoop(ms: number) {
  const end = Date.now() + ms
  while (Date.now() < end) {
    /* saturate: nothing else can run */
  }
}
const tick = () => new Promise((r) => setTimeout(r, 0))

it('reads its thresholds from the environment with sane defaults, refusing bad values in French', () => {
  const pressure = (env: Record<string, string>) => readConfig(env as NodeJS.ProcessEnv).pressure
  expect(pressure({})).toMatchObject({ maxEventLoopDelay: 1000, maxEventLoopUtilization: 0, retryAfter: 5 })
  expect(pressure({ MAX_EVENT_LOOP_DELAY_MS: '250', MAX_RSS_BYTES: '1e9' })).toMatchObject({ maxEventLoopDelay: 250, maxRssBytes: 1e9 })
  expect(() => pressure({ MAX_EVENT_LOOP_DELAY_MS: 'abc' })).toThrow(/MAX_EVENT_LOOP_DELAY_MS doit être un nombre entier/)
})

describeEachApp(
  'event-loop saturation',
  (ctx) => {
    it('answers 503 with Retry-After while saturated, keeps /healthz, then recovers', async () => {
      await new Promise((r) => setTimeout(r, 300)) // a calm sample first
      expect((await ctx.app.inject('/api/v1/venues?limit=1')).statusCode).toBe(200)

      // Sustained saturation: the loop is blocked 800 ms at a time; within a few rounds the sampler has
      // measured it and requests are shed (each round is far above the 200 ms threshold).
      let shed = await ctx.app.inject('/api/v1/venues?limit=1')
      let health = await ctx.app.inject('/healthz')
      for (let round = 0; round < 8 && shed.statusCode !== 503; round++) {
        blockEventLoop(800)
        await tick()
        ;[shed, health] = await Promise.all([ctx.app.inject('/api/v1/venues?limit=1'), ctx.app.inject('/healthz')])
      }
      expect(shed.statusCode).toBe(503)
      expect(shed.headers['retry-after']).toBe('3')
      expect(shed.headers['content-type']).toMatch(/^application\/problem\+json/)
      expect(shed.json()).toMatchObject({ status: 503, title: 'Service indisponible' })
      expect(health.statusCode).toBe(200)

      // Once the loop is free again, the next samples are calm and requests are served.
      let status = 0
      const start = Date.now()
      while (Date.now() - start < 8000 && status !== 200) {
        await new Promise((r) => setTimeout(r, 100))
        status = (await ctx.app.inject('/api/v1/venues?limit=1')).statusCode
      }
      expect(status).toBe(200)
    })
  },
  { pressure: { maxEventLoopDelay: 200, sampleInterval: 100, retryAfter: 3 } },
) // a fast sampler, a low threshold
