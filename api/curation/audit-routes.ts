// The append-only audit log, for admins: JSON pages or a CSV export.
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { stringifySafeCsv } from '../../db/csv-safe.ts'
import { listAudit } from '../../db/curation/audit-queries.ts'
import { ProblemSchema } from '../plugins/problem-schema.ts'
import { AuditQuery } from './schemas.ts'

const security: Record<string, string[]>[] = [{ apiKey: [] }, { session: [] }]

const AuditEntry = Type.Object({
  id: Type.String(),
  at: Type.String(),
  actor: Type.String(),
  action: Type.String(),
  entity: Type.String(),
  entity_id: Type.Union([Type.String(), Type.Null()]),
  detail: Type.Record(Type.String(), Type.Unknown()),
})

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/v1/audit',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags: ['contribution'],
        summary: 'Journal d’audit',
        description:
          'Toutes les écritures, dans l’ordre inverse. La base refuse toute modification ou suppression de ce journal. ' +
          '`format=csv` pour l’exporter ; `before_id` pour la page suivante.',
        security,
        querystring: AuditQuery,
        response: {
          200: Type.Object({ items: Type.Array(AuditEntry), next_before_id: Type.Union([Type.String(), Type.Null()]) }),
          400: ProblemSchema,
          401: ProblemSchema,
          403: ProblemSchema,
        },
      },
    },
    async (request, reply) => {
      const q = request.query
      const rows = await listAudit(app.db, {
        entity: q.entity,
        entityId: q.entity_id,
        actor: q.actor,
        action: q.action,
        since: q.since,
        until: q.until,
        limit: q.limit,
        beforeId: q.before_id,
      })
      const page = rows.slice(0, q.limit).map((r) => ({ ...r, id: String(r.id), at: new Date(r.at).toISOString() }))
      if (q.format === 'csv') {
        const csv = stringifySafeCsv(
          page.map((r) => [r.id, r.at, r.actor, r.action, r.entity, r.entity_id ?? '', JSON.stringify(r.detail)]),
          { header: true, columns: ['id', 'at', 'actor', 'action', 'entity', 'entity_id', 'detail'] },
        )
        reply
          .type('text/csv; charset=utf-8')
          .header('Content-Disposition', 'attachment; filename="maillage-audit.csv"')
          .send(csv as never)
        return reply
      }
      return { items: page, next_before_id: rows.length > q.limit ? page[page.length - 1].id : null }
    },
  )
}
export default routes
