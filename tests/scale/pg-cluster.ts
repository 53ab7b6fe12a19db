// Throwaway PostgreSQL 15 clusters for tests that must stop a server or stream to a replica, never the
// shared one on 5432: initdb as the postgres OS user in a temp dir, random ports, removed afterwards.
import { execFile } from 'node:child_process'
import { appendFileSync, chmodSync, chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import net from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)
export const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin'

export interface Cluster {
  port: number
  dataDir: string
  url(database?: string): string
  stop(mode?: 'fast' | 'immediate'): Promise<void>
  start(): Promise<void>
}

export async function freePort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as net.AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

/** Runs a PostgreSQL binary as the postgres OS user (initdb and the server refuse to run as root). */
async function asPostgres(binary: string, args: string[], timeout = 60_000) {
  const command =
    process.getuid?.() === 0
      ? (['runuser', ['-u', 'postgres', '--', join(PG_BIN, binary), ...args]] as const)
      : ([join(PG_BIN, binary), args] as const)
  return run(command[0], [...command[1]], { timeout })
}

export class ClusterSet {
  readonly root: string
  private clusters: Cluster[] = []

  constructor() {
    this.root = mkdtempSync(join(tmpdir(), 'maillage-pg-'))
    chmodSync(this.root, 0o755)
    if (process.getuid?.() === 0) chownSync(this.root, 101, 104)
  }

  static available(): boolean {
    return existsSync(join(PG_BIN, 'initdb'))
  }

  private cluster(dataDir: string, port: number): Cluster {
    const log = join(this.root, `${port}.log`)
    const cluster: Cluster = {
      port,
      dataDir,
      url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
      start: async () => {
        await asPostgres('pg_ctl', ['-D', dataDir, '-l', log, '-w', '-t', '60', 'start'])
      },
      stop: async (mode = 'fast') => {
        await asPostgres('pg_ctl', ['-D', dataDir, '-m', mode, '-w', '-t', '30', 'stop']).catch(() => {})
      },
    }
    this.clusters.push(cluster)
    return cluster
  }

  /** A primary ready to stream WAL to replicas (initdb's trust pg_hba already allows local replication). */
  async primary(): Promise<Cluster> {
    const dataDir = join(this.root, 'primary')
    const port = await freePort()
    await asPostgres('initdb', ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8', '--locale', 'C'])
    appendFileSync(
      join(dataDir, 'postgresql.conf'),
      [
        '',
        `port = ${port}`,
        "listen_addresses = '127.0.0.1'",
        `unix_socket_directories = '${this.root}'`,
        'wal_level = replica',
        'max_wal_senders = 5',
        'hot_standby = on',
        'fsync = off',
        'synchronous_commit = off',
        'full_page_writes = off',
        'shared_buffers = 32MB',
        'max_connections = 40',
        '',
      ].join('\n'),
    )
    const cluster = this.cluster(dataDir, port)
    await cluster.start()
    return cluster
  }

  /** A streaming replica of `primary`, made by pg_basebackup -R, on its own port. */
  async replica(primary: Cluster): Promise<Cluster> {
    const dataDir = join(this.root, `replica-${this.clusters.length}`)
    const port = await freePort()
    await asPostgres('pg_basebackup', [
      '-h',
      '127.0.0.1',
      '-p',
      String(primary.port),
      '-U',
      'postgres',
      '-D',
      dataDir,
      '-R',
      '-X',
      'stream',
      '--no-sync',
    ])
    appendFileSync(join(dataDir, 'postgresql.auto.conf'), `\nport = ${port}\n`)
    const cluster = this.cluster(dataDir, port)
    await cluster.start()
    return cluster
  }

  /** Stops every cluster and removes their directories, whatever state they are in. */
  async cleanup(): Promise<void> {
    for (const cluster of this.clusters.reverse()) await cluster.stop('immediate')
    rmSync(this.root, { recursive: true, force: true })
  }
}
