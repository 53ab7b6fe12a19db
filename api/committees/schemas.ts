// Committee meetings and network criteria as the API shows and accepts them.
import { Type } from '@fastify/type-provider-typebox'
import { COMMITTEES, CRITERION_MEASURES } from '../../domain/committees.ts'

const Text = (max: number, description?: string) => Type.String({ minLength: 1, maxLength: max, ...(description ? { description } : {}) })
const Day = Type.String({ format: 'date' })

export const Attendee = Type.Object(
  {
    organisation: Text(200, 'Organisation représentée (État, CINOV-IT, collectivité…)'),
    participants: Type.Array(Text(200), { maxItems: 50, description: 'Noms et fonctions des présents' }),
  },
  { additionalProperties: false },
)

const editable = {
  committee: Type.String({ enum: [...COMMITTEES], description: 'gouvernance (art. 8) ou pilotage (art. 9)' }),
  held_on: Type.String({ format: 'date', pattern: '^2\\d{3}-', description: 'Date de la séance (à partir de l’an 2000)' }),
  attendees: Type.Array(Attendee, { maxItems: 50 }),
  agenda: Type.Array(Text(500), { maxItems: 50, description: 'Ordre du jour' }),
  decisions: Type.Array(Text(2000), { maxItems: 100, description: 'Décisions prises' }),
  minutes: Type.String({ maxLength: 50_000, description: 'Compte rendu' }),
}

export const MeetingCreateSchema = Type.Object(
  {
    committee: editable.committee,
    held_on: editable.held_on,
    attendees: Type.Optional(editable.attendees),
    agenda: Type.Optional(editable.agenda),
    decisions: Type.Optional(editable.decisions),
    minutes: Type.Optional(editable.minutes),
    report_year: Type.Optional(
      Type.Integer({
        minimum: 2000,
        maximum: 2100,
        description: 'Année du rapport annuel figé (par défaut : l’année précédant la séance)',
      }),
    ),
  },
  { additionalProperties: false },
)

export const MeetingPatchSchema = Type.Partial(Type.Object(editable, { additionalProperties: false }), { additionalProperties: false })

const Validation = Type.Union([Type.Object({ by: Type.String(), at: Type.String({ format: 'date-time' }) }), Type.Null()])

export const MeetingSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    committee: Type.String({ enum: [...COMMITTEES] }),
    held_on: Day,
    attendees: Type.Array(Attendee),
    agenda: Type.Array(Type.String()),
    decisions: Type.Array(Type.String()),
    minutes: Type.String(),
    report_year: Type.Integer(),
    report_snapshot: Type.Record(Type.String(), Type.Unknown(), {
      description: 'Les indicateurs du rapport annuel tels qu’à la date de la séance (`as_of`), figés dans la séance',
    }),
    validations: Type.Object({ state: Validation, cinov: Validation }),
    final: Type.Boolean({ description: 'Validé par l’État et par CINOV-IT : plus aucune modification possible' }),
    finalized_at: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    content_hash: Type.Union([Type.String({ description: 'sha256 (hex) du contenu validé' }), Type.Null()]),
    version: Type.Integer(),
    created_at: Type.String({ format: 'date-time' }),
    updated_at: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
)

export const CriterionSchema = Type.Object(
  {
    code: Type.String({ pattern: '^[a-z0-9_]{1,40}$' }),
    libelle: Text(300),
    mesure: Type.Union([Type.String({ enum: [...CRITERION_MEASURES] }), Type.Null()], {
      description: 'Mesure calculée sur les données, ou null si le critère se vérifie autrement',
    }),
  },
  { additionalProperties: false },
)

export const CriteriaAdoptSchema = Type.Object(
  {
    adopted_on: Day,
    meeting_id: Type.Optional(Type.Union([Type.String({ format: 'uuid' }), Type.Null()])),
    criteria: Type.Array(CriterionSchema, { minItems: 1, maxItems: 50 }),
  },
  { additionalProperties: false },
)

export const CriteriaSchema = Type.Object({
  territory: Type.String(),
  published: Type.Integer({ description: 'Lieux publiés du territoire' }),
  version: Type.Union([Type.Integer(), Type.Null()], { description: 'Version en vigueur (null : aucune adoptée)' }),
  adopted_on: Type.Union([Day, Type.Null()]),
  meeting_id: Type.Union([Type.String(), Type.Null()]),
  criteria: Type.Array(
    Type.Object({
      code: Type.String(),
      libelle: Type.String(),
      mesure: Type.Union([Type.String(), Type.Null()]),
      venues: Type.Union([Type.Integer(), Type.Null()]),
      share: Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()]),
    }),
  ),
  versions: Type.Array(Type.Object({ version: Type.Integer(), adopted_on: Day, meeting_id: Type.Union([Type.String(), Type.Null()]) })),
})
