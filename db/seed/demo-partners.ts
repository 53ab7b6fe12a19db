// `maillage demo partners`: fictional member companies near the demo venues, a few open needs of those venues and
// one running sponsorship per company, so a first visit of /parrainages shows the programme at work. Every row is
// flagged is_example (shown « exemple fictif », never exported); loading twice changes nothing.
import { sql, type Kysely } from 'kysely'
import type { Database } from '../types.ts'
import { insertNeed } from '../partners/needs.ts'
import { insertCompany, insertSponsorship } from '../sponsors/repository.ts'

const ACTOR = 'démonstration'

/** A SIRET of the fictional range 999 99x xxx whose Luhn key is right (the API checks it). */
function fictionalSiret(n: number): string {
  const base = `9999900${String(n).padStart(6, '0')}`
  for (let key = 0; key < 10; key++) {
    const digits = base + key
    let sum = 0
    for (let i = 0; i < 14; i++) {
      let d = Number(digits[13 - i])
      if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2
      sum += d
    }
    if (sum % 10 === 0) return digits
  }
  throw new Error('unreachable')
}

const CITIES = [
  { nom: 'Numérique Solidaire', commune: 'Bordeaux', code_postal: '33000', code_insee: '33063', latitude: 44.8378, longitude: -0.5792 },
  { nom: 'Octet & Lien', commune: 'Lyon', code_postal: '69003', code_insee: '69383', latitude: 45.7597, longitude: 4.8422 },
  { nom: 'Clavier Commun', commune: 'Lille', code_postal: '59000', code_insee: '59350', latitude: 50.6292, longitude: 3.0573 },
  { nom: 'Passerelle Informatique', commune: 'Marseille', code_postal: '13001', code_insee: '13201', latitude: 43.2965, longitude: 5.3698 },
  { nom: 'Réseau Atelier', commune: 'Paris', code_postal: '75011', code_insee: '75111', latitude: 48.8589, longitude: 2.3795 },
]

export interface DemoPartnersResult {
  companies: number
  needs: number
  sponsorships: number
  alreadyLoaded: boolean
}

export async function loadDemoPartners(db: Kysely<Database>): Promise<DemoPartnersResult> {
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('companies').select('id').where('is_example', '=', true).executeTakeFirst()
    if (existing) return { companies: 0, needs: 0, sponsorships: 0, alreadyLoaded: true }
    const result = { companies: 0, needs: 0, sponsorships: 0, alreadyLoaded: false }
    for (const [i, city] of CITIES.entries()) {
      const companyId = await insertCompany(
        trx,
        {
          siret: fictionalSiret(i + 1),
          nom: `${city.nom} (exemple fictif)`,
          code_naf: '62.02A',
          adresse: 'Adresse fictive',
          code_postal: city.code_postal,
          commune: city.commune,
          code_insee: city.code_insee,
          latitude: city.latitude,
          longitude: city.longitude,
          cinov_member_since: '2024-01-15',
          is_example: true,
        },
        { actor: ACTOR, reason: 'données de démonstration' },
      )
      result.companies++
      // The three published venues nearest the company: the first is sponsored, the next two ask for help.
      const venues = await trx
        .selectFrom('venues')
        .select('id')
        .where('status', '=', 'published')
        .where('geom', 'is not', null)
        .where(
          sql<boolean>`ST_DWithin(geom::geography, ST_SetSRID(ST_MakePoint(${city.longitude}, ${city.latitude}), 4326)::geography, 30000)`,
        )
        .orderBy(sql`geom::geography <-> ST_SetSRID(ST_MakePoint(${city.longitude}, ${city.latitude}), 4326)::geography`)
        .limit(3)
        .execute()
      if (venues[0]) {
        await insertSponsorship(
          trx,
          {
            company_id: companyId,
            venue_id: venues[0].id,
            kind: 'mecenat',
            started_on: '2025-09-01',
            description: 'Ateliers de prise en main animés par les salariés (exemple fictif)',
            is_example: true,
          },
          { actor: ACTOR, reason: 'données de démonstration' },
        )
        result.sponsorships++
      }
      if (venues[1]) {
        await insertNeed(
          trx,
          venues[1].id,
          { kind: 'don_materiel', devices_count: 6 + i, devices_kind: 'ordinateurs portables' },
          ACTOR,
          true,
        )
        result.needs++
      }
      if (venues[2]) {
        const need =
          i % 2 === 0
            ? {
                kind: 'emploi_avenir' as const,
                local_project: 'Accompagner les démarches en ligne des habitants du quartier (exemple fictif)',
              }
            : { kind: 'mecenat' as const, skills: 'Cybersécurité et sauvegarde pour les associations (exemple fictif)' }
        await insertNeed(trx, venues[2].id, need, ACTOR, true)
        result.needs++
      }
    }
    return result
  })
}
