// Loads the shipped gazetteer (communes.csv, derived from INSEE COG 2024 + La Poste, Licence Ouverte) once.
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { parse } from 'csv-parse/sync'
import { sql, type Kysely } from 'kysely'
import type { Database } from '../types.ts'
import { recomputeCoverage } from '../governance/coverage.ts'

const GAZETTEER = fileURLToPath(new URL('./communes.csv', import.meta.url))
const BATCH = 5000

interface GazetteerRow {
  code_insee: string
  nom: string
  departement: string
  region: string
  codes_postaux: string
  population: string
  latitude: string
  longitude: string
}

export async function loadCommunesIfEmpty(db: Kysely<Database>): Promise<number> {
  const { count } = await db.selectFrom('communes').select(db.fn.countAll<number>().as('count')).executeTakeFirstOrThrow()
  if (Number(count) > 0) return 0
  const rows = parse(await readFile(GAZETTEER), { columns: true }) as GazetteerRow[]
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += BATCH) {
      const batch = rows.slice(i, i + BATCH).map((r) => ({
        code_insee: r.code_insee,
        nom: r.nom,
        departement: r.departement,
        region: r.region,
        codes_postaux: r.codes_postaux.split('|').filter(Boolean),
        population: Number(r.population || 0),
        latitude: Number(r.latitude),
        longitude: Number(r.longitude),
      }))
      // One JSON parameter per batch: parameterised, and fast on both drivers.
      await sql`
        INSERT INTO communes (code_insee, nom, nom_normalise, departement, region, codes_postaux, population, latitude, longitude, geom)
        SELECT code_insee, nom, maillage_normalize(nom), departement, region, codes_postaux, population, latitude, longitude,
               ST_SetSRID(ST_MakePoint(longitude, latitude), 4326)
        FROM jsonb_to_recordset(${JSON.stringify(batch)}::jsonb) AS x(
          code_insee text, nom text, departement text, region text, codes_postaux text[], population integer,
          latitude double precision, longitude double precision)`.execute(trx)
    }
  })
  await sql`ANALYZE communes`.execute(db)
  // Every commune gets its coverage row (its nearest venue, if any already exist).
  await recomputeCoverage(db)
  return rows.length
}
