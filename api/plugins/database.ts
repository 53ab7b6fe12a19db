// Makes the database handle available to every route as app.db / app.readDb.
import fp from 'fastify-plugin'
import type { Kysely } from 'kysely'
import type { DatabaseHandle, DatabaseKind } from '../../db/connect.ts'
import type { Database } from '../../db/types.ts'
import type { Config } from '../config.ts'

declare module 'fastify' {
  interface FastifyInstance {
    db: Kysely<Database>
    readDb: Kysely<Database>
    dbKind: DatabaseKind
    database: DatabaseHandle
    config: Config
  }
}

export default fp<{ database: DatabaseHandle; config: Config }>(
  async (app, { database, config }) => {
    app.decorate('db', database.db)
    app.decorate('readDb', database.readDb)
    app.decorate('dbKind', database.kind)
    app.decorate('database', database)
    app.decorate('config', config)
  },
  { name: 'database' },
)
