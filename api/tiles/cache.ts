// Tile cache in two levels: a small in-process LRU (short TTL), and, with REDIS_URL, Redis shared by every
// instance, so a tile built once is served by all of them until it expires. Redis errors fall back to the
// database: the cache may miss, never fail a request.
import { createHash } from 'node:crypto'
import type { Redis } from 'ioredis'

export interface TileEntry {
  body: Uint8Array
  etag: string
  expires: number
}

export class TileCache {
  private readonly entries = new Map<string, TileEntry>()
  private revision: number | null = null
  constructor(
    private readonly redis: Redis | null = null,
    private readonly namespace = 'maillage-tiles:',
    private readonly maxEntries = 5000,
    private readonly ttlMs = 60_000,
  ) {}

  /**
   * The venue revision the caller read (db/tiles/grid.ts); callers put it in their keys, so entries of an older
   * one are never served again, and the local ones are dropped at once (Redis lets them expire).
   */
  observeRevision(revision: number): void {
    if (revision !== this.revision) this.entries.clear()
    this.revision = revision
  }

  async get(key: string): Promise<TileEntry | undefined> {
    const local = this.entries.get(key)
    if (local && local.expires >= Date.now()) {
      this.entries.delete(key)
      this.entries.set(key, local)
      return local
    }
    this.entries.delete(key)
    if (!this.redis || this.redis.status !== 'ready') return undefined
    try {
      const [body, ttl] = await Promise.all([this.redis.getBuffer(this.namespace + key), this.redis.pttl(this.namespace + key)])
      if (!body) return undefined
      return this.remember(key, new Uint8Array(body), Date.now() + Math.max(ttl, 0))
    } catch {
      return undefined
    }
  }

  async set(key: string, body: Uint8Array): Promise<TileEntry> {
    const entry = this.remember(key, body, Date.now() + this.ttlMs)
    if (this.redis && this.redis.status === 'ready') {
      await this.redis.set(this.namespace + key, Buffer.from(body), 'PX', this.ttlMs).catch(() => undefined)
    }
    return entry
  }

  private remember(key: string, body: Uint8Array, expires: number): TileEntry {
    const entry = { body, etag: `"${createHash('sha1').update(body).digest('base64url')}"`, expires }
    this.entries.set(key, entry)
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string)
    return entry
  }
}
