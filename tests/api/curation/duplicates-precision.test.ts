// Duplicate ranking measured on the demo data against pairs labelled by hand (tests/fixtures/duplicates-labelled.json):
// the precision of the first 50 pairs must stay at 0.8 or more — a pair of the top 50 nobody labelled counts as a
// false positive, so a change that brings new pairs to the top needs them looked at and labelled.
import { readFileSync } from 'node:fs'
import { expect, it } from 'vitest'
import { listDuplicates } from '../../../db/curation/duplicates.ts'
import { loadDemoSeed } from '../../../db/seed/load-demo.ts'
import { DUPLICATE_QUEUE_THRESHOLD } from '../../../domain/duplicate-score.ts'
import { duplicateJobRunner } from '../../../services/curation/duplicate-job.ts'
import { describeEachDatabase } from '../../helpers/databases.ts'

interface Side {
  source: string
  source_id: string
  nom: string
}
const fixture = JSON.parse(readFileSync(new URL('../../fixtures/duplicates-labelled.json', import.meta.url), 'utf8')) as {
  pairs: { a: Side; b: Side; duplicate: boolean; why: string }[]
}
const pairKey = (x: Side, y: Side) => [`${x.source}\u0000${x.source_id}`, `${y.source}\u0000${y.source_id}`].sort().join('\u0001')
const labels = new Map(fixture.pairs.map((p) => [pairKey(p.a, p.b), p]))
const TOP = 50

it('the fixture holds at least 50 hand-labelled pairs, each with its reason, both kinds present', () => {
  expect(fixture.pairs.length).toBeGreaterThanOrEqual(TOP)
  expect(labels.size).toBe(fixture.pairs.length)
  for (const p of fixture.pairs) expect(p.why.length).toBeGreaterThan(10)
  expect(fixture.pairs.some((p) => p.duplicate)).toBe(true)
  expect(fixture.pairs.filter((p) => !p.duplicate).length).toBeGreaterThanOrEqual(10)
})

describeEachDatabase('duplicate precision on the demo data', (ctx) => {
  it('ranks the labelled duplicates first: precision of the top 50 ≥ 0.8, Sisley high, the Aix branches not queued', {
    timeout: 600_000,
  }, async () => {
    const db = ctx.database.db
    await loadDemoSeed(db)
    const runner = duplicateJobRunner(db)
    const started = performance.now()
    const { job } = await runner.start({ id: 'test', kind: 'apikey', role: 'admin', territories: [], label: 'test:precision', sources: [] })
    await runner.settle()
    const seconds = (performance.now() - started) / 1000
    const done = await db.selectFrom('duplicate_jobs').selectAll().where('id', '=', job.id).executeTakeFirstOrThrow()
    expect(done.status).toBe('done')

    const queue = await listDuplicates(db, 'pending', null, 2000, null)
    const venues = new Map((await db.selectFrom('venues').select(['id', 'source', 'source_id', 'nom']).execute()).map((v) => [v.id, v]))
    const ranked = queue.map((d) => ({ ...d, key: pairKey(venues.get(d.venue_a)!, venues.get(d.venue_b)!) }))
    const top = ranked.slice(0, TOP)
    const truePositives = top.filter((d) => labels.get(d.key)?.duplicate === true).length
    const unlabelled = top.filter((d) => !labels.has(d.key)).length
    const precision = truePositives / top.length
    const labelledDuplicates = fixture.pairs.filter((p) => p.duplicate).length
    const recall = truePositives / labelledDuplicates
    // Over the whole queue (score ≥ threshold): how many labelled duplicates it holds, and how many labelled non-duplicates.
    const queued = new Set(ranked.map((d) => d.key))
    const queuedDuplicates = fixture.pairs.filter((p) => p.duplicate && queued.has(pairKey(p.a, p.b))).length
    const queuedFalse = fixture.pairs.filter((p) => !p.duplicate && queued.has(pairKey(p.a, p.b))).length
    console.info(
      `[${ctx.kind}] ${venues.size} venues, ${queue.length} pairs queued in ${seconds.toFixed(1)} s; top ${TOP}: ` +
        `precision ${precision.toFixed(2)} ` +
        `(${truePositives} labelled duplicates, ${unlabelled} unlabelled), recall ${recall.toFixed(2)} of ` +
        `${labelledDuplicates} labelled duplicates; ` +
        `whole queue: ${queuedDuplicates}/${labelledDuplicates} labelled duplicates (recall ` +
        `${(queuedDuplicates / labelledDuplicates).toFixed(2)}), ` +
        `${queuedFalse} labelled non-duplicates`,
    )
    expect(top).toHaveLength(TOP)
    expect(precision).toBeGreaterThanOrEqual(0.8)

    const sisley = ranked.findIndex((d) => /sisley/i.test(venues.get(d.venue_a)!.nom) && /sisley/i.test(venues.get(d.venue_b)!.nom))
    expect(sisley).toBeGreaterThanOrEqual(0)
    expect(sisley).toBeLessThan(100)
    expect(ranked[sisley].score).toBeGreaterThanOrEqual(0.7)
    expect((ranked[sisley].reasons as { label: string }[]).map((r) => r.label)).toEqual(
      expect.arrayContaining(['même adresse', 'même téléphone', 'même courriel']),
    )
    // The branches of Aix-en-Provence share the commune's SIRET: none of their pairs reaches the queue.
    const aix = await db.selectFrom('venues').select('id').where('pivot', '=', '21130001700012').execute()
    expect(aix.length).toBeGreaterThanOrEqual(10)
    const aixIds = new Set(aix.map((v) => v.id))
    const aixQueued = ranked.filter((d) => aixIds.has(d.venue_a) && aixIds.has(d.venue_b))
    expect(aixQueued).toEqual([])
    expect(ranked.every((d) => d.score >= DUPLICATE_QUEUE_THRESHOLD)).toBe(true)
  })
})
