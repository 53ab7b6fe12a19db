// The label catalogue and awards. An award's lifecycle: granted_on → expires_on (renewable) or revoked_on.
// "Active" is ACTIVE_LABEL_SQL (db/venue-extras.ts): a label past its end date stops showing by itself.
import { sql, type Kysely } from 'kysely'
import { appendAudit } from '../audit.ts'
import type { Database, LabelsTable } from '../types.ts'
import { ACTIVE_LABEL_SQL } from '../venue-extras.ts'
import type { Insertable, Updateable } from 'kysely'

type Db = Kysely<Database>
const LABEL_COLUMNS = [
  'id',
  'slug',
  'nom',
  'issuer',
  'criteria',
  'logo_url',
  'default_validity_months',
  'standard_field',
  'standard_value',
  'created_at',
] as const

export async function listLabels(db: Db) {
  return db
    .selectFrom('labels as l')
    .select([...LABEL_COLUMNS.map((c) => `l.${c}` as const)])
    .select((eb) =>
      eb
        .selectFrom('venue_labels as vl')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('vl.label_id', '=', 'l.id')
        .where(ACTIVE_LABEL_SQL)
        .as('active_awards'),
    )
    .orderBy('l.nom')
    .execute()
}

export async function findLabel(db: Db, id: number) {
  return db
    .selectFrom('labels')
    .select([...LABEL_COLUMNS])
    .where('id', '=', id)
    .executeTakeFirst()
}

export async function insertLabel(db: Db, values: Insertable<LabelsTable>, actor: string) {
  const row = await db
    .insertInto('labels')
    .values(values)
    .returning([...LABEL_COLUMNS])
    .executeTakeFirstOrThrow()
  await appendAudit(db, {
    actor,
    action: 'label.create',
    entity: 'label',
    entity_id: String(row.id),
    detail: { slug: row.slug, nom: row.nom },
  })
  return row
}

export async function updateLabel(db: Db, id: number, values: Updateable<LabelsTable>, actor: string) {
  const row = await db
    .updateTable('labels')
    .set(values)
    .where('id', '=', id)
    .returning([...LABEL_COLUMNS])
    .executeTakeFirst()
  if (row)
    await appendAudit(db, {
      actor,
      action: 'label.update',
      entity: 'label',
      entity_id: String(id),
      detail: { changed: Object.keys(values) },
    })
  return row
}

/** Awards of a venue with their computed state (active, upcoming, expired, revoked). */
export async function listAwards(db: Db, venueId: string) {
  return db
    .selectFrom('venue_labels as vl')
    .innerJoin('labels as l', 'l.id', 'vl.label_id')
    .select([
      'vl.id',
      'vl.venue_id',
      'vl.label_id',
      'l.slug',
      'l.nom',
      'l.issuer',
      'vl.granted_on',
      'vl.expires_on',
      'vl.revoked_on',
      'vl.revoked_reason',
      'vl.revoked_by',
      'vl.evidence',
      'vl.created_by',
      'vl.created_at',
    ])
    .select(
      sql<string>`CASE WHEN vl.revoked_on IS NOT NULL THEN 'revoked'
      WHEN vl.granted_on > (now() AT TIME ZONE 'Europe/Paris')::date THEN 'upcoming'
      WHEN vl.expires_on IS NOT NULL AND vl.expires_on < (now() AT TIME ZONE 'Europe/Paris')::date THEN 'expired'
      ELSE 'active' END`.as('state'),
    )
    .where('vl.venue_id', '=', venueId)
    .orderBy('vl.granted_on', 'desc')
    .orderBy('vl.id', 'desc')
    .execute()
}

export async function findAward(db: Db, venueId: string, awardId: number) {
  return db.selectFrom('venue_labels').selectAll().where('id', '=', awardId).where('venue_id', '=', venueId).executeTakeFirst()
}

/** Catalogue labels whose standard value the venue declares (what the producer says, without an award). */
export async function declaredLabels(db: Db, venueId: string) {
  return db
    .selectFrom('labels as l')
    .innerJoin('venues as v', (join) => join.on('v.id', '=', venueId))
    .select(['l.id', 'l.slug', 'l.nom', 'l.standard_field', 'l.standard_value'])
    .where((eb) =>
      eb.or([
        eb.and([
          eb('l.standard_field', '=', 'dispositif_programmes_nationaux'),
          sql<boolean>`l.standard_value = ANY(v.dispositif_programmes_nationaux)`,
        ]),
        eb.and([eb('l.standard_field', '=', 'formations_labels'), sql<boolean>`l.standard_value = ANY(v.formations_labels)`]),
      ]),
    )
    .orderBy('l.nom')
    .execute()
}

export interface NewAward {
  venueId: string
  labelId: number
  grantedOn: string
  expiresOn: string | null
  evidence: string | null
}

export async function insertAward(db: Db, a: NewAward, actor: string) {
  const row = await db
    .insertInto('venue_labels')
    .values({
      venue_id: a.venueId,
      label_id: a.labelId,
      granted_on: a.grantedOn,
      expires_on: a.expiresOn,
      evidence: a.evidence,
      created_by: actor,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  await appendAudit(db, {
    actor,
    action: 'label.award',
    entity: 'venue',
    entity_id: a.venueId,
    detail: { award_id: row.id, label_id: a.labelId, granted_on: a.grantedOn, expires_on: a.expiresOn, evidence: a.evidence },
  })
  return row
}

export async function renewAward(db: Db, awardId: number, expiresOn: string | null, evidence: string | null, actor: string) {
  const row = await db
    .updateTable('venue_labels')
    .set({
      expires_on: expiresOn,
      ...(evidence !== null ? { evidence } : {}),
      updated_at: sql`now()`,
    })
    .where('id', '=', awardId)
    .where('revoked_on', 'is', null)
    .returningAll()
    .executeTakeFirst()
  if (row)
    await appendAudit(db, {
      actor,
      action: 'label.renew',
      entity: 'venue',
      entity_id: row.venue_id,
      detail: { award_id: awardId, expires_on: expiresOn, evidence },
    })
  return row
}

export async function revokeAward(db: Db, awardId: number, reason: string, actor: string) {
  const row = await db
    .updateTable('venue_labels')
    .set({
      revoked_on: sql`(now() AT TIME ZONE 'Europe/Paris')::date`,
      revoked_reason: reason,
      revoked_by: actor,
      updated_at: sql`now()`,
    })
    .where('id', '=', awardId)
    .where('revoked_on', 'is', null)
    .returningAll()
    .executeTakeFirst()
  if (row)
    await appendAudit(db, {
      actor,
      action: 'label.revoke',
      entity: 'venue',
      entity_id: row.venue_id,
      detail: { award_id: awardId, reason },
    })
  return row
}
