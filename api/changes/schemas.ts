// Schemas of the changes feed (GET /api/v1/changes).
import { Type } from '@fastify/type-provider-typebox'

export const ChangesQuery = Type.Object(
  {
    since: Type.Optional(
      Type.String({
        maxLength: 40,
        description: 'Curseur du dernier changement appliqué (`next_cursor` de la page précédente) ; absent : depuis le début.',
        examples: ['0', '1250'],
      }),
    ),
    limit: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 1000, default: 200, description: 'Nombre de changements par page (1 à 1000).' }),
    ),
  },
  { additionalProperties: false },
)

const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()])

export const ChangeSchema = Type.Object({
  cursor: Type.String({ description: 'Numéro du changement, dans l’ordre de validation (commit)' }),
  kind: Type.Union([Type.Literal('created'), Type.Literal('updated'), Type.Literal('archived'), Type.Literal('merged')], {
    description:
      '`created` : le lieu entre dans les lieux publiés ; `updated` : nouvelle version ; `archived` : il en sort ; ' +
      '`merged` : fusionné dans `merged_into`.',
  }),
  id: Type.String({ format: 'uuid', description: 'Identifiant Maillage du lieu' }),
  version: Type.Integer({ minimum: 1 }),
  source: Type.String(),
  source_id: Type.String(),
  departement: Nullable(Type.String()),
  region: Nullable(Type.String()),
  merged_into: Nullable(Type.String({ format: 'uuid' })),
  changed_at: Type.String({ format: 'date-time' }),
  lieu: Type.Union([
    Type.Object({}, { additionalProperties: true, description: 'Le lieu au standard v1.0.2 après le changement' }),
    Type.Null(),
  ]),
})

export const ChangesPageSchema = Type.Object({
  changes: Type.Array(ChangeSchema),
  next_cursor: Type.String({ description: 'À passer en `since` pour la page suivante (inchangé s’il n’y a rien de nouveau)' }),
  has_more: Type.Boolean(),
})
