// Schemas of the curation domain (writes, moderation, history, duplicates, audit), declared once.
import { Type, type Static } from '@fastify/type-provider-typebox'
import { LIST_FIELDS, NUMBER_FIELDS, STANDARD_FIELDS } from '../../db/standard/index.ts'
import { DEPARTEMENT_CODE } from '../../domain/territory.ts'

const TERRITORY_ITEM = `(?:dep:${DEPARTEMENT_CODE}|reg:\\d{2})`

const listFields = new Set<string>(LIST_FIELDS)
const numberFields = new Set<string>(NUMBER_FIELDS)

/**
 * A venue as written: the standard's fields (lists as JSON arrays or `|`-separated text). The body is read
 * by the standard's own parser (db/standard), which names every invalid field; this schema documents it.
 */
export const VenueInputSchema = Type.Object(
  Object.fromEntries(
    STANDARD_FIELDS.map((field) => [
      field,
      Type.Optional(
        listFields.has(field)
          ? Type.Union([Type.Array(Type.String()), Type.String(), Type.Null()])
          : numberFields.has(field)
            ? Type.Union([Type.Number(), Type.String(), Type.Null()])
            : Type.Union([Type.String(), Type.Null()]),
      ),
    ]),
  ),
  {
    additionalProperties: true,
    description:
      'Champs du standard national v1.0.2. Création : `nom`, `adresse`, `code_postal`, `commune` obligatoires ; `id` ' +
      '(identifiant chez le producteur), `pivot` et `date_maj` ont des valeurs par défaut.',
    examples: [
      {
        nom: 'Médiathèque de Bègles',
        adresse: '1 rue Calixte Camelle',
        code_postal: '33130',
        commune: 'Bègles',
        code_insee: '33039',
        latitude: 44.8085,
        longitude: -0.5478,
        services: ['Aide aux démarches administratives'],
      },
    ],
  },
)

export const VenueIdParams = Type.Object({ id: Type.String({ format: 'uuid', description: 'Identifiant Maillage du lieu' }) })
// Serial ids are PostgreSQL integers: a larger number is a 400, not an out-of-range error (500).
export const NumericIdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) })
export const UuidParams = Type.Object({ id: Type.String({ format: 'uuid' }) })

export const IfMatchHeaders = Type.Object({
  'if-match': Type.Optional(
    Type.String({ description: 'ETag lu par GET /api/v1/venues/{id} (`"<id>-v<version>"`) ou le numéro de version' }),
  ),
})

export const VenueOutSchema = Type.Object(
  {
    id: Type.String(),
    version: Type.Integer(),
    status: Type.String(),
    nom: Type.String(),
  },
  { additionalProperties: true, description: 'Le lieu tel que GET /api/v1/venues/{id} le renvoie' },
)

export const SubmissionAcceptedSchema = Type.Object(
  {
    submission_id: Type.String({ format: 'uuid' }),
    status: Type.Literal('pending'),
    kind: Type.String(),
    location: Type.String({ description: 'Où lire l’issue de la proposition' }),
    message: Type.String(),
  },
  { description: 'Écriture d’une collectivité : proposée à la modération (202)' },
)

export const DiffEntry = Type.Object({ field: Type.String(), current: Type.Unknown(), proposed: Type.Unknown() })

export const NearbyVenue = Type.Object({
  id: Type.String(),
  nom: Type.String(),
  adresse: Type.Union([Type.String(), Type.Null()]),
  commune: Type.Union([Type.String(), Type.Null()]),
  distance_m: Type.Number(),
  latitude: Type.Union([Type.Number(), Type.Null()]),
  longitude: Type.Union([Type.Number(), Type.Null()]),
})

export const SubmissionSchema = Type.Object({
  id: Type.String(),
  kind: Type.String({ enum: ['create', 'update', 'archive', 'restore', 'report', 'sync'] }),
  status: Type.String({ enum: ['pending', 'approved', 'rejected'] }),
  venue_id: Type.Union([Type.String(), Type.Null()]),
  base_version: Type.Union([Type.Integer(), Type.Null()]),
  payload: Type.Unknown(),
  submitted_by: Type.String(),
  message: Type.Union([Type.String(), Type.Null()]),
  reporter_name: Type.Union([Type.String(), Type.Null()]),
  reporter_email: Type.Union([Type.String(), Type.Null()]),
  decision_reason: Type.Union([Type.String(), Type.Null()]),
  reviewed_by: Type.Union([Type.String(), Type.Null()]),
  reviewed_at: Type.Union([Type.String(), Type.Null()]),
  created_at: Type.String(),
  departement: Type.Union([Type.String(), Type.Null()]),
  region: Type.Union([Type.String(), Type.Null()]),
  result_venue_id: Type.Union([Type.String(), Type.Null()]),
  diff: Type.Optional(Type.Array(DiffEntry)),
  venue_nom: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  nearby: Type.Optional(
    Type.Array(NearbyVenue, {
      description: 'Création : lieux publiés à moins de 200 m (doublons possibles), du plus proche au plus lointain',
    }),
  ),
})

export const SubmissionListQuery = Type.Object(
  {
    status: Type.Optional(Type.String({ enum: ['pending', 'approved', 'rejected'] })),
    kind: Type.Optional(Type.String({ enum: ['create', 'update', 'archive', 'restore', 'report', 'sync'] })),
    venue_id: Type.Optional(Type.String({ format: 'uuid' })),
    territory: Type.Optional(
      Type.String({
        pattern: `^${TERRITORY_ITEM}(?:,${TERRITORY_ITEM})*$`,
        maxLength: 500,
        description: 'Territoires où se situent les propositions, liste séparée par des virgules (`dep:33,reg:84`)',
      }),
    ),
    author: Type.Optional(
      Type.String({ minLength: 1, maxLength: 200, description: 'Auteur (partie du nom, sans casse ; `public` pour les signalements)' }),
    ),
    older_than_days: Type.Optional(Type.Integer({ minimum: 0, maximum: 3650, description: 'Déposées il y a au moins ce nombre de jours' })),
    newer_than_days: Type.Optional(Type.Integer({ minimum: 0, maximum: 3650, description: 'Déposées il y a au plus ce nombre de jours' })),
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
    cursor: Type.Optional(Type.String({ maxLength: 300 })),
  },
  { additionalProperties: false },
)

export const ApproveBody = Type.Object(
  {
    payload: Type.Optional(
      Type.Record(Type.String(), Type.Unknown(), { description: 'Champs du standard corrigés par le modérateur avant publication' }),
    ),
    reason: Type.Optional(Type.String({ maxLength: 2000 })),
    rows: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 200 }), {
        maxItems: 100000,
        description:
          'Synchronisation (`kind: sync`) : les identifiants du producteur à appliquer ; les autres lignes sont ' +
          'écartées. Sans : tout le fichier.',
      }),
    ),
  },
  { additionalProperties: false },
)
export const BATCH_ACTIONS = ['approve', 'reject'] as const
export const BatchBody = Type.Object(
  {
    action: Type.String({
      enum: [...BATCH_ACTIONS],
      description: '`approve` : approuver sans correction ; `reject` : refuser (ou classer un signalement sans suite) avec `reason`',
    }),
    ids: Type.Array(Type.String({ format: 'uuid' }), { minItems: 1, maxItems: 100, uniqueItems: true }),
    reason: Type.Optional(
      Type.String({ minLength: 1, maxLength: 2000, description: 'Motif, obligatoire pour `reject` (transmis aux auteurs)' }),
    ),
  },
  { additionalProperties: false },
)
export const BatchResultSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      ok: Type.Boolean(),
      status: Type.Integer({ description: 'Le statut HTTP qu’aurait donné la route unitaire' }),
      submission_status: Type.Union([Type.String(), Type.Null()]),
      detail: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
  succeeded: Type.Integer(),
  failed: Type.Integer(),
})

export const RejectBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 2000 }) }, { additionalProperties: false })

export const ReportBody = Type.Object(
  {
    message: Type.String({ minLength: 3, maxLength: 4000, description: 'Ce qui est inexact' }),
    nom: Type.Optional(Type.String({ maxLength: 200 })),
    courriel: Type.Optional(Type.String({ format: 'email', maxLength: 320 })),
    champ: Type.Optional(Type.String({ maxLength: 100, description: 'Champ concerné (ex. horaires)' })),
  },
  { additionalProperties: false },
)

export const RevertBody = Type.Object(
  { version: Type.Integer({ minimum: 1 }), reason: Type.Optional(Type.String({ maxLength: 500 })) },
  { additionalProperties: false },
)
export const WriteReasonQuery = Type.Object({ reason: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false })

export const HistorySchema = Type.Object({
  items: Type.Array(
    Type.Object({
      version: Type.Integer(),
      changed_at: Type.String(),
      changed_by: Type.String(),
      reason: Type.String(),
      status: Type.String(),
      channel: Type.String({ enum: ['interface', 'api', 'import', 'sync', 'harvest', 'merge', 'moderation', 'system'] }),
      channel_detail: Type.Union([Type.String(), Type.Null()], {
        description: 'Nom de la clé, du fichier ou de la source ; n° de la paire ou de la proposition',
      }),
      channel_label: Type.String({ description: 'Le canal en français, pour l’affichage' }),
      data: Type.Record(Type.String(), Type.Unknown()),
    }),
  ),
})

export const DuplicateSchema = Type.Object({
  id: Type.Integer(),
  venue_a: Type.String(),
  venue_b: Type.String(),
  reason: Type.String(),
  score: Type.Number(),
  status: Type.String(),
  resolved_by: Type.Union([Type.String(), Type.Null()]),
  resolved_at: Type.Union([Type.String(), Type.Null()]),
  merged_into: Type.Union([Type.String(), Type.Null()]),
  created_at: Type.String(),
  reasons: Type.Array(
    Type.Object({
      code: Type.String({ description: 'name, distance, address, phone, email, siret, ou far (lieux éloignés : score réduit)' }),
      weight: Type.Number({ description: 'Part du score apportée par cette raison' }),
      label: Type.String({ description: 'La raison en français' }),
    }),
  ),
  venues: Type.Optional(Type.Array(Type.Record(Type.String(), Type.Unknown()))),
})

export const AuditQuery = Type.Object(
  {
    entity: Type.Optional(Type.String({ maxLength: 50 })),
    entity_id: Type.Optional(Type.String({ maxLength: 100 })),
    actor: Type.Optional(Type.String({ maxLength: 300 })),
    action: Type.Optional(Type.String({ maxLength: 100 })),
    since: Type.Optional(Type.String({ format: 'date-time' })),
    until: Type.Optional(Type.String({ format: 'date-time' })),
    limit: Type.Integer({ minimum: 1, maximum: 10000, default: 100 }),
    before_id: Type.Optional(Type.String({ pattern: '^\\d+$' })),
    format: Type.Optional(Type.String({ enum: ['json', 'csv'] })),
  },
  { additionalProperties: false },
)
export type AuditQuery = Static<typeof AuditQuery>

export const DuplicateJobSchema = Type.Object({
  id: Type.Integer(),
  status: Type.String({ enum: ['running', 'done', 'cancelled', 'failed'] }),
  started_by: Type.String(),
  scope: Type.Union([Type.Array(Type.String()), Type.Null()], { description: 'Territoires parcourus (null : tout le pays)' }),
  total: Type.Integer({ description: 'Lieux à parcourir' }),
  processed: Type.Integer({ description: 'Lieux parcourus' }),
  queued: Type.Integer({ description: 'Nouvelles paires mises en file' }),
  cancel_requested: Type.Boolean(),
  error: Type.Union([Type.String(), Type.Null()]),
  started_at: Type.String(),
  finished_at: Type.Union([Type.String(), Type.Null()]),
})

export function serializeJob(job: {
  id: number
  status: string
  started_by: string
  scope: string[] | null
  total: number
  processed: number
  queued: number
  cancel_requested: boolean
  error: string | null
  started_at: Date | string
  finished_at: Date | string | null
}) {
  const { id, status, started_by, scope, total, processed, queued, cancel_requested, error } = job
  return {
    id,
    status,
    started_by,
    scope,
    total,
    processed,
    queued,
    cancel_requested,
    error,
    started_at: new Date(job.started_at).toISOString(),
    finished_at: job.finished_at === null ? null : new Date(job.finished_at).toISOString(),
  }
}
