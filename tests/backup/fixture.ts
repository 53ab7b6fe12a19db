// Puts at least one row in every table of the data model (and a few edge values: nulls, arrays, jsonb,
// numeric amounts, a merged venue, a second version), so a backup round trip has something to lose.
import { sql, type Kysely } from 'kysely'
import type { Database } from '../../db/types.ts'
import { importFile } from '../../db/import/importer.ts'
import { updateVenue } from '../../db/venue-store.ts'
import { appendAudit } from '../../db/audit.ts'
import { demoCsv } from './demo-csv.ts'

export async function fillEveryTable(db: Kysely<Database>): Promise<void> {
  const report = await importFile(db, demoCsv(40), { source: 'hinaura', actor: 'test', partial: true })
  if (report.totals.created < 10) throw new Error(`fixture import created only ${report.totals.created} venues`)
  const venues = await db.selectFrom('venues').select(['id', 'version']).orderBy('id').execute()
  await updateVenue(
    db,
    venues[0].id,
    { nom: 'Nom « corrigé » — ÉPN', telephone: null },
    { expectedVersion: venues[0].version },
    { actor: 'curator:x', reason: 'correction' },
  )
  await updateVenue(
    db,
    venues[1].id,
    {},
    { expectedVersion: venues[1].version, status: 'archived' },
    { actor: 'curator:x', reason: 'fermé' },
  )
  await db.updateTable('venues').set({ merged_into: venues[2].id }).where('id', '=', venues[3].id).execute()

  // Migrations may already seed a label catalogue; add ours beside it.
  const label = await db
    .insertInto('labels')
    .values({ slug: 'test-netpublic-local', nom: 'NetPublic local', issuer: 'ANCT', default_validity_months: 36 } as never)
    .returning('id')
    .executeTakeFirstOrThrow()
  await db
    .insertInto('labels')
    .values({
      slug: 'test-aidants',
      nom: 'Aidants (test)',
      standard_field: 'dispositif_programmes_nationaux',
      standard_value: 'Aidants Connect',
    } as never)
    .execute()
  await db
    .insertInto('venue_labels')
    .values([
      { venue_id: venues[0].id, label_id: label.id, granted_on: '2024-01-15', expires_on: '2027-01-15', evidence: 'dossier 42' },
      { venue_id: venues[1].id, label_id: label.id, granted_on: '2020-03-01', revoked_on: '2023-06-30', revoked_reason: 'fermeture' },
    ] as never)
    .execute()
  const company = await db
    .insertInto('companies')
    .values({
      siret: '12345678901234',
      nom: 'Numérique & Cie',
      code_postal: '33000',
      commune: 'Bordeaux',
      latitude: 44.8378,
      longitude: -0.5792,
      geom: sql`ST_SetSRID(ST_MakePoint(-0.5792, 44.8378), 4326)`,
      cinov_member_since: '2019-09-01',
    } as never)
    .returning('id')
    .executeTakeFirstOrThrow()
  await db
    .insertInto('sponsorships')
    .values([
      {
        company_id: company.id,
        venue_id: venues[0].id,
        kind: 'mecenat',
        started_on: '2024-02-01',
        amount_eur: 12345.67,
        description: 'mécénat',
      },
      {
        company_id: company.id,
        venue_id: venues[4].id,
        kind: 'emploi_avenir',
        started_on: '2023-09-01',
        ended_on: '2024-08-31',
        youth_count: 2,
      },
    ] as never)
    .execute()
  await db
    .insertInto('users')
    .values({
      email: 'curatrice@example.fr',
      password_hash: '$argon2id$v=19$m=65536,t=3,p=4$abc$def',
      role: 'curator',
      territories: ['dep:33', 'reg:75'],
    } as never)
    .execute()
  await db
    .insertInto('api_keys')
    .values({
      name: 'Gironde numérique',
      prefix: 'mk_abc123',
      key_hash: 'f'.repeat(64),
      role: 'authority',
      territories: ['dep:33'],
    } as never)
    .execute()
  await db
    .insertInto('submissions')
    .values({
      kind: 'report',
      venue_id: venues[5].id,
      payload: JSON.stringify({ nested: { a: [1, 2, null] }, texte: 'l’horaire est faux' }),
      submitted_by: 'public',
      message: 'horaires',
    } as never)
    .execute()
  await db
    .insertInto('imports')
    .values({
      source: 'hinaura',
      actor: 'test',
      status: 'applied',
      summary: JSON.stringify({ created: 40 }),
      report: JSON.stringify([{ row: 2 }]),
    } as never)
    .execute()
  await db
    .insertInto('duplicates')
    .values({ venue_a: venues[5].id, venue_b: venues[6].id, reason: 'même adresse', score: 0.875 } as never)
    .execute()
  await db
    .insertInto('app_meta')
    .values({ key: 'backup-test-fixture', value: JSON.stringify({ when: 'now', n: 1.5 }) } as never)
    .execute()
  await appendAudit(db, { actor: 'test', action: 'fixture', entity: 'app_meta', entity_id: 'backup-test', detail: { ok: true } })
}
