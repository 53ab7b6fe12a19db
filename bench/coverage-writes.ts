// Cost of one venue write on a database holding few venues (what the test suite does all day): the commit-time
// coverage work of migrations/0810 (reach index, stale above a threshold) against 0740's (every far commune compared
// with each added venue), in one process: the same database is taken back to 0740 by 0810's down() for the first leg, then up() again.
// Usage: npx tsx bench/coverage-writes.ts [--writes 30] [--only pglite|postgres] [--pg URL]
import { parseArgs } from 'node:util'
import { performance } from 'node:perf_hooks'
import { sql, type Kysely } from 'kysely'
import { connectDatabase, type DatabaseHandle } from '../db/connect.ts'
import { loadCommunesIfEmpty } from '../db/communes/load.ts'
import { recomputeCoverage } from '../db/governance/coverage.ts'
import { migrateToLatest } from '../db/migrator.ts'
import { insertVenues, updateVenue } from '../db/venue-store.ts'
import type { Database } from '../db/types.ts'
import type { VenueData } from '../db/venue-record.ts'
import { down as downTo0740, up as upTo0810 } from '../migrations/0810_coverage_bounded.ts'
import { seededRandom } from '../test-support/synthesize.ts'
import { createThrowawayPostgres } from './throwaway-database.ts'

const { values } = parseArgs({
  options: {
    writes: { type: 'string', default: '30' },
    only: { type: 'string' },
    pg: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
  },
})
const WRITES = Number(values.writes)
const context = { actor: 'bench', reason: 'coût d’une écriture' }

async function freshDatabase(kind: 'pglite' | 'postgres'): Promise<{ handle: DatabaseHandle; drop: () => Promise<void> }> {
  if (kind === 'pglite') {
    const handle = await connectDatabase({ databaseUrl: null, pgliteDir: 'memory://' })
    return { handle, drop: () => handle.close() }
  }
  return createThrowawayPostgres(values.pg!, `maillage_bench_covw_${process.pid}`, 4)
}

/** A minimal valid venue (the commune does not matter here: coverage reads the point). */
function venueData(i: number, latitude: number, longitude: number): VenueData {
  return {
    source: 'bench-couverture',
    source_id: `c-${i}`,
    pivot: '00000000000000',
    nom: `Lieu ${i}`,
    commune: 'Bordeaux',
    code_postal: '33000',
    code_insee: '33063',
    adresse: `${i} rue du Banc`,
    complement_adresse: null,
    latitude,
    longitude,
    telephone: null,
    horaires: null,
    presentation_resume: null,
    presentation_detail: null,
    structure_parente: null,
    date_maj: '2026-01-15',
    fiche_acces_libre: null,
    prise_rdv: null,
    typologie: [],
    courriels: [],
    site_web: [],
    itinerance: [],
    services: [],
    publics_specifiquement_adresses: [],
    prise_en_charge_specifique: [],
    frais_a_charge: [],
    dispositif_programmes_nationaux: [],
    formations_labels: [],
    autres_formations_labels: [],
    modalites_acces: [],
    modalites_accompagnement: [],
    location_approximate: false,
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

/** Starts from 5 venues in two cities (like the API tests), then creates, moves and archives one venue at a time. */
async function writeTimes(db: Kysely<Database>, serial: { n: number }): Promise<number[]> {
  await sql`UPDATE venues SET status = 'archived' WHERE status = 'published'`.execute(db)
  await insertVenues(
    db,
    [
      [44.84, -0.58],
      [44.85, -0.57],
      [45.76, 4.83],
      [45.75, 4.85],
      [44.8, -0.63],
    ].map(([lat, lon]) => ({ data: venueData(serial.n++, lat, lon) })),
    context,
  )
  await recomputeCoverage(db)
  const random = seededRandom(11)
  const ids: string[] = []
  const times: number[] = []
  for (let i = 0; i < WRITES; i++) {
    const lat = 44.7 + random() * 1.2,
      lon = -0.8 + random() * 5.8
    const start = performance.now()
    if (i % 3 === 0 || ids.length === 0) {
      const [row] = await insertVenues(db, [{ data: venueData(serial.n++, lat, lon) }], context)
      ids.push(row.id)
    } else if (i % 3 === 1) {
      await updateVenue(db, ids[ids.length - 1], { latitude: lat, longitude: lon }, { expectedVersion: null }, context)
    } else {
      await updateVenue(db, ids.pop()!, {}, { expectedVersion: null, status: 'archived' }, context)
    }
    times.push(performance.now() - start)
  }
  return times
}

for (const kind of ['pglite', 'postgres'] as const) {
  if (values.only && values.only !== kind) continue
  const { handle, drop } = await freshDatabase(kind)
  try {
    await migrateToLatest(handle.db)
    await loadCommunesIfEmpty(handle.db)
    const serial = { n: 0 }
    await downTo0740(handle.db)
    const before = await writeTimes(handle.db, serial)
    await upTo0810(handle.db)
    const now = await writeTimes(handle.db, serial)
    const f = (xs: number[]) => `median ${median(xs).toFixed(1)} ms, max ${Math.max(...xs).toFixed(0)} ms`
    console.log(`[${kind}] one venue write (create/move/archive) with 5–15 venues, ${WRITES} writes`)
    console.log(`  0740 (far communes × added venues)   ${f(before)}`)
    console.log(`  0810 (reach index, stale if large)   ${f(now)}  ratio ${(median(before) / median(now)).toFixed(1)}×`)
  } finally {
    await drop()
  }
}
