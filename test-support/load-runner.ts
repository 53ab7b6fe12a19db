// The mixed public-traffic load run shared by `bench/load.ts` (60 s × 100 connections × 30,000 venues) and
// its short version in tests/scale/load.test.ts: a real `maillage serve` child process on PostgreSQL, N
// closed-loop connections (near search, tiles, venue pages, venue JSON), latency percentiles per kind,
// errors, and the server's resident memory sampled every second from /proc.
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import http from 'node:http'
import type { Kysely } from 'kysely'
import type { Database } from '../db/types.ts'
import { importFile } from '../db/import/importer.ts'
import { rowsToCsv, seededRandom, synthesizeRows } from './synthesize.ts'

export interface LoadOptions {
  databaseUrl: string
  durationS: number
  connections: number
  /** Seconds of the same load before measuring (JIT, pools, caches and the heap reach their working size). */
  warmupS?: number
  log?: (line: string) => void
}

export interface KindStats {
  count: number
  p50: number
  p99: number
  max: number
}
export interface LoadReport {
  requests: number
  rps: number
  errors: number
  /** Answers with a status >= 500 (or a network error), by status. */
  failures: Record<string, number>
  statuses: Record<string, number>
  overall: KindStats
  byKind: Record<string, KindStats>
  /** Server RSS in MiB, one sample per second. */
  rssMiB: number[]
  /** Growth of RSS over the last two thirds of the run (the first third is warm-up). */
  rssGrowth: number
}

/** Loads `count` synthetic venues (jittered real ones) through the importer, in chunks. */
export async function seedVenues(db: Kysely<Database>, count: number, log = (_: string) => {}): Promise<number> {
  const rows = synthesizeRows(count)
  let created = 0
  for (let i = 0; i < rows.length; i += 5000) {
    const report = await importFile(db, rowsToCsv(rows.slice(i, i + 5000)), { source: 'bench', actor: 'bench', partial: true })
    created += report.totals.created + report.totals.updated + report.totals.unchanged
    log(`  ${Math.min(i + 5000, rows.length)}/${rows.length} lignes importées`)
  }
  return created
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}

function stats(values: number[]): KindStats {
  const sorted = [...values].sort((a, b) => a - b)
  return { count: sorted.length, p50: round(percentile(sorted, 50)), p99: round(percentile(sorted, 99)), max: round(sorted.at(-1) ?? 0) }
}
const round = (n: number) => Math.round(n * 10) / 10

function rssMiB(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  return match ? Number(match[1]) / 1024 : 0
}

/** Tile coordinates covering metropolitan France at zoom z. */
function franceTile(z: number, random: () => number) {
  const lon = -4.5 + random() * 12.5
  const lat = 42.5 + random() * 8.5
  const n = 2 ** z
  const x = Math.floor(((lon + 180) / 360) * n)
  const y = Math.floor(((1 - Math.log(Math.tan((lat * Math.PI) / 180) + 1 / Math.cos((lat * Math.PI) / 180)) / Math.PI) / 2) * n)
  return `${z}/${x}/${y}`
}

export async function runLoad(options: LoadOptions, db: Kysely<Database>): Promise<LoadReport> {
  const log = options.log ?? (() => {})
  const venues = await db
    .selectFrom('venues')
    .select(['id', 'latitude', 'longitude'])
    .where('status', '=', 'published')
    .where('latitude', 'is not', null)
    .execute()
  if (venues.length === 0) throw new Error('no venues to load-test')

  const server = spawn(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'serve'], {
    cwd: new URL('../', import.meta.url).pathname,
    env: {
      ...process.env,
      DATABASE_URL: options.databaseUrl,
      SEED: 'none',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'error',
      RATE_LIMIT_MAX: '1000000000',
      NODE_ENV: 'development',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  server.stdout!.on('data', (d) => {
    out += d
  })
  server.stderr!.on('data', (d) => {
    out += d
  })
  const exited = new Promise<number | null>((resolve) => server.on('exit', (code) => resolve(code)))
  try {
    const base = await new Promise<string>((resolve, reject) => {
      const timer = setInterval(() => {
        const match = /prêt en [\d.]+ s : (http:\/\/[^\s]+?)\/?\s/.exec(out)
        if (match) {
          clearInterval(timer)
          resolve(match[1])
        }
        if (server.exitCode !== null) {
          clearInterval(timer)
          reject(new Error(`serve exited: ${out}`))
        }
      }, 100)
    })
    log(
      `serveur prêt (${base}, pid ${server.pid}) ; ${options.connections} connexions pendant ${options.durationS} s ` +
        `sur ${venues.length} lieux`,
    )

    const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections })
    const get = (url: string) =>
      new Promise<number>((resolve, reject) => {
        const req = http.get(url, { agent, timeout: 30_000 }, (res) => {
          res.resume()
          res.on('end', () => resolve(res.statusCode ?? 0)).on('error', reject)
        })
        req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' }))).on('error', reject)
      })
    const random = seededRandom(7)
    const pick = () => venues[Math.floor(random() * venues.length)]
    const kinds: [string, () => string][] = [
      [
        'near',
        () => {
          const v = pick()
          return (
            `/api/v1/venues?near=${(v.latitude! + (random() - 0.5) * 0.1).toFixed(4)},` +
            `${(v.longitude! + (random() - 0.5) * 0.1).toFixed(4)}&radius=10000&limit=20`
          )
        },
      ],
      ['tile', () => franceTile(5 + Math.floor(random() * 8), random).replace(/^/, '/tiles/venues/') + '.mvt'],
      ['page', () => `/lieux/${pick().id}`],
      ['json', () => `/api/v1/venues/${pick().id}`],
    ]
    const latencies: Record<string, number[]> = Object.fromEntries(kinds.map(([k]) => [k, []]))
    const statuses: Record<string, number> = {}
    const failures: Record<string, number> = {}
    const rss: number[] = []
    let sampler: NodeJS.Timeout | undefined
    let end = 0
    let requests = 0
    const worker = async (index: number) => {
      let i = index
      while (Date.now() < end) {
        const [kind, path] = kinds[i++ % kinds.length]
        const started = performance.now()
        try {
          const status = await get(base + path())
          latencies[kind].push(performance.now() - started)
          statuses[status] = (statuses[status] ?? 0) + 1
          if (status >= 500) failures[status] = (failures[status] ?? 0) + 1
        } catch (error) {
          const code = (error as { code?: string }).code ?? 'error'
          failures[code] = (failures[code] ?? 0) + 1
        }
        requests++
      }
    }
    if (options.warmupS) {
      end = Date.now() + options.warmupS * 1000
      await Promise.all(Array.from({ length: options.connections }, (_, i) => worker(i)))
      for (const list of Object.values(latencies)) list.length = 0
      for (const key of Object.keys(statuses)) delete statuses[key]
      requests = 0
      log(`échauffement de ${options.warmupS} s terminé (échecs pendant l'échauffement : ${JSON.stringify(failures)})`)
    }
    rss.push(rssMiB(server.pid!))
    sampler = setInterval(() => rss.push(rssMiB(server.pid!)), 1000)
    end = Date.now() + options.durationS * 1000
    const started = Date.now()
    await Promise.all(Array.from({ length: options.connections }, (_, i) => worker(i)))
    const seconds = (Date.now() - started) / 1000
    clearInterval(sampler)
    rss.push(rssMiB(server.pid!))
    agent.destroy()
    const third = rss[Math.floor(rss.length / 3)]
    const lastThirds = rss.slice(Math.floor(rss.length / 3))
    const report: LoadReport = {
      requests,
      rps: Math.round(requests / seconds),
      errors: Object.values(failures).reduce((a, b) => a + b, 0),
      failures,
      statuses,
      overall: stats(Object.values(latencies).flat()),
      byKind: Object.fromEntries(Object.entries(latencies).map(([k, v]) => [k, stats(v)])),
      rssMiB: rss.map((r) => Math.round(r)),
      rssGrowth: (Math.max(...lastThirds.slice(-3)) - third) / third,
    }
    return report
  } finally {
    server.kill('SIGTERM')
    const code = await Promise.race([exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 10_000))])
    if (code === 'timeout') server.kill('SIGKILL')
  }
}

export function formatReport(report: LoadReport): string {
  const lines = [
    `requêtes : ${report.requests} (${report.rps}/s), erreurs : ${report.errors} ${JSON.stringify(report.failures)}` +
      `, statuts : ${JSON.stringify(report.statuses)}`,
    `latence (ms) : p50 ${report.overall.p50}, p99 ${report.overall.p99}, max ${report.overall.max}`,
    ...Object.entries(report.byKind).map(([k, s]) => `  ${k.padEnd(5)} n=${s.count} p50 ${s.p50} p99 ${s.p99} max ${s.max}`),
    `RSS serveur (Mio, 1/s) : ${report.rssMiB.join(' ')}`,
    `croissance RSS sur les deux derniers tiers : ${(report.rssGrowth * 100).toFixed(1)} %`,
  ]
  return lines.join('\n')
}
