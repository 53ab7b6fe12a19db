// POST /api/v1/imports: the same importer as `maillage import`, for keys and sessions. Every row passes the write
// gate (db/write-gate.ts) with the caller: a row whose stored venue or result lies outside the caller's territory,
// or that names a source the key is not bound to, is rejected with its line number (all-or-nothing by default).
// A curator's or admin's import is published; an authority's becomes one moderation submission per changed row
// (202), and an authority key bound to no source cannot import at all (403).
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import multipart from '@fastify/multipart'
import { findImport } from '../../db/curation/imports.ts'
import { MAX_IMPORT_BYTES } from '../../db/import/read-file.ts'
import { runImport } from '../../services/imports/run.ts'
import { authorizeVenueWrite, callerOf } from '../plugins/caller.ts'
import { ProblemSchema } from '../plugins/problem-schema.ts'
import { HttpProblem } from '../plugins/problem.ts'

const security: Record<string, string[]>[] = [{ apiKey: [] }, { session: [] }]
const roles = { roles: ['authority' as const, 'curator' as const, 'admin' as const] }

const ImportReportSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  status: Type.String({ enum: ['applied', 'dry_run', 'rejected', 'submitted'] }),
  source: Type.String(),
  created_at: Type.String(),
  dry_run: Type.Boolean(),
  partial: Type.Boolean(),
  format: Type.Union([Type.String(), Type.Null()]),
  file_error: Type.Union([Type.String(), Type.Null()]),
  totals: Type.Object({
    rows: Type.Integer(),
    created: Type.Integer(),
    updated: Type.Integer(),
    unchanged: Type.Integer(),
    rejected: Type.Integer(),
  }),
  rows: Type.Array(
    Type.Object({
      row: Type.Integer(),
      id: Type.Union([Type.String(), Type.Null()]),
      outcome: Type.String(),
      errors: Type.Array(Type.Object({ field: Type.String(), message: Type.String() }, { additionalProperties: true })),
      warnings: Type.Array(Type.Object({ field: Type.String(), message: Type.String() }, { additionalProperties: true })),
      venue_id: Type.Optional(Type.String()),
      submission_id: Type.Optional(
        Type.String({ description: 'La proposition de modération qui porte cette ligne (import d’une collectivité)' }),
      ),
    }),
  ),
})

const ImportQuery = Type.Object(
  {
    dry_run: Type.Boolean({ default: false, description: 'Valider sans rien écrire' }),
    partial: Type.Boolean({ default: false, description: 'Écrire les lignes valides même si d’autres sont rejetées (sinon tout ou rien)' }),
    source: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 200,
        description: 'Nom du producteur (par défaut : colonne `source`, sinon le nom du fichier)',
      }),
    ),
    file_name: Type.Optional(Type.String({ maxLength: 300 })),
  },
  { additionalProperties: false },
)

const imports: FastifyPluginAsyncTypebox = async (app) => {
  // Scoped to this plugin: the importer wants the raw bytes of CSV and JSON bodies.
  app.removeContentTypeParser(['application/json', 'text/plain'])
  app.addContentTypeParser(
    ['application/json', 'text/csv', 'text/plain', 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: MAX_IMPORT_BYTES },
    (_request, body, done) => done(null, body),
  )
  await app.register(multipart, { limits: { fileSize: MAX_IMPORT_BYTES, files: 1 } })

  app.post(
    '/api/v1/imports',
    {
      config: { access: roles },
      bodyLimit: MAX_IMPORT_BYTES,
      schema: {
        tags: ['contribution'],
        summary: 'Importer un fichier au standard',
        description:
          'CSV ou JSON du standard v1.0.2 (ou v0.1), en corps brut (`text/csv`, `application/json`) ou en ' +
          '`multipart/form-data` (champ `file`). Tout ou rien sauf `partial=true` ; `dry_run=true` ne fait que valider. ' +
          'Rapport ligne par ligne ; une ligne dont le lieu enregistré ou le lieu importé est hors de votre territoire, ' +
          'ou qui nomme une autre source que celle(s) de votre clé, est rejetée avec ce motif. 201 si publié (curateur, ' +
          'administrateur), 202 si soumis à modération (collectivité : une proposition par ligne créée ou modifiée, ' +
          '`submission_id`), 200 pour un essai, 422 si rejeté ; une clé de collectivité liée à aucune source ne peut pas ' +
          'importer (403). Le rapport reste lisible par GET /api/v1/imports/{id}.',
        security,
        querystring: ImportQuery,
        response: {
          200: ImportReportSchema,
          201: ImportReportSchema,
          202: ImportReportSchema,
          422: ImportReportSchema,
          400: ProblemSchema,
          401: ProblemSchema,
          403: ProblemSchema,
          413: ProblemSchema,
          415: ProblemSchema,
        },
      },
    },
    async (request, reply) => {
      const caller = callerOf(request)
      // The gate's file-level rule (an authority key bound to no source may not import) answers before the upload is read.
      authorizeVenueWrite(caller, { kind: 'import', stored: null, result: null })
      let bytes: Uint8Array
      let fileName = request.query.file_name ?? null
      if (request.isMultipart()) {
        const file = await request.file()
        if (!file)
          throw new HttpProblem(400, 'Aucun fichier dans le formulaire (champ `file`).', {
            errors: [{ field: 'file', message: 'champ obligatoire' }],
          })
        bytes = await file.toBuffer()
        fileName ??= file.filename
      } else {
        if (!Buffer.isBuffer(request.body))
          throw new HttpProblem(400, 'Corps vide : envoyez le fichier CSV ou JSON.', {
            errors: [{ field: 'body', message: 'fichier attendu' }],
          })
        bytes = request.body
        if (!fileName && String(request.headers['content-type']).includes('json')) fileName = 'import.json'
      }
      const source = request.query.source ?? (caller.sources.length === 1 ? caller.sources[0] : (fileName ?? 'api').replace(/\.[^.]+$/, ''))
      const { report, saved } = await runImport(app.db, caller, {
        bytes,
        source: request.query.source,
        reportSource: source,
        fileName,
        dryRun: request.query.dry_run,
        partial: request.query.partial,
      })
      const status = ({ applied: 201, submitted: 202, dry_run: 200, rejected: 422 } as const)[report.status]
      return reply
        .code(status)
        .header('Location', `/api/v1/imports/${saved.id}`)
        .send({
          id: saved.id,
          status: report.status,
          source,
          created_at: new Date(saved.created_at).toISOString(),
          dry_run: request.query.dry_run,
          partial: request.query.partial,
          format: report.format,
          file_error: report.file_error,
          totals: report.totals,
          rows: report.rows,
        })
    },
  )

  app.get(
    '/api/v1/imports/:id',
    {
      config: { access: roles },
      schema: {
        tags: ['contribution'],
        summary: 'Relire le rapport d’un import',
        description: 'Son auteur (même clé ou même compte) et les administrateurs.',
        security,
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 200: ImportReportSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (request) => {
      const caller = callerOf(request)
      const row = await findImport(app.db, request.params.id)
      if (!row || (caller.role !== 'admin' && row.actor_id !== `${caller.kind}:${caller.id}`))
        throw new HttpProblem(404, `Aucun import ${request.params.id} visible pour vous.`)
      const summary = row.summary as {
        format: string | null
        file_error: string | null
        totals: { rows: number; created: number; updated: number; unchanged: number; rejected: number }
      }
      return {
        id: row.id,
        status: row.status,
        source: row.source,
        created_at: new Date(row.created_at).toISOString(),
        dry_run: row.dry_run,
        partial: row.partial,
        format: summary.format ?? null,
        file_error: summary.file_error ?? null,
        totals: summary.totals,
        rows: row.report as never,
      }
    },
  )
}
export default imports
