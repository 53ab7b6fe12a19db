// A sync skips the rows stored as they are in the file by the hash of their row (migration 0920): that shortcut must
// never hide a difference nor bypass the write gate. An edit made elsewhere forgets the hash, so the next sync
// compares that row in full and puts the file's value back; a writer outside the territory is still refused.
import { sql } from 'kysely'
import { expect, it } from 'vitest'
import { syncFile } from '../../../db/sync/sync.ts'
import { updateVenue } from '../../../db/venue-store.ts'
import { describeEachDatabase } from '../../helpers/databases.ts'
import { girondeFile } from '../source-fixtures.ts'

const who = { actor: 'test' }

describeEachDatabase('sync: rows known by their hash', (ctx) => {
  const hashes = async () =>
    Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM source_row_hashes`.execute(ctx.database.db)).rows[0].n)

  it('takes stored rows as unchanged, compares again a venue edited elsewhere, and still gates every row', async () => {
    const db = ctx.database.db
    const file = Buffer.from(girondeFile(4))
    const first = await syncFile(db, file, { source: 'gironde', ...who })
    expect(first.totals).toMatchObject({ created: 4, unchanged: 0 })
    expect(await hashes()).toBe(4)
    expect((await syncFile(db, file, { source: 'gironde', ...who })).totals).toMatchObject({ created: 0, updated: 0, unchanged: 4 })

    // Someone edits g-1 through the API: its hash goes, and the file's name comes back at the next sync.
    const g1 = first.created.find((c) => c.id === 'g-1')!.venue_id!
    await updateVenue(db, g1, { nom: 'Renommé à la main' }, { expectedVersion: null }, { actor: 'curator', reason: 'test' })
    expect(await hashes()).toBe(3)
    const back = await syncFile(db, file, { source: 'gironde', ...who })
    expect(back.totals).toMatchObject({ updated: 1, unchanged: 3 })
    expect(back.updated[0].changes).toEqual([{ field: 'nom', from: 'Renommé à la main', to: 'Point numérique 1' }])
    expect(await hashes()).toBe(4)

    // A changed row is compared, not taken from its stale hash; the unchanged ones still are.
    const renamed = Buffer.from(girondeFile(4, (i) => (i === 2 ? 'Nouveau nom' : null)))
    const dry = await syncFile(db, renamed, { source: 'gironde', ...who, dryRun: true })
    expect(dry.totals).toMatchObject({ updated: 1, unchanged: 3 })
    expect(dry.updated.map((u) => u.id)).toEqual(['g-2'])

    // The write gate sees the rows known by their hash too: a key of another département is refused on each.
    const writer = { role: 'authority', territories: ['dep:51'], sources: ['gironde'] }
    const outside = await syncFile(db, file, { source: 'gironde', ...who, writer })
    expect(outside.status).toBe('rejected')
    expect(outside.totals.rejected).toBe(4)
    expect(outside.rejected[0].errors[0].field).toBe('code_insee')
    // …exactly as when every row is validated and compared.
    expect(outside.rejected).toEqual((await syncFile(db, file, { source: 'gironde', ...who, writer, fullCompare: true })).rejected)
  }, 120_000)
})
