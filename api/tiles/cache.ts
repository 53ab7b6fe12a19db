// A small in-process tile cache (LRU by insertion refresh, short TTL): repeated map views skip the database.
import { createHash } from 'node:crypto'

interface Entry { body: Uint8Array; etag: string; expires: number }

export class TileCache {
  private readonly entries = new Map<string, Entry>()
  constructor(private readonly maxEntries = 5000, private readonly ttlMs = 60_000) {}

  get(key: string): Entry | undefined {
    const entry = this.entries.get(key)
    if (!entry) return undefined
    if (entry.expires < Date.now()) {
      this.entries.delete(key)
      return undefined
    }
    this.entries.delete(key)
    this.entries.set(key, entry)
    return entry
  }

  set(key: string, body: Uint8Array): Entry {
    const entry = { body, etag: `"${createHash('sha1').update(body).digest('base64url')}"`, expires: Date.now() + this.ttlMs }
    this.entries.set(key, entry)
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string)
    return entry
  }
}
