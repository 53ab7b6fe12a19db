// Runs the real `maillage` command in a child process, as a user would.
import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
// One process (no tsx wrapper in between), so signals and exit codes are the command's own.
const NODE_ARGS = ['--import', 'tsx', 'cli/main.ts']

export interface CliResult {
  code: number | null
  stdout: string
  stderr: string
}

export function cliEnv(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  // Load shedding is tested on its own (tests/faults); here a busy CI machine must not turn answers into 503s.
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', MAX_EVENT_LOOP_DELAY_MS: '0' }
  delete env.DATABASE_URL
  delete env.NODE_ENV
  for (const [k, v] of Object.entries(extra))
    if (v === undefined) delete env[k]
    else env[k] = v
  return env
}

export function runCli(args: string[], env: NodeJS.ProcessEnv, input?: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...NODE_ARGS, ...args], { cwd: ROOT, env })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
    child.stdin.end(input ?? '')
  })
}

/** Starts `maillage serve` and resolves with its URL once it prints that it listens. */
export function startServer(
  env: NodeJS.ProcessEnv,
  timeoutMs = 120_000,
): Promise<{ url: string; child: ChildProcess; output: () => string; stop: () => Promise<number | null> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...NODE_ARGS, 'serve'], { cwd: ROOT, env: { ...env, PORT: env.PORT ?? '0' } })
    let output = ''
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`server did not start in ${timeoutMs} ms:\n${output}`))
    }, timeoutMs)
    const stop = () =>
      new Promise<number | null>((done) => {
        if (child.exitCode !== null) return done(child.exitCode)
        child.once('exit', (code) => done(code))
        child.kill('SIGTERM')
      })
    const onData = (d: Buffer) => {
      output += d
      const match = /(http:\/\/[^\s]+:\d+)\//.exec(output)
      if (match && /prêt/.test(output)) {
        clearTimeout(timer)
        resolve({ url: match[1], child, output: () => output, stop })
      }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', (d) => (output += d))
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`server exited with ${code}:\n${output}`))
    })
  })
}
