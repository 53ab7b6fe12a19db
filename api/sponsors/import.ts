// CSV import of companies: all-or-nothing, with a per-row report (created / updated / rejected + field errors).
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Ajv } from 'ajv'
import addFormats from 'ajv-formats'
import { parse } from 'csv-parse/sync'
import { callerOf } from '../plugins/caller.ts'
import { ProblemSchema } from '../plugins/problem-schema.ts'
import { HttpProblem, type FieldError } from '../plugins/problem.ts'
import { prepareCompany } from './companies-routes.ts'
import { findCompanyBySiret, insertCompany, updateCompany, type CompanyValues } from '../../db/sponsors/repository.ts'
import { COMPANY_INPUT_FIELDS, CompanyCreateSchema, type CompanyCreate } from './schemas.ts'

const ajv = new Ajv({ allErrors: true, strict: false })
;(addFormats as unknown as (a: Ajv) => void)(ajv)
const validateRow = ajv.compile(CompanyCreateSchema)

const RowReport = Type.Object({
  row: Type.Integer({ description: 'Numéro de ligne du fichier (l’en-tête est la ligne 1)' }),
  siret: Type.Union([Type.String(), Type.Null()]),
  status: Type.String({ enum: ['created', 'updated', 'rejected'] }),
  id: Type.Optional(Type.String()),
  errors: Type.Array(Type.Object({ field: Type.String(), message: Type.String() })),
})
const ImportReport = Type.Object({
  dry_run: Type.Boolean(),
  summary: Type.Object({ created: Type.Integer(), updated: Type.Integer(), rejected: Type.Integer() }),
  rows: Type.Array(RowReport),
})

function rowToInput(record: Record<string, string>): Record<string, unknown> {
  const input: Record<string, unknown> = {}
  for (const [key, raw] of Object.entries(record)) {
    const value = raw.trim()
    if (value === '') continue
    input[key] =
      key === 'latitude' || key === 'longitude'
        ? Number.isFinite(Number(value.replace(',', '.')))
          ? Number(value.replace(',', '.'))
          : value
        : value
  }
  return input
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  if (!app.hasContentTypeParser('text/csv')) {
    app.addContentTypeParser('text/csv', { parseAs: 'string' }, (_request, body, done) => done(null, body))
  }

  app.post(
    '/api/v1/companies/import',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags: ['parrainages'],
        summary: 'Importer des entreprises (CSV)',
        description:
          `Réservé aux administrateurs. Corps \`text/csv\` (UTF-8, séparateur « , » ou « ; »), colonnes : ` +
          `${COMPANY_INPUT_FIELDS.join(', ')}. Tout ou rien : une seule ligne invalide et rien n’est écrit (422 avec le ` +
          `rapport par ligne). Une entreprise déjà connue (même SIRET) est mise à jour. \`dry_run=true\` contrôle sans ` +
          `écrire.`,
        consumes: ['text/csv'],
        querystring: Type.Object({ dry_run: Type.Boolean({ default: false }) }, { additionalProperties: false }),
        body: Type.String({ description: 'Le fichier CSV' }),
        response: { 200: ImportReport, 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 415: ProblemSchema, 422: ProblemSchema },
      },
    },
    async (request) => {
      const caller = callerOf(request)
      const text = String(request.body ?? '').replace(/^\uFEFF/, '')
      let records: Record<string, string>[]
      try {
        const delimiter = (text.split('\n')[0].match(/;/g)?.length ?? 0) > (text.split('\n')[0].match(/,/g)?.length ?? 0) ? ';' : ','
        records = parse(text, { columns: true, skip_empty_lines: true, delimiter, relax_column_count: false })
      } catch (error) {
        throw new HttpProblem(400, `CSV illisible : ${(error as Error).message}`)
      }
      if (records.length === 0) throw new HttpProblem(400, 'Le fichier ne contient aucune entreprise.')
      const unknown = Object.keys(records[0]).filter((c) => !(COMPANY_INPUT_FIELDS as string[]).includes(c))
      if (unknown.length) {
        throw new HttpProblem(400, `Colonnes inconnues : ${unknown.join(', ')}.`, {
          errors: unknown.map((c) => ({ field: c, message: 'colonne inconnue' })),
        })
      }

      // First pass: every row is checked before anything is written.
      const prepared: { row: number; siret: string | null; values?: CompanyValues; errors: FieldError[] }[] = []
      const seen = new Map<string, number>()
      for (const [index, record] of records.entries()) {
        const row = index + 2
        const input = rowToInput(record)
        const siret = typeof input.siret === 'string' ? input.siret.replace(/\s/g, '') : null
        const errors: FieldError[] = []
        if (!validateRow(input)) {
          for (const e of validateRow.errors ?? []) {
            const field =
              e.keyword === 'required' ? String(e.params.missingProperty) : e.instancePath.replace(/^\//, '').split('/')[0] || 'ligne'
            if (!errors.some((x) => x.field === field))
              errors.push({
                field,
                message: e.keyword === 'required' ? 'champ obligatoire' : `valeur invalide (${e.message ?? e.keyword})`,
              })
          }
        }
        let values: CompanyValues | undefined
        if (errors.length === 0) {
          try {
            values = await prepareCompany(app.db, input as CompanyCreate)
          } catch (error) {
            if (!(error instanceof HttpProblem)) throw error
            errors.push(...((error.extra.errors as FieldError[] | undefined) ?? [{ field: 'ligne', message: error.message }]))
          }
        }
        if (siret && seen.has(siret)) errors.push({ field: 'siret', message: `en double avec la ligne ${seen.get(siret)}` })
        if (siret) seen.set(siret, row)
        prepared.push({ row, siret, values, errors })
      }

      const rejected = prepared.filter((p) => p.errors.length > 0).length
      if (rejected > 0) {
        const rows = prepared.map((p) => ({
          row: p.row,
          siret: p.siret,
          status: p.errors.length ? 'rejected' : 'created',
          errors: p.errors,
        }))
        throw new HttpProblem(422, `${rejected} ligne(s) rejetée(s) : rien n’a été importé.`, { rows, summary: { rejected } })
      }

      const { dry_run: dryRun } = request.query
      const report = await app.db.transaction().execute(async (trx) => {
        const rows = []
        for (const p of prepared) {
          const existing = await findCompanyBySiret(trx, p.values!.siret!)
          const context = { actor: caller.label, reason: 'import CSV' }
          if (existing) {
            if (!dryRun) await updateCompany(trx, existing.id, p.values!, null, { ...context, action: 'company.update' })
            rows.push({ row: p.row, siret: p.siret, status: 'updated', id: existing.id, errors: [] })
          } else {
            const id = dryRun ? undefined : await insertCompany(trx, p.values as CompanyValues & { siret: string; nom: string }, context)
            rows.push({ row: p.row, siret: p.siret, status: 'created', ...(id ? { id } : {}), errors: [] })
          }
        }
        return rows
      })
      return {
        dry_run: dryRun,
        summary: {
          created: report.filter((r) => r.status === 'created').length,
          updated: report.filter((r) => r.status === 'updated').length,
          rejected: 0,
        },
        rows: report,
      }
    },
  )
}
export default routes
