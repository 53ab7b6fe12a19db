// Every operation of our OpenAPI document (new routes are picked up automatically), fed random and hostile
// parameters and bodies without credentials: never a 5xx, always the declared schema or a problem+json.
import fc from 'fast-check'
import { beforeAll, expect, it } from 'vitest'
import { createApiKey } from '../../db/auth/api-keys.ts'
import { importFile } from '../../db/import/importer.ts'
import { demoCsv } from '../backup/demo-csv.ts'
import { describeEachApp } from '../helpers/databases.ts'
import { loadOperations, requestFor, responseChecker } from './openapi.ts'

const RUNS = Number(process.env.FUZZ_RUNS ?? 12)
// A fixed seed keeps CI reproducible; FUZZ_SEED=… explores other inputs.
const SEED = Number(process.env.FUZZ_SEED ?? 20261126)
// Write routes (the import route included) again with a key of each role: fewer runs, CI stays fast.
const ROLE_RUNS = Number(process.env.FUZZ_ROLE_RUNS ?? 3)

describeEachApp(
  'OpenAPI-driven fuzzing',
  (ctx) => {
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
          if (problem)
            failures.push(
              `${operation} ← ${options.method} ${options.url} ` +
                `${options.payload ? String(options.payload).slice(0, 120) : ''}\n    ${problem}`,
            )
        }
      }
      console.info(`fuzz [${ctx.kind}]: ${runs} requests over ${operations.length} operations (seed ${SEED}), ${failures.length} failures`)
      expect(failures.slice(0, 15)).toEqual([])
      expect(runs).toBe(operations.length * RUNS)
    })

    it('answers write routes without 5xx with the key of each role (authority, curator, admin)', async () => {
      const { operations, doc } = await loadOperations(ctx.app)
      const writes = operations.filter((op) => op.method !== 'GET')
      expect(writes.some((op) => op.path === '/api/v1/imports')).toBe(true)
      const check = responseChecker(doc)
      const failures: string[] = []
      let runs = 0
      for (const [r, role] of (['authority', 'curator', 'admin'] as const).entries()) {
        const { key } = await createApiKey(ctx.database.db, {
          name: `fuzz ${role}`,
          role,
          territories: role === 'admin' ? [] : ['dep:69'],
          createdBy: 'test',
        })
        for (const [index, op] of writes.entries()) {
          for (const request of fc.sample(requestFor(op, ids), { numRuns: ROLE_RUNS, seed: SEED + 1000 * (r + 1) + index })) {
            const { operation, ...options } = request
            const res = await ctx.app.inject({ ...options, headers: { ...options.headers, authorization: `Bearer ${key}` } })
            runs++
            const problem = check(op, res)
            if (problem)
              failures.push(
                `${role} ${operation} ← ${options.method} ${options.url} ` +
                  `${options.payload ? String(options.payload).slice(0, 120) : ''}\n    ${problem}`,
              )
          }
        }
      }
      console.info(
        `fuzz with keys [${ctx.kind}]: ${runs} requests over ${writes.length} write operations × 3 roles, ${failures.length} failures`,
      )
      expect(failures.slice(0, 15)).toEqual([])
    })
  },
  { rateLimitMax: 100_000_000 },
) // one client sends everything; rate limits are tested elsewhere
