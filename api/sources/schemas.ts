// Request and response shapes of the producers' routes (/api/v1/sources/…).
import { Type } from '@fastify/type-provider-typebox'

export const SourceParams = Type.Object({
  source: Type.String({ minLength: 1, maxLength: 200, description: 'Nom de la source (le champ `source` des lieux du producteur)' }),
})

export const SourceVenueParams = Type.Object({
  source: Type.String({ minLength: 1, maxLength: 200, description: 'Nom de la source' }),
  id: Type.String({ minLength: 1, maxLength: 200, description: 'Identifiant du lieu dans le fichier du producteur (`source_id`)' }),
})

export const SyncQuery = Type.Object(
  {
    dry_run: Type.Boolean({ default: false, description: 'Prévisualiser le diff sans rien écrire' }),
    absent: Type.String({
      enum: ['keep', 'archive'],
      default: 'keep',
      description: 'Lieux de la source absents du fichier : les garder (défaut) ou les archiver',
    }),
    file_name: Type.Optional(Type.String({ maxLength: 300 })),
  },
  { additionalProperties: false },
)

const Change = Type.Object({ field: Type.String(), from: Type.Unknown(), to: Type.Unknown() })
const Issue = Type.Object({ field: Type.String(), message: Type.String() }, { additionalProperties: true })

export const SyncReportSchema = Type.Object({
  status: Type.String({ enum: ['applied', 'dry_run', 'rejected', 'submitted'] }),
  source: Type.String(),
  format: Type.Union([Type.String(), Type.Null()]),
  absent_policy: Type.String({ enum: ['keep', 'archive'] }),
  file_error: Type.Union([Type.String(), Type.Null()]),
  totals: Type.Object({
    rows: Type.Integer(),
    created: Type.Integer(),
    updated: Type.Integer(),
    unchanged: Type.Integer(),
    absent: Type.Integer(),
    archived: Type.Integer(),
    rejected: Type.Integer(),
  }),
  created: Type.Array(Type.Object({ row: Type.Integer(), id: Type.String(), nom: Type.String(), venue_id: Type.Optional(Type.String()) })),
  updated: Type.Array(
    Type.Object({ row: Type.Integer(), id: Type.String(), nom: Type.String(), venue_id: Type.String(), changes: Type.Array(Change) }),
  ),
  absent: Type.Array(Type.Object({ id: Type.String(), nom: Type.String(), venue_id: Type.String(), archived: Type.Boolean() })),
  rejected: Type.Array(
    Type.Object({
      row: Type.Union([Type.Integer(), Type.Null()]),
      id: Type.Union([Type.String(), Type.Null()]),
      errors: Type.Array(Issue),
    }),
  ),
  submission_id: Type.Optional(Type.String({ description: 'La proposition de modération unique qui porte ce diff (collectivité)' })),
})
