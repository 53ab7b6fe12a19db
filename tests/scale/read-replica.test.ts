// DATABASE_READ_URLS: public reads go to a real streaming replica (pg_basebackup -R on another port),
// writes to the primary. Shown three ways: server probes on each handle, a write refused on the read
// handle, and an API read that cannot see a row until the paused replica replays it (so the API really
// read the replica, not the primary).
import { sql } from 'kysely'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../api/app.ts'
import { connectDatabase, type DatabaseHandle } from '../../db/connect.ts'
import { importFile } from '../../db/import/importer.ts'
import { migrateToLatest } from '../../db/migrator.ts'
import { demoCsv } from '../backup/demo-csv.ts'
import { testConfig } from '../helpers/databases.ts'
import { ClusterSet, type Cluster } from './pg-cluster.ts'
import { sleep, waitFor as until } from '../../test-support/wait.ts'

describe('read replicas (DATABASE_READ_URLS)', () => {
  const clusters = new ClusterSet()
  let primary: Cluster
  let replica: Cluster
  let handle: DatabaseHandle
  let app: FastifyInstance

  beforeAll(async () => {
    primary = await clusters.primary()
    replica = await clusters.replica(primary)
    handle = await connectDatabase({ databaseUrl: primary.url(), databaseReadUrls: [replica.url()], poolSize: 4 })
    await migrateToLatest(handle.db)
    app = await buildApp({ config: testConfig({ databaseUrl: primary.url(), databaseReadUrls: [replica.url()] }), database: handle })
    await app.ready()
  }, 120_000)

  afterAll(async () => {
    await app?.close()
    await handle?.close().catch(() => {})
    await clusters.cleanup()
  })

  it('sends reads to the replica and writes to the primary', async () => {
    const probe = sql<{ port: number; standby: boolean }>`SELECT inet_server_port() AS port, pg_is_in_recovery() AS standby`
    expect((await probe.execute(handle.db)).rows[0]).toEqual({ port: primary.port, standby: false })
    expect((await probe.execute(handle.readDb)).rows[0]).toEqual({ port: replica.port, standby: true })
    await expect(sql`CREATE TABLE nope (x int)`.execute(handle.readDb)).rejects.toThrow(/read-only transaction/)

    // A write through the app's write handle lands on the primary and streams to the replica.
    const report = await importFile(handle.db, demoCsv(6), { source: 'hinaura', actor: 'test', partial: true })
    expect(report.totals.created).toBeGreaterThan(0)
    const created = report.rows.find((r) => r.venue_id)!.venue_id!
    await until(
      () => app.inject(`/api/v1/venues/${created}`),
      (res) => res.statusCode === 200,
    )

    // Pause replay on the replica: a new venue exists on the primary, yet the API does not see it…
    await sql`SELECT pg_wal_replay_pause()`.execute(handle.readDb)
    try {
      const [venue] = await handle.db
        .insertInto('venues')
        .values({
          source: 'test',
          source_id: 'replica-1',
          pivot: '00000000000000',
          nom: 'Lieu écrit sur le primaire',
          commune: 'Bordeaux',
          code_postal: '33000',
          adresse: '1 rue du Test',
          date_maj: '2026-01-01',
        } as never)
        .returning('id')
        .execute()
      await sleep(300)
      expect((await handle.db.selectFrom('venues').select('id').where('id', '=', venue.id).execute()).length).toBe(1)
      expect((await app.inject(`/api/v1/venues/${venue.id}`)).statusCode).toBe(404)
      // …until the replica replays it.
      await sql`SELECT pg_wal_replay_resume()`.execute(handle.readDb)
      await until(
        () => app.inject(`/api/v1/venues/${venue.id}`),
        (res) => res.statusCode === 200,
        10_000,
      )
    } finally {
      await sql`SELECT pg_wal_replay_resume()`.execute(handle.readDb).catch(() => {})
    }
  })
})
