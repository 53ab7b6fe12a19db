// Curation: who submitted what and where (so curators see their territory's queue), merge bookkeeping,
// label lifecycle details, and the NetPublic-style label catalogue mapped onto the standard's fields.
import { sql, type Kysely } from 'kysely'

/** The catalogue seeded here; `standard_field`/`standard_value` say which declared value of the standard it matches. */
export const LABEL_CATALOGUE: {
  slug: string
  nom: string
  issuer: string
  criteria: string
  months: number | null
  field: 'dispositif_programmes_nationaux' | 'formations_labels' | null
  value: string | null
}[] = [
  {
    slug: 'france-services',
    nom: 'France Services',
    issuer: 'ANCT',
    criteria: 'Guichet labellisé France Services (charte nationale, deux agents formés, neuf partenaires).',
    months: 60,
    field: 'dispositif_programmes_nationaux',
    value: 'France Services',
  },
  {
    slug: 'conseillers-numeriques',
    nom: 'Conseillers numériques',
    issuer: 'ANCT',
    criteria: 'Lieu d’activité d’au moins un conseiller numérique du dispositif national.',
    months: 36,
    field: 'dispositif_programmes_nationaux',
    value: 'Conseillers numériques',
  },
  {
    slug: 'aidants-connect',
    nom: 'Aidants Connect',
    issuer: 'ANCT / DINUM',
    criteria: 'Structure habilitée Aidants Connect (aidants formés et habilités).',
    months: 36,
    field: 'dispositif_programmes_nationaux',
    value: 'Aidants Connect',
  },
  {
    slug: 'fabriques-de-territoire',
    nom: 'Fabriques de Territoire',
    issuer: 'ANCT',
    criteria: 'Tiers-lieu lauréat du programme Fabriques de Territoire.',
    months: 36,
    field: 'formations_labels',
    value: 'Fabriques de Territoire',
  },
  {
    slug: 'pix',
    nom: 'Pix',
    issuer: 'GIP Pix',
    criteria: 'Centre d’évaluation et de certification Pix.',
    months: 36,
    field: 'dispositif_programmes_nationaux',
    value: 'Certification PIX',
  },
  {
    slug: 'bibliotheques-numerique-de-reference',
    nom: 'Bibliothèques numériques de référence',
    issuer: 'Ministère de la Culture',
    criteria: 'Bibliothèque lauréate du programme BNR.',
    months: null,
    field: 'dispositif_programmes_nationaux',
    value: 'Bibliothèques numérique de référence',
  },
  {
    slug: 'grande-ecole-du-numerique',
    nom: 'Grande École du Numérique',
    issuer: 'GIP Grande École du Numérique',
    criteria: 'Formation labellisée Grande École du Numérique.',
    months: 24,
    field: 'dispositif_programmes_nationaux',
    value: 'Grande école du numérique',
  },
  {
    slug: 'etapes-numeriques',
    nom: 'Étapes numériques',
    issuer: 'La Poste',
    criteria: 'Bureau de poste ou partenaire proposant l’accompagnement Étapes numériques.',
    months: 24,
    field: 'formations_labels',
    value: 'Étapes numériques(La Poste)',
  },
  {
    slug: 'point-numerique-caf',
    nom: 'Point numérique CAF',
    issuer: 'CNAF',
    criteria: 'Point d’accès numérique labellisé par la CAF.',
    months: 36,
    field: 'dispositif_programmes_nationaux',
    value: "Point d'accès numérique CAF",
  },
  {
    slug: 'promeneurs-du-net',
    nom: 'Promeneurs du Net',
    issuer: 'CNAF',
    criteria: 'Structure jeunesse membre du réseau Promeneurs du Net.',
    months: 36,
    field: 'dispositif_programmes_nationaux',
    value: 'Promeneurs du net',
  },
  {
    slug: 'mon-espace-sante',
    nom: 'Formé à Mon Espace Santé',
    issuer: 'Assurance Maladie',
    criteria: 'Médiateurs formés à l’accompagnement Mon Espace Santé.',
    months: 24,
    field: 'formations_labels',
    value: 'Formé à « Mon Espace Santé »',
  },
  // No value of the standard says "NetPublic": an award is the only way a venue carries it.
  {
    slug: 'netpublic-epn',
    nom: 'NetPublic (EPN)',
    issuer: 'Délégation aux usages de l’internet',
    criteria: 'Espace public numérique répondant à la charte NetPublic : accès accompagné, animateur, ateliers.',
    months: 36,
    field: null,
    value: null,
  },
]

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE submissions ADD COLUMN submitter_id text`.execute(db)
  await sql`ALTER TABLE submissions ADD COLUMN departement text`.execute(db)
  await sql`ALTER TABLE submissions ADD COLUMN region text`.execute(db)
  await sql`ALTER TABLE submissions ADD COLUMN result_venue_id uuid REFERENCES venues (id)`.execute(db)
  await sql`CREATE INDEX submissions_submitter_idx ON submissions (submitter_id)`.execute(db)
  await sql`CREATE INDEX submissions_venue_idx ON submissions (venue_id)`.execute(db)
  await sql`ALTER TABLE imports ADD COLUMN actor_id text`.execute(db)
  await sql`ALTER TABLE duplicates ADD COLUMN merged_into uuid REFERENCES venues (id)`.execute(db)
  await sql`CREATE INDEX duplicates_status_idx ON duplicates (status)`.execute(db)
  await sql`ALTER TABLE venue_labels ADD COLUMN revoked_by text`.execute(db)
  await sql`ALTER TABLE venue_labels ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now()`.execute(db)
  await sql`CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_id)`.execute(db)
  await sql`CREATE INDEX audit_log_at_idx ON audit_log (at)`.execute(db)
  await sql`CREATE UNIQUE INDEX users_email_lower_idx ON users (lower(email))`.execute(db)
  for (const l of LABEL_CATALOGUE) {
    await sql`
      INSERT INTO labels (slug, nom, issuer, criteria, default_validity_months, standard_field, standard_value)
      VALUES (${l.slug}, ${l.nom}, ${l.issuer}, ${l.criteria}, ${l.months}, ${l.field}, ${l.value})
      ON CONFLICT (slug) DO NOTHING`.execute(db)
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DELETE FROM labels WHERE slug IN (${sql.join(LABEL_CATALOGUE.map((l) => l.slug))}) AND NOT EXISTS (SELECT 1 FROM venue_labels vl WHERE vl.label_id = labels.id)`.execute(
    db,
  )
  await sql`DROP INDEX IF EXISTS users_email_lower_idx`.execute(db)
  await sql`DROP INDEX IF EXISTS audit_log_at_idx`.execute(db)
  await sql`DROP INDEX IF EXISTS audit_log_entity_idx`.execute(db)
  await sql`ALTER TABLE venue_labels DROP COLUMN updated_at, DROP COLUMN revoked_by`.execute(db)
  await sql`ALTER TABLE duplicates DROP COLUMN merged_into`.execute(db)
  await sql`ALTER TABLE imports DROP COLUMN actor_id`.execute(db)
  await sql`ALTER TABLE submissions DROP COLUMN result_venue_id, DROP COLUMN region, DROP COLUMN departement, DROP COLUMN submitter_id`.execute(
    db,
  )
}
