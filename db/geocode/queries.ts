// Gazetteer lookups: postcodes exactly, names normalised (accents, hyphens, "St" → "Saint") with trigram
// similarity for typos; best match first, then the most populous commune.
import { sql, type Kysely } from 'kysely'
import { WHOLE_CITIES } from '../communes/whole-cities.ts'
import type { Database } from '../types.ts'

export interface CommuneHit {
  code_insee: string
  nom: string
  codes_postaux: string[]
  population: number
  latitude: number
  longitude: number
  departement: string
  rank: number
}

const COLUMNS = ['code_insee', 'nom', 'codes_postaux', 'population', 'latitude', 'longitude', 'departement'] as const

/** Communes served by a postcode (exact 5 digits) or whose postcodes start with 2–4 digits. */
export async function communesByPostcode(db: Kysely<Database>, digits: string, limit: number): Promise<CommuneHit[]> {
  const query = db.selectFrom('communes').select(COLUMNS)
  const rows =
    digits.length === 5
      ? await query
          .select(sql<number>`0`.as('rank'))
          .where(sql<boolean>`${digits} = ANY(codes_postaux)`)
          .orderBy('population', 'desc')
          .limit(limit)
          .execute()
      : await query
          .select(sql<number>`1`.as('rank'))
          .where(sql<boolean>`EXISTS (SELECT 1 FROM unnest(codes_postaux) cp WHERE cp LIKE ${digits + '%'})`)
          .orderBy('population', 'desc')
          .limit(limit)
          .execute()
  return rows.map((r) => ({ ...r, rank: Number(r.rank) }))
}

/** Communes by normalised name: exact, then prefix, then similar (pg_trgm), each by population. */
export async function communesByName(
  db: Kysely<Database>,
  normalised: string,
  limit: number,
  departement: string | null,
): Promise<CommuneHit[]> {
  const rank = sql<number>`CASE WHEN nom_normalise = ${normalised} THEN 0
    WHEN nom_normalise LIKE ${normalised + '%'} THEN 1
    WHEN nom_normalise LIKE ${'% ' + normalised + '%'} THEN 2
    ELSE 3 + (1 - similarity(nom_normalise, ${normalised})) END`
  let query = db
    .selectFrom('communes')
    .select(COLUMNS)
    .select(rank.as('rank'))
    .where((eb) =>
      eb.or([
        eb('nom_normalise', 'like', normalised + '%'),
        eb('nom_normalise', 'like', '% ' + normalised + '%'),
        sql<boolean>`nom_normalise % ${normalised}`,
      ]),
    )
  if (departement) query = query.where('departement', '=', departement)
  // The arrondissements of a city stay together, in their order (1er, 2e…), ranked by the city's
  // population among the other communes of the same rank.
  const rows = await query.orderBy(rank).orderBy(cityPopulation, 'desc').orderBy('code_insee').limit(limit).execute()
  return rows.map((r) => ({ ...r, rank: Number(r.rank) }))
}

/** The whole city an arrondissement belongs to (its INSEE code), else the commune's own code. */
const parentCode = sql<string>`CASE ${sql.join(
  WHOLE_CITIES.map(
    (city) => sql`WHEN code_insee BETWEEN ${city.arrondissements[0]} AND ${city.arrondissements.at(-1)} THEN ${city.code_insee}`,
  ),
  sql` `,
)} ELSE code_insee END`
const cityPopulation = sql<number>`sum(population) OVER (PARTITION BY ${parentCode})`

/** Paris, Lyon, Marseille as whole cities when the name matches (exact: rank 0, prefix: rank 1). */
export async function wholeCitiesByName(db: Kysely<Database>, normalised: string, departement: string | null): Promise<CommuneHit[]> {
  const cities = WHOLE_CITIES.filter((c) => c.normalised.startsWith(normalised) && (!departement || departement === c.departement))
  const hits: CommuneHit[] = []
  for (const city of cities) {
    const parts = await db
      .selectFrom('communes')
      .select(['codes_postaux', 'population'])
      .where('code_insee', 'in', city.arrondissements)
      .orderBy('code_insee')
      .execute()
    if (parts.length === 0) continue
    hits.push({
      code_insee: city.code_insee,
      nom: city.nom,
      codes_postaux: [...new Set(parts.flatMap((p) => p.codes_postaux))],
      population: parts.reduce((n, p) => n + p.population, 0),
      latitude: city.latitude,
      longitude: city.longitude,
      departement: city.departement,
      rank: city.normalised === normalised ? 0 : 1,
    })
  }
  return hits
}
