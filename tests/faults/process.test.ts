// The real `maillage serve` process: SIGTERM during load lets in-flight requests finish, refuses new ones
// and exits 0 within 10 s; a second process on the same embedded data directory fails with a clear error.
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import net from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '../helpers/databases.ts'
import { startLoad } from './load-loop.ts'
import { sleep } from '../../test-support/wait.ts'

const children = new Set<ChildProcess>()

function maillage(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'cli/main.ts', ...args], {
    env: { ...process.env, SEED: 'none', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'error', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.add(child)
  let stdout = ''
  let stderr = ''
  child.stdout!.on('data', (d) => {
    stdout += d
  })
  child.stderr!.on('data', (d) => {
    stderr += d
  })
  const exited = new Promise<{ code: number | null; signal: string | null; at: number }>((resolve) => {
    child.on('exit', (code, signal) => {
      children.delete(child)
      resolve({ code, signal, at: Date.now() })
    })
  })
  const ready = async (limitMs = 90_000): Promise<string> => {
    const start = Date.now()
    while (Date.now() - start < limitMs) {
      const match = /prêt en [\d.]+ s : (http:\/\/[^\s]+?)\/?\s/.exec(stdout)
      if (match) return match[1]
      if (child.exitCode !== null) throw new Error(`serve exited ${child.exitCode}: ${stderr}`)
      await sleep(100)
    }
    throw new Error(`serve not ready after ${limitMs} ms: ${stdout} ${stderr}`)
  }
  return { child, exited, ready, output: () => ({ stdout, stderr }) }
}

afterAll(() => {
  for (const child of children) child.kill('SIGKILL')
})

describe('maillage serve: graceful shutdown', () => {
  let database: TestDatabase
  afterAll(async () => {
    await database?.drop()
  })

  it('finishes in-flight requests, refuses new ones and exits 0 within 10 s of SIGTERM', async () => {
    database = await createTestDatabase('postgres')
    // No drain window here (tests/faults/drain.test.ts covers it): the listener closes at once.
    const server = maillage(['serve'], { DATABASE_URL: database.url!, RATE_LIMIT_MAX: '1000000', SHUTDOWN_DRAIN_MS: '0' })
    const base = await server.ready()
    const { port } = new URL(base)
    let n = 0
    const load = startLoad(base, () => (n++ % 2 ? '/api/v1/venues?limit=5' : '/readyz'), 6)
    await sleep(800)

    // A request in flight at SIGTERM: headers and half of the body sent, the rest after the signal.
    const inflight = net.connect(Number(port), '127.0.0.1')
    await new Promise((r) => inflight.once('connect', r))
    let response = ''
    inflight.on('data', (d) => {
      response += d
    })
    const body = JSON.stringify({ nom: 'x'.repeat(30) })
    inflight.write(
      `POST /api/v1/venues HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ` +
        `${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body.slice(0, 10)}`,
    )
    await sleep(300)

    const signalledAt = Date.now()
    server.child.kill('SIGTERM')
    await sleep(700)
    // New connections are refused while the in-flight one is still open.
    const refused = await fetch(`${base}/healthz`).then(
      (r) => `status ${r.status}`,
      (e) => (e as { cause?: { code?: string } }).cause?.code,
    )
    expect(refused).toBe('ECONNREFUSED')
    inflight.write(body.slice(10))
    await new Promise((r) => inflight.once('close', r))
    expect(response).toMatch(/^HTTP\/1\.1 [1-4]\d\d /)

    const exit = await Promise.race([server.exited, sleep(10_000).then(() => null)])
    const outcomes = await load.stop()
    expect(exit, 'must exit within 10 s').not.toBeNull()
    expect(exit!.code).toBe(0)
    expect(exit!.at - signalledAt).toBeLessThan(10_000)
    console.info(
      `SIGTERM: exit ${exit!.code} after ${exit!.at - signalledAt} ms; ${outcomes.length} load requests; in-flight ` +
        `answered ${response.split('\r\n')[0]}`,
    )
    // Requests sent before the signal all got their answer.
    const before = outcomes.filter((o) => o.startedAt < signalledAt - 100)
    expect(before.length).toBeGreaterThan(5)
    expect(before.filter((o) => o.status !== 200)).toEqual([])
    // After it: an answer (200, or 503 on a kept-alive connection while closing) or a refused connection.
    for (const o of outcomes.filter((o) => o.startedAt >= signalledAt)) {
      if (o.status !== null) expect([200, 503]).toContain(o.status)
      else expect(['ECONNREFUSED', 'UND_ERR_SOCKET', 'ECONNRESET']).toContain(o.error)
    }
  })
})

describe('embedded database: one process per data directory', () => {
  const dir = mkdtempSync(join(tmpdir(), 'maillage-lock-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('refuses a second process on the same PGLITE_DIR with a clear message', async () => {
    const first = maillage(['serve'], { PGLITE_DIR: dir })
    const lock = join(dir, 'maillage.pid')
    const start = Date.now()
    while (!existsSync(lock) && Date.now() - start < 30_000 && first.child.exitCode === null) await sleep(50)
    expect(existsSync(lock)).toBe(true)
    const second = maillage(['migrate'], { PGLITE_DIR: dir })
    const exit = await second.exited
    expect(exit.code).toBe(1)
    expect(second.output().stderr).toContain(`La base embarquée ${dir} est déjà utilisée par le processus ${first.child.pid}`)
    expect(first.child.exitCode).toBeNull() // the first one is unharmed
    first.child.kill('SIGKILL')
    await first.exited
  })
})
