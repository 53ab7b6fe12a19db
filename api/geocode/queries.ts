// Gazetteer lookups: postcodes exactly, names normalised (accents, hyphens, "St" → "Saint") with trigram
// similarity for typos; best match first, then the most populous commune.
import { sql, type Kysely } from 'kysely'
import type { Database } from '../../db/types.ts'

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
  const rows = digits.length === 5
    ? await query.select(sql<number>`0`.as('rank')).where(sql<boolean>`${digits} = ANY(codes_postaux)`).orderBy('population', 'desc').limit(limit).execute()
    : await query.select(sql<number>`1`.as('rank'))
      .where(sql<boolean>`EXISTS (SELECT 1 FROM unnest(codes_postaux) cp WHERE cp LIKE ${digits + '%'})`)
      .orderBy('population', 'desc').limit(limit).execute()
  return rows.map((r) => ({ ...r, rank: Number(r.rank) }))
}

/** Communes by normalised name: exact, then prefix, then similar (pg_trgm), each by population. */
export async function communesByName(db: Kysely<Database>, normalised: string, limit: number, departement: string | null): Promise<CommuneHit[]> {
  const rank = sql<number>`CASE WHEN nom_normalise = ${normalised} THEN 0
    WHEN nom_normalise LIKE ${normalised + '%'} THEN 1
    WHEN nom_normalise LIKE ${'% ' + normalised + '%'} THEN 2
    ELSE 3 + (1 - similarity(nom_normalise, ${normalised})) END`
  let query = db.selectFrom('communes').select(COLUMNS).select(rank.as('rank'))
    .where((eb) => eb.or([
      eb('nom_normalise', 'like', normalised + '%'),
      eb('nom_normalise', 'like', '% ' + normalised + '%'),
      sql<boolean>`nom_normalise % ${normalised}`,
    ]))
  if (departement) query = query.where('departement', '=', departement)
  const rows = await query.orderBy(rank).orderBy('population', 'desc').orderBy('code_insee').limit(limit).execute()
  return rows.map((r) => ({ ...r, rank: Number(r.rank) }))
}
