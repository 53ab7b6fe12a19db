// Formula injection (OWASP "CSV injection"): `=HYPERLINK(…)` in `nom` and `adresse` never reaches a cell of
// any CSV we write unescaped (standard export, search CSV, audit CSV, governance CSV), the standard export stays
// valid for the official schema, and import → export → import changes nothing (byte-identical re-export).
import { readFileSync } from 'node:fs'
import { parse } from 'csv-parse/sync'
import { stringify } from 'csv-stringify/sync'
import { beforeAll, expect, it } from 'vitest'
import { createApiKey } from '../../../db/auth/api-keys.ts'
import { importFile } from '../../../db/import/importer.ts'
import { demoCsv } from '../../backup/demo-csv.ts'
import { describeEachApp } from '../../helpers/databases.ts'
import { validateCsvAgainstTableSchema, type TableSchema } from '../../helpers/table-schema.ts'

const EVIL = '=HYPERLINK("http://evil","x")'
const schema = JSON.parse(readFileSync(new URL('../../fixtures/standard/schema-v1.0.2.json', import.meta.url), 'utf8')) as TableSchema

/** Five real venues, the first three carrying formulas (and one value that already starts with a quote). */
function hostileCsv(): Buffer {
  const [header, ...rows] = parse(demoCsv(5).toString('utf8')) as string[][]
  const col = (name: string) => header.indexOf(name)
  rows[0][col('nom')] = EVIL
  rows[0][col('adresse')] = EVIL
  // A file cell "''=…" is the escaped form of a value that itself starts with a quote: stored "'=…".
  rows[1][col('nom')] = "''=déjà entre apostrophes"
  rows[1][col('presentation_detail')] = "-2+3+cmd|' /C calc'!A0"
  rows[2][col('nom')] = '@SOMME(A1:A9)'
  rows[2][col('adresse')] = '+ 12 rue de la Formule'
  return Buffer.from(stringify([header, ...rows]))
}

/** Cells a spreadsheet would run as a formula: a trigger character first, unless the cell is a plain number. */
function dangerousCells(csv: string): string[] {
  const cells = (parse(csv, { relax_column_count: true }) as string[][]).flat()
  return cells.filter((c) => /^[=+\-@\t\r]/.test(c) && !/^[+-]?\d+(\.\d+)?$/.test(c))
}

describeEachApp('CSV exports neutralise formulas', (ctx) => {
  let admin = ''
  beforeAll(async () => {
    const report = await importFile(ctx.database.db, hostileCsv(), { source: 'piege', fileName: 'piege.csv', actor: EVIL })
    expect(report.status, JSON.stringify(report.rows.filter((r) => r.errors.length))).toBe('applied')
    admin = (await createApiKey(ctx.database.db, { name: 'Admin CSV', role: 'admin', territories: [], createdBy: 'test' })).key
  })

  it('standard export: no formula in any cell, `=HYPERLINK` quoted, still valid for the official schema', async () => {
    const res = await ctx.app.inject('/api/v1/export/mediation-numerique.csv')
    expect(res.statusCode).toBe(200)
    expect(dangerousCells(res.body)).toEqual([])
    const rows = parse(res.body, { columns: true }) as Record<string, string>[]
    expect(rows.map((r) => r.nom)).toContain(`'${EVIL}`)
    expect(rows.map((r) => r.adresse)).toContain(`'${EVIL}`)
    expect(rows.map((r) => r.nom)).toContain("''=déjà entre apostrophes")
    // Telephones (+33…) and negative coordinates are numbers, left as they are.
    expect(rows.some((r) => r.telephone.startsWith('+33'))).toBe(true)
    expect(validateCsvAgainstTableSchema(res.body, schema).violations).toEqual([])
  })

  it('search CSV (format=csv) and the JSON stay faithful: only the CSV is quoted', async () => {
    const csv = await ctx.app.inject('/api/v1/venues?format=csv&limit=100')
    expect(csv.statusCode).toBe(200)
    expect(dangerousCells(csv.body)).toEqual([])
    const json = await ctx.app.inject('/api/v1/venues?limit=100')
    expect((json.json().items as { nom: string }[]).map((v) => v.nom)).toContain(EVIL)
  })

  it('import → export → import: values come back unquoted, nothing changes, the re-export is byte-identical', async () => {
    const first = (await ctx.app.inject('/api/v1/export/mediation-numerique.csv')).body
    const again = await importFile(ctx.database.db, Buffer.from(first), { source: 'piege', fileName: 'export.csv', actor: 'test' })
    expect(again.status).toBe('applied')
    expect(again.totals.unchanged).toBe(again.totals.rows)
    const stored = await ctx.database.db.selectFrom('venues').select(['nom', 'adresse']).where('source', '=', 'piege').execute()
    expect(stored.map((v) => v.nom)).toEqual(expect.arrayContaining([EVIL, "'=déjà entre apostrophes", '@SOMME(A1:A9)']))
    expect(stored.map((v) => v.adresse)).toEqual(expect.arrayContaining([EVIL, '+ 12 rue de la Formule']))
    expect((await ctx.app.inject('/api/v1/export/mediation-numerique.csv')).body).toBe(first)
  })

  it('audit CSV: the actor written by the import is not a formula', async () => {
    const res = await ctx.app.inject({ url: '/api/v1/audit?format=csv&limit=200', headers: { authorization: `Bearer ${admin}` } })
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('HYPERLINK')
    expect(dangerousCells(res.body)).toEqual([])
  })

  it('governance CSV: a label named with a formula is quoted', async () => {
    const headers = { authorization: `Bearer ${admin}` }
    const label = await ctx.app.inject({ method: 'POST', url: '/api/v1/labels', headers, payload: { slug: 'piege', nom: EVIL } })
    expect(label.statusCode, label.body).toBe(201)
    const venue = await ctx.database.db.selectFrom('venues').select('id').where('source', '=', 'piege').executeTakeFirstOrThrow()
    const award = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/venues/${venue.id}/labels`,
      headers,
      payload: { label_id: label.json().id },
    })
    expect(award.statusCode, award.body).toBe(201)
    const res = await ctx.app.inject('/api/v1/governance/indicators?territory=fr&format=csv&figure=labels')
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('HYPERLINK')
    expect(dangerousCells(res.body)).toEqual([])
  })
})
