// The open data files served at /data/: full exports of the published venues written to a folder, each with its
// gzip twin and a content hash, all four from one consistent snapshot, then swapped in at once (rename).
import { createHash, randomBytes } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { mkdir, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { Readable, Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { createGzip } from 'node:zlib'
import { sql, type Kysely } from 'kysely'
import { feedDb } from '../changes/feed.ts'
import { servicesStream, standardCsvStream, standardJsonStream, structuresStream } from '../search/export-streams.ts'
import type { Database } from '../types.ts'

export interface OpenDataResource {
  file: string
  title: string
  description: string
  format: 'csv' | 'json'
  mime: string
  schema?: string
  stream: (db: Kysely<Database>) => AsyncGenerator<string>
}

const ALL = { lists: {} }
export const OPEN_DATA_RESOURCES: OpenDataResource[] = [
  {
    file: 'lieux-mediation-numerique.csv',
    title: 'Lieux de médiation numérique (CSV, standard v1.0.2)',
    format: 'csv',
    mime: 'text/csv',
    description:
      'Tous les lieux publiés, au standard national des lieux de médiation numérique v1.0.2 (séparateur « , », listes séparées par « | »).',
    schema: 'LaMednum/standard-mediation-num',
    stream: (db) => standardCsvStream(db, ALL),
  },
  {
    file: 'lieux-mediation-numerique.json',
    title: 'Lieux de médiation numérique (JSON, standard v1.0.2)',
    format: 'json',
    mime: 'application/json',
    description: 'Tous les lieux publiés, au standard national v1.0.2, en tableau JSON.',
    schema: 'LaMednum/standard-mediation-num',
    stream: (db) => standardJsonStream(db, ALL),
  },
  {
    file: 'data-inclusion-structures.json',
    title: 'Structures data·inclusion',
    format: 'json',
    mime: 'application/json',
    description: 'Une structure data·inclusion v1 par lieu publié.',
    stream: (db) => structuresStream(db, ALL),
  },
  {
    file: 'data-inclusion-services.json',
    title: 'Services data·inclusion',
    format: 'json',
    mime: 'application/json',
    description: 'Un service « Médiation numérique » data·inclusion v1 par lieu publié.',
    stream: (db) => servicesStream(db, ALL),
  },
]

export interface BuiltFile {
  file: string
  size: number
  gzipSize: number
  sha256: string
}

export interface OpenDataBuild {
  /** The changes-feed cursor the files reflect: a rebuild is due when the feed has moved past it. */
  cursor: string
  /** Time of the latest change included (the same on every instance, unlike the build time). */
  updated: string
  dir: string
  files: BuiltFile[]
}

/** Writes every resource into a new sub-folder of `root` and returns its description (kept as build.json). */
export async function buildOpenData(db: Kysely<Database>, root: string): Promise<OpenDataBuild> {
  const dir = join(root, `build-${Date.now()}-${randomBytes(4).toString('hex')}`)
  await mkdir(dir, { recursive: true })
  try {
    // One REPEATABLE READ snapshot: the four files and the cursor describe the same state.
    const build = await db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (trx) => {
        const state = await feedDb(trx)
          .selectFrom('venue_changes')
          .select([sql<string>`coalesce(max(seq), 0)::text`.as('cursor'), sql<Date | null>`max(changed_at)`.as('updated')])
          .executeTakeFirstOrThrow()
        const files: BuiltFile[] = []
        for (const resource of OPEN_DATA_RESOURCES) files.push(await writeResource(trx, dir, resource))
        return { cursor: state.cursor, updated: new Date(state.updated ?? 0).toISOString(), dir, files }
      })
    await writeFile(join(dir, 'build.json'), JSON.stringify(build))
    return build
  } catch (error) {
    await rm(dir, { recursive: true, force: true })
    throw error
  }
}

async function writeResource(db: Kysely<Database>, dir: string, resource: OpenDataResource): Promise<BuiltFile> {
  const hash = createHash('sha256')
  let size = 0
  const target = join(dir, resource.file)
  const tee = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk)
      size += chunk.length
      done(null, chunk)
    },
  })
  await pipeline(Readable.from(resource.stream(db)), tee, createWriteStream(target))
  await pipeline(createReadStream(target), createGzip({ level: 9 }), createWriteStream(`${target}.gz`))
  return { file: resource.file, size, gzipSize: (await stat(`${target}.gz`)).size, sha256: hash.digest('hex') }
}

/** Removes a superseded build (requests still streaming its files keep their open descriptors). */
export async function removeBuild(build: OpenDataBuild | null): Promise<void> {
  if (build) await rm(build.dir, { recursive: true, force: true })
}
