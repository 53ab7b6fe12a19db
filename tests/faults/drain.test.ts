// SIGTERM drains without a single reset, on both databases: /readyz turns 503 at once, the listener keeps
// answering for SHUTDOWN_DRAIN_MS (new requests: 503 + Connection: close), accepted requests finish, exit 0.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../helpers/databases.ts'
import { sleep } from '../../test-support/wait.ts'

const DRAIN_MS = 3000
const children = new Set<ChildProcess>()
afterAll(() => {
  for (const child of children) child.kill('SIGKILL')
})

function serve(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'serve'], {
    env: {
      ...process.env,
      SEED: 'none',
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'error',
      RATE_LIMIT_MAX: '1000000',
      MAX_EVENT_LOOP_DELAY_MS: '0',
      SHUTDOWN_DRAIN_MS: String(DRAIN_MS),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.add(child)
  let output = ''
  child.stdout!.on('data', (d) => {
    output += d
  })
  child.stderr!.on('data', (d) => {
    output += d
  })
  const exited = new Promise<{ code: number | null; at: number }>((resolve) => {
    child.on('exit', (code) => {
      children.delete(child)
      resolve({ code, at: Date.now() })
    })
  })
  const ready = async (): Promise<string> => {
    for (const start = Date.now(); Date.now() - start < 240_000; await sleep(100)) {
      const match = /prêt en [\d.]+ s : (http:\/\/[^\s]+?)\/?\s/.exec(output)
      if (match) return match[1]
      if (child.exitCode !== null) throw new Error(`serve exited ${child.exitCode}: ${output}`)
    }
    throw new Error(`serve not ready: ${output}`)
  }
  return { child, exited, ready }
}

interface Outcome {
  status: number | null
  error: string | null
  connection: string | null
}
async function get(url: string): Promise<Outcome> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(15_000) })
    await res.arrayBuffer()
    return { status: res.status, error: null, connection: res.headers.get('connection') }
  } catch (error) {
    return { status: null, error: (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name, connection: null }
  }
}

for (const kind of DATABASE_KINDS) {
  describe(`SIGTERM drain [${kind}]`, () => {
    let database: TestDatabase | undefined
    const dir = mkdtempSync(join(tmpdir(), 'maillage-drain-'))
    afterAll(async () => {
      await database?.drop()
      rmSync(dir, { recursive: true, force: true })
    })

    it('20 requests sent 20 ms before SIGTERM all get 200 or 503, /readyz turns 503 at once, exit 0 after the drain', async () => {
      if (kind === 'postgres') database = await createTestDatabase('postgres')
      const env: Record<string, string> = database ? { DATABASE_URL: database.url! } : { PGLITE_DIR: dir }
      const server = serve(env)
      const base = await server.ready()
      expect((await get(`${base}/readyz`)).status).toBe(200)

      const paths = ['/api/v1/venues?limit=5', '/readyz', '/healthz', '/api/v1/geocode?q=bordeaux']
      const burst = Array.from({ length: 20 }, (_, i) => get(base + paths[i % paths.length]))
      await sleep(20)
      const signalledAt = Date.now()
      server.child.kill('SIGTERM')
      // "At once": as soon as the process handles the signal (PGlite may still be busy with the burst).
      // A /readyz accepted before that waits behind the burst and may still answer 200.
      let readyz = await get(`${base}/readyz`)
      while (readyz.status === 200 && Date.now() - signalledAt < DRAIN_MS * 0.6) readyz = await get(`${base}/readyz`)
      const late = await get(`${base}/api/v1/venues?limit=1`)

      const outcomes = await Promise.all(burst)
      expect(
        outcomes.filter((o) => o.status !== 200 && o.status !== 503),
        JSON.stringify(outcomes),
      ).toEqual([])
      expect(readyz.status).toBe(503)
      expect(late.status).toBe(503)
      expect(late.connection).toBe('close')

      const exit = await Promise.race([server.exited, sleep(DRAIN_MS + 10_000).then(() => null)])
      expect(exit, 'must exit after the drain').not.toBeNull()
      expect(exit!.code).toBe(0)
      expect(exit!.at - signalledAt).toBeGreaterThanOrEqual(DRAIN_MS - 50)
      console.info(
        `drain [${kind}]: ${outcomes.filter((o) => o.status === 200).length}×200, ` +
          `${outcomes.filter((o) => o.status === 503).length}×503, exit after ${exit!.at - signalledAt} ms`,
      )
    }, 300_000)
  })
}
