// Every operation of our OpenAPI document (new routes are picked up automatically), fed random and hostile
// parameters and bodies without credentials: never a 5xx, always the declared schema or a problem+json.
import fc from 'fast-check'
import { beforeAll, expect, it } from 'vitest'
import { importFile } from '../../db/import/importer.ts'
import { demoCsv } from '../backup/demo-csv.ts'
import { describeEachApp } from '../helpers/databases.ts'
import { loadOperations, requestFor, responseChecker } from './openapi.ts'

process.env.RATE_LIMIT_MAX = '100000000' // one client sends everything; rate limits are tested elsewhere
process.env.MAX_EVENT_LOOP_DELAY_MS = '0' // load shedding is tested in tests/faults; a busy CI must not shed here
const RUNS = Number(process.env.FUZZ_RUNS ?? 12)
// A fixed seed keeps CI reproducible; FUZZ_SEED=… explores other inputs.
const SEED = Number(process.env.FUZZ_SEED ?? 20261126)

describeEachApp('OpenAPI-driven fuzzing', (ctx) => {
  let ids: string[] = []
  beforeAll(async () => {
    await importFile(ctx.database.db, demoCsv(20), { source: 'hinaura', actor: 'test', partial: true })
    ids = (await ctx.database.db.selectFrom('venues').select('id').limit(5).execute()).map((r) => r.id)
  })

  it('answers every generated request without 5xx, with its schema or a problem', async () => {
    const { operations, doc } = await loadOperations(ctx.app)
    expect(operations.length).toBeGreaterThan(3)
    const check = responseChecker(doc)
    const failures: string[] = []
    let runs = 0
    for (const [index, op] of operations.entries()) {
      const requests = fc.sample(requestFor(op, ids), { numRuns: RUNS, seed: SEED + index })
      for (const request of requests) {
        const { operation, ...options } = request
        const res = await ctx.app.inject(options)
        runs++
        const problem = check(op, res)
        if (problem) failures.push(`${operation} ← ${options.method} ${options.url} ${options.payload ? String(options.payload).slice(0, 120) : ''}\n    ${problem}`)
      }
    }
    console.info(`fuzz [${ctx.kind}]: ${runs} requests over ${operations.length} operations (seed ${SEED}), ${failures.length} failures`)
    expect(failures.slice(0, 15)).toEqual([])
    expect(runs).toBe(operations.length * RUNS)
  })
})
