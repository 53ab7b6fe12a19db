// The changes feed on both databases: commit order under concurrent writes, a mirror ending equal to an export.
import { expect, it } from 'vitest'
import type { Kysely } from 'kysely'
import { mergeVenues } from '../../../db/curation/duplicates.ts'
import type { Database } from '../../../db/types.ts'
import { insertVenues, updateVenue } from '../../../db/venue-store.ts'
import { describeEachApp } from '../../helpers/databases.ts'
import { createVenue, venueData } from '../curation/curation-fixtures.ts'

const who = { actor: 'test', reason: 'flux' }
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

interface Change {
  cursor: string
  kind: string
  id: string
  version: number
  lieu: Record<string, unknown> | null
  merged_into: string | null
}

describeEachApp('changes feed', (ctx) => {
  const page = async (since: string, limit = 50) => {
    const res = await ctx.app.inject({ url: `/api/v1/changes?since=${since}&limit=${limit}` })
    expect(res.statusCode).toBe(200)
    return res.json() as { changes: Change[]; next_cursor: string; has_more: boolean }
  }

  it('refuses an invalid or unknown cursor with a problem naming `since`', async () => {
    for (const since of ['abc', '-1', '1.5', '99999999999']) {
      const res = await ctx.app.inject({ url: `/api/v1/changes?since=${since}` })
      expect(res.statusCode, since).toBe(400)
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/)
      expect(res.json().errors[0].field).toBe('since')
    }
  })

  it('lists creation, update, archive and merge with versions and the record after the change', async () => {
    const start = (await page('0', 1000)).next_cursor
    const a = await createVenue(ctx.database.db)
    const b = await createVenue(ctx.database.db)
    await updateVenue(ctx.database.db, a.id, { nom: 'Nouveau nom' }, { expectedVersion: 1 }, who)
    const [pending] = await insertVenues(ctx.database.db, [{ data: venueData(), status: 'pending' }], who)
    await ctx.database.db.transaction().execute(async (trx) => {
      const dup = await trx
        .insertInto('duplicates')
        .values({ venue_a: a.id, venue_b: b.id, reason: 'test' })
        .returning('id')
        .executeTakeFirstOrThrow()
      const [survivor, other] = await Promise.all(
        [a.id, b.id].map((id) => trx.selectFrom('venues').selectAll().where('id', '=', id).executeTakeFirstOrThrow()),
      )
      await mergeVenues(trx, dup.id, survivor, other, 'test')
    })
    const { changes } = await page(start)
    const seen = changes.map((c) => [
      c.id === a.id ? 'a' : c.id === b.id ? 'b' : c.id === pending.id ? 'pending' : 'other',
      c.kind,
      c.version,
    ])
    expect(seen).toEqual([
      ['a', 'created', 1],
      ['b', 'created', 1],
      ['a', 'updated', 2],
      ['a', 'updated', 3],
      ['b', 'archived', 2],
      ['b', 'merged', 2],
    ])
    expect(changes[2].lieu).toMatchObject({ nom: 'Nouveau nom', id: a.source_id, source: 'test' })
    expect(changes[4].lieu).toBeNull()
    expect(changes[5].merged_into).toBe(a.id)
    const cursors = changes.map((c) => BigInt(c.cursor))
    expect(cursors).toEqual([...cursors].sort((x, y) => (x < y ? -1 : 1)))
  })

  if (ctx.kind === 'postgres') {
    // PGlite has one connection, so its transactions never overlap: this ordering question arises on PostgreSQL only.
    it('numbers changes in commit order: a transaction that wrote first but commits last comes after', async () => {
      const start = (await page('0', 1000)).next_cursor
      const [early, late] = [await createVenue(ctx.database.db), await createVenue(ctx.database.db)]
      const created = await page(start)
      let release!: () => void
      const held = new Promise<void>((resolve) => {
        release = resolve
      })
      const slow = ctx.database.db.transaction().execute(async (trx) => {
        await updateVenue(trx, early.id, { nom: 'écrit en premier' }, { expectedVersion: null }, who)
        await held
      })
      await sleep(50)
      await updateVenue(ctx.database.db, late.id, { nom: 'validé en premier' }, { expectedVersion: null }, who)
      const first = await page(created.next_cursor)
      expect(first.changes.map((c) => c.id)).toEqual([late.id])
      release()
      await slow
      const second = await page(first.next_cursor)
      expect(second.changes.map((c) => c.id)).toEqual([early.id])
    })
  }

  it('a mirror replaying the feed while writes happen ends equal to an export, each change applied once', async () => {
    const mirror = new Map<string, Record<string, unknown>>()
    const applied = new Set<string>()
    const versions = new Map<string, number>()
    let cursor = '0'
    const apply = (changes: Change[]) => {
      for (const c of changes) {
        expect(applied.has(c.cursor)).toBe(false)
        applied.add(c.cursor)
        expect(c.version).toBeGreaterThanOrEqual(versions.get(c.id) ?? 0)
        versions.set(c.id, c.version)
        if (c.lieu) mirror.set(c.id, c.lieu)
        else mirror.delete(c.id)
      }
    }
    const drain = async () => {
      for (;;) {
        const p = await page(cursor, 7)
        apply(p.changes)
        cursor = p.next_cursor
        if (!p.has_more) return
      }
    }
    let writing = true
    const writer = async (db: Kysely<Database>, n: number) => {
      const mine: string[] = []
      for (let i = 0; i < n; i++) {
        await db.transaction().execute(async (trx) => {
          const op = i % 5
          if (op < 2 || mine.length === 0) {
            const [row] = await insertVenues(trx, [{ data: venueData({ source: 'miroir' }) }], who)
            mine.push(row.id)
          } else {
            const id = mine[(i * 7) % mine.length]
            const status = op === 4 ? 'archived' : 'published'
            await updateVenue(trx, id, { nom: `Lieu ${i}` }, { expectedVersion: null, status }, who)
          }
          await sleep(Math.random() * 5)
        })
      }
    }
    const reader = (async () => {
      while (writing) {
        await drain()
        await sleep(3)
      }
    })()
    await Promise.all([1, 2, 3, 4].map(() => writer(ctx.database.db, 15)))
    writing = false
    await reader
    await drain()
    const exported = (await ctx.app.inject({ url: '/api/v1/export/mediation-numerique.json' })).json() as Record<string, unknown>[]
    const key = (r: Record<string, unknown>) => `${r.source}\u0000${r.id}`
    const byKey = (x: Record<string, unknown>, y: Record<string, unknown>) => (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0)
    expect(exported.length).toBeGreaterThan(10)
    expect([...mirror.values()].sort(byKey)).toEqual([...exported].sort(byKey))
  })
})
