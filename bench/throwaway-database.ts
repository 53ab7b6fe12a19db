// A PostgreSQL database made for one benchmark on the server of `serverUrl`, dropped afterwards.
import pg from 'pg'
import { connectDatabase, type DatabaseHandle } from '../db/connect.ts'

export interface ThrowawayDatabase {
  handle: DatabaseHandle
  url: string
  drop: () => Promise<void>
}

async function admin(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl })
  await client.connect()
  try {
    await client.query(statement)
  } finally {
    await client.end()
  }
}

export async function createThrowawayPostgres(serverUrl: string, name: string, poolSize?: number): Promise<ThrowawayDatabase> {
  await admin(serverUrl, `CREATE DATABASE "${name}"`)
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  const handle = await connectDatabase({ databaseUrl: url.toString(), poolSize })
  return {
    handle,
    url: url.toString(),
    async drop() {
      await handle.close()
      await admin(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
    },
  }
}
