// PUT /api/v1/sources/{source}/dataset: the whole-file sync (db/sync/sync.ts) over HTTP. The file becomes the
// truth for that source; the answer is the diff. A key bound to sources may sync only its own (403 otherwise),
// an authority key bound to none may not sync at all; an authority's diff becomes one moderation submission.
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { detectDuplicates } from '../../db/curation/duplicates.ts'
import { MAX_IMPORT_BYTES } from '../../db/import/read-file.ts'
import { syncFile, type AbsentPolicy, type SyncReport } from '../../db/sync/sync.ts'
import { authorizeVenueWrite, callerOf, type Caller } from '../plugins/caller.ts'
import { ProblemSchema } from '../plugins/problem-schema.ts'
import { HttpProblem } from '../plugins/problem.ts'
import { SourceParams, SyncQuery, SyncReportSchema } from './schemas.ts'

const security: Record<string, string[]>[] = [{ apiKey: [] }, { session: [] }]

/** A key bound to sources syncs only those; the gate's file-level rule refuses an authority key bound to none. */
export function assertMaySync(caller: Caller, source: string): void {
  if (caller.sources.length > 0 && !caller.sources.includes(source)) {
    const message = `la source « ${source} » n’est pas celle de votre clé (${caller.sources.join(', ')})`
    throw new HttpProblem(403, `Synchronisation refusée : ${message}.`, { errors: [{ field: 'source', message }] })
  }
  authorizeVenueWrite(caller, { kind: 'import', stored: null, result: null })
}

/** A rejected sync as problem+json: each refused row by its line and field, nothing written. */
export function syncProblem(report: SyncReport): HttpProblem {
  if (report.file_error) return new HttpProblem(422, report.file_error, { errors: [{ field: 'file', message: report.file_error }] })
  const errors = report.rejected.flatMap((r) =>
    r.errors.map((e) => ({
      field: e.field,
      message: `${r.row === null ? `lieu ${r.id}` : `ligne ${r.row}`} : ${e.message}`,
      row: r.row,
      id: r.id,
    })),
  )
  const lines = report.rejected.filter((r) => r.row !== null).map((r) => r.row)
  return new HttpProblem(
    422,
    `Synchronisation refusée : ${report.rejected.length} ligne(s) en erreur` +
      `${lines.length ? ` (ligne${lines.length > 1 ? 's' : ''} ${lines.slice(0, 10).join(', ')}${lines.length > 10 ? '…' : ''})` : ''}` +
      `. Rien n’a été écrit.`,
    { errors, totals: report.totals },
  )
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  // Scoped to this plugin: the sync wants the raw bytes of CSV and JSON bodies.
  app.removeContentTypeParser(['application/json', 'text/plain'])
  app.addContentTypeParser(
    ['application/json', 'text/csv', 'text/plain', 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: MAX_IMPORT_BYTES },
    (_request, body, done) => done(null, body),
  )

  app.put(
    '/api/v1/sources/:source/dataset',
    {
      config: { access: { roles: ['authority', 'curator', 'admin'] } },
      bodyLimit: MAX_IMPORT_BYTES,
      schema: {
        tags: ['contribution'],
        summary: 'Synchroniser tout le fichier d’une source',
        description:
          'Le fichier (CSV ou JSON du standard v1.0.2 ou v0.1, corps brut) devient la vérité pour cette source. Réponse ' +
          ': le diff — créés, modifiés (champ par champ), inchangés, absents du fichier. ' +
          '`dry_run=true` prévisualise sans rien écrire. Les lieux absents du fichier ne sont archivés qu’avec ' +
          '`absent=archive`. Tout ou rien : une ligne invalide ou hors de votre territoire et rien n’est écrit (422, ' +
          'problem+json nommant ligne et champ). ' +
          'Une clé liée à des sources ne synchronise que les siennes (403). 200 : essai ou rien à changer ; 201 : publié ' +
          '(curateur, administrateur) ; 202 : une proposition de modération unique (collectivité, `submission_id`), ' +
          'qu’un curateur approuve en entier ou ligne par ligne.',
        security,
        params: SourceParams,
        querystring: SyncQuery,
        response: {
          200: SyncReportSchema,
          201: SyncReportSchema,
          202: SyncReportSchema,
          400: ProblemSchema,
          401: ProblemSchema,
          403: ProblemSchema,
          413: ProblemSchema,
          415: ProblemSchema,
          422: ProblemSchema,
        },
      },
    },
    async (request, reply) => {
      const caller = callerOf(request)
      const { source } = request.params
      assertMaySync(caller, source)
      if (!Buffer.isBuffer(request.body) || request.body.length === 0)
        throw new HttpProblem(400, 'Corps vide : envoyez le fichier CSV ou JSON.', {
          errors: [{ field: 'body', message: 'fichier attendu' }],
        })
      const json = String(request.headers['content-type']).includes('json')
      const report = await syncFile(app.db, request.body, {
        source,
        fileName: request.query.file_name ?? (json ? `${source}.json` : `${source}.csv`),
        dryRun: request.query.dry_run,
        absent: request.query.absent as AbsentPolicy,
        actor: caller.label,
        actorId: `${caller.kind}:${caller.id}`,
        writer: caller,
      })
      if (report.status === 'rejected') throw syncProblem(report)
      if (report.status === 'applied') {
        const touched = [...report.created.map((c) => c.venue_id!), ...report.updated.map((u) => u.venue_id)]
        if (touched.length > 0) await detectDuplicates(app.db, touched)
      }
      const written = report.totals.created + report.totals.updated + report.totals.archived > 0
      const status = report.status === 'submitted' ? 202 : report.status === 'applied' && written ? 201 : 200
      return reply.code(status).send(report)
    },
  )
}
export default routes
