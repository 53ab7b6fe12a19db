// REDIS_URL: a tile built by one instance is served by the others from Redis. To prove the second instance
// answers from the shared cache and not from its database, it is given an empty database of its own.
import { randomBytes } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../api/app.ts'
import { importFile } from '../../db/import/importer.ts'
import { createTestDatabase, testConfig, type TestDatabase } from '../helpers/databases.ts'

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'
const HEADER =
  'id,pivot,nom,commune,code_postal,code_insee,adresse,complement_adresse,latitude,longitude,typologie,telephone,courriels,' +
  'site_web,horaires,presentation_resume,presentation_detail,source,itinerance,structure_parente,date_maj,services,' +
  'publics_specifiquement_adresses,prise_en_charge_specifique,frais_a_charge,dispositif_programmes_nationaux,' +
  'formations_labels,autres_formations_labels,modalites_acces,modalites_accompagnement,fiche_acces_libre,prise_rdv'
const TILE = '/tiles/venues/12/2041/1476.mvt' // Bordeaux centre at z12

describe('tile cache shared through Redis', () => {
  const databases: TestDatabase[] = []
  const apps: FastifyInstance[] = []
  const namespace = `maillage-test-${process.pid}-${randomBytes(4).toString('hex')}`

  beforeAll(async () => {
    for (let i = 0; i < 3; i++) databases.push(await createTestDatabase('postgres'))
    const csv =
      `${HEADER}\nt-1,13002526500013,Médiathèque Mériadeck,Bordeaux,33000,33063,85 cours du Maréchal ` +
      `Juin,,44.8378,-0.5792,BIB,,,,,,,TileTest,,,2024-05-01,Aide aux démarches administratives,,,Gratuit,,,,,,,\n`
    for (const database of [databases[0], databases[2]]) {
      expect((await importFile(database.db, Buffer.from(csv), { fileName: 't.csv', actor: 'test' })).totals.created).toBe(1)
    }
    // Cache keys carry the venue revision (a write makes older tiles unreachable). Instances share one database in
    // production, hence one revision: b's empty database is given a's, so only the cache can tell them apart.
    const { rows } = await sql<{ revision: string }>`SELECT revision FROM coverage_state`.execute(databases[0].db)
    await sql`UPDATE coverage_state SET revision = ${Number(rows[0].revision)}`.execute(databases[1].db)
    // a: venues + Redis; b: empty database + Redis; c: venues, no Redis (control).
    const setups: [TestDatabase, string | null][] = [
      [databases[0], REDIS_URL],
      [databases[1], REDIS_URL],
      [databases[2], null],
    ]
    for (const [database, redisUrl] of setups) {
      const app = await buildApp({ config: testConfig({ databaseUrl: database.url, redisUrl, cacheNamespace: namespace }), database })
      await app.ready()
      apps.push(app)
    }
  })

  afterAll(async () => {
    const redis = apps[0]?.redis
    if (redis) {
      const keys = await redis.keys(`${namespace}*`)
      if (keys.length > 0) await redis.del(...keys)
    }
    for (const app of apps) await app.close()
    for (const database of databases) await database.drop()
  })

  it('serves on one instance the tile another instance built', async () => {
    const [a, b] = apps
    expect(a.redis?.status).toBe('ready')
    const built = await a.inject(TILE)
    expect(built.statusCode).toBe(200)
    expect(built.rawPayload.length).toBeGreaterThan(20)
    // b's own database is empty: only the shared cache can give it this tile.
    const shared = await b.inject(TILE)
    expect(shared.statusCode).toBe(200)
    expect(shared.rawPayload.equals(built.rawPayload)).toBe(true)
    expect(shared.headers.etag).toBe(built.headers.etag)
  })

  it('without the shared cache, an instance answers from its own database', async () => {
    const [, b, c] = apps
    expect((await c.inject(TILE)).statusCode).toBe(200)
    // A tile nobody built yet: b finds nothing in Redis and nothing in its empty database.
    expect((await b.inject('/tiles/venues/13/4082/2952.mvt')).statusCode).toBe(204)
  })
})
