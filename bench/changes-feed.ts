// Changes feed: (1) what numbering changes in commit order costs the writers — N venue writes (creations, then an
// update of each) with the feed triggers on, against the same writes with them disabled; (2) how fast a mirror reads
// the feed — changes per second, paging by 1,000 from the beginning. Prints timings and ratios, per database.
// Usage: npx tsx bench/changes-feed.ts [--venues 5000] [--pg URL] [--only postgres|pglite]
import { parseArgs } from 'node:util'
import { performance } from 'node:perf_hooks'
import { sql, type Kysely } from 'kysely'
import { readChanges } from '../db/changes/feed.ts'
import { connectDatabase, type DatabaseHandle } from '../db/connect.ts'
import { loadCommunesIfEmpty } from '../db/communes/load.ts'
import { migrateToLatest } from '../db/migrator.ts'
import type { Database } from '../db/types.ts'
import type { VenueData } from '../db/venue-record.ts'
import { insertVenues, updateVenue } from '../db/venue-store.ts'
import { createThrowawayPostgres } from './throwaway-database.ts'

const { values } = parseArgs({
  options: {
    venues: { type: 'string', default: '5000' },
    pg: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    only: { type: 'string' },
  },
})
const N = Number(values.venues)
const who = { actor: 'bench', reason: 'bench' }

function venue(run: string, i: number): VenueData {
  return {
    source: `bench-${run}`,
    source_id: `b-${i}`,
    pivot: '00000000000000',
    nom: `Lieu ${i}`,
    commune: 'Bordeaux',
    code_postal: '33000',
    code_insee: '33063',
    adresse: `${i} cours de l’Intendance`,
    complement_adresse: null,
    latitude: 44.84 + ((i % 25) + 1) * 0.004,
    longitude: -0.57 - (Math.floor(i / 25) % 40) * 0.004,
    telephone: null,
    horaires: null,
    presentation_resume: null,
    presentation_detail: null,
    structure_parente: null,
    date_maj: '2025-06-01',
    fiche_acces_libre: null,
    prise_rdv: null,
    typologie: [],
    courriels: [],
    site_web: [],
    itinerance: [],
    services: ['Aide aux démarches administratives'],
    publics_specifiquement_adresses: [],
    prise_en_charge_specifique: [],
    frais_a_charge: ['Gratuit'],
    dispositif_programmes_nationaux: [],
    formations_labels: [],
    autres_formations_labels: [],
    modalites_acces: [],
    modalites_accompagnement: [],
    location_approximate: false,
  }
}

/** N creations in batches of 500 (one transaction each), then N single updates in transactions of 50. */
async function writes(db: Kysely<Database>, run: string): Promise<number> {
  const started = performance.now()
  const ids: string[] = []
  for (let i = 0; i < N; i += 500) {
    const rows = await db.transaction().execute((trx) =>
      insertVenues(
        trx,
        Array.from({ length: Math.min(500, N - i) }, (_, k) => ({ data: venue(run, i + k) })),
        who,
      ),
    )
    ids.push(...rows.map((r) => r.id))
  }
  for (let i = 0; i < ids.length; i += 50) {
    await db.transaction().execute(async (trx) => {
      for (const id of ids.slice(i, i + 50))
        await updateVenue(trx, id, { nom: `Lieu renommé ${id.slice(0, 8)}` }, { expectedVersion: null }, who)
    })
  }
  return performance.now() - started
}

async function bench(kind: 'pglite' | 'postgres'): Promise<void> {
  const { handle, drop } =
    kind === 'pglite'
      ? await (async () => {
          const h = await connectDatabase({ databaseUrl: null, pgliteDir: 'memory://' })
          return { handle: h as DatabaseHandle, drop: () => h.close() }
        })()
      : await createThrowawayPostgres(values.pg!, `maillage_bench_feed_${process.pid}`, 4)
  try {
    await migrateToLatest(handle.db)
    await loadCommunesIfEmpty(handle.db)
    await sql`ALTER TABLE venues DISABLE TRIGGER venues_feed_ins, DISABLE TRIGGER venues_feed_upd`.execute(handle.db).catch(async () => {
      await sql`ALTER TABLE venues DISABLE TRIGGER venues_feed_ins`.execute(handle.db)
      await sql`ALTER TABLE venues DISABLE TRIGGER venues_feed_upd`.execute(handle.db)
    })
    const without = await writes(handle.db, 'off')
    await sql`ALTER TABLE venues ENABLE TRIGGER venues_feed_ins`.execute(handle.db)
    await sql`ALTER TABLE venues ENABLE TRIGGER venues_feed_upd`.execute(handle.db)
    const withFeed = await writes(handle.db, 'on')

    const started = performance.now()
    let cursor = 0n
    let read = 0
    for (;;) {
      const page = await readChanges(handle.db, cursor, 1000)
      read += page.changes.length
      cursor = BigInt(page.next_cursor)
      if (!page.has_more) break
    }
    const readMs = performance.now() - started
    if (read !== 2 * N) throw new Error(`expected ${2 * N} changes, read ${read}`)
    console.log(
      `[${kind}] ${N} creations + ${N} updates: ${without.toFixed(0)} ms without the feed, ${withFeed.toFixed(0)} ms with it ` +
        `(×${(withFeed / without).toFixed(2)})`,
    )
    console.log(
      `[${kind}] reading the feed: ${read} changes in ${readMs.toFixed(0)} ms = ` +
        `${Math.round(read / (readMs / 1000))} changes/s (pages of 1,000)`,
    )
  } finally {
    await drop()
  }
}

for (const kind of ['pglite', 'postgres'] as const) if (!values.only || values.only === kind) await bench(kind)
