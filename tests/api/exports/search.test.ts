// Exports honour the search filters and stream valid files: standard v1.0.2 CSV/JSON, data·inclusion v1.
import { fileURLToPath } from 'node:url'
import { readFileSync } from 'node:fs'
import { Ajv } from 'ajv'
import addFormats from 'ajv-formats'
import { beforeAll, expect, it } from 'vitest'
import { parseStandardCsv, parseStandardRecord, STANDARD_CSV_HEADER } from '../../../db/standard/index.ts'
import { dataInclusionStream } from '../../../db/search/export-streams.ts'
import { describeEachApp } from '../../helpers/databases.ts'
import { importSynthetic } from '../venues/search-fixtures.ts'

const SCHEMAS = fileURLToPath(new URL('../../fixtures/data-inclusion-v1', import.meta.url))
const ajv = new Ajv({ allErrors: true, strict: false })
// ajv-formats is CommonJS: its default export is the plugin function at run time.
;(addFormats as unknown as (a: Ajv) => void)(ajv)
const validateStructure = ajv.compile(JSON.parse(readFileSync(`${SCHEMAS}/structure.json`, 'utf8')))
const validateService = ajv.compile(JSON.parse(readFileSync(`${SCHEMAS}/service.json`, 'utf8')))

describeEachApp('GET /api/v1/export/*', (ctx) => {
  let all: { id: string; departement: string | null; services: string[] }[] = []

  beforeAll(async () => {
    await importSynthetic(ctx.database.db, 250, 23)
    all = await ctx.database.db.selectFrom('venues').select(['id', 'departement', 'services']).where('status', '=', 'published').execute()
  })

  const FILTER = 'departement=33,974&services=Aide aux démarches administratives'
  const expectedIds = () =>
    all
      .filter((v) => ['33', '974'].includes(v.departement ?? '') && v.services.includes('Aide aux démarches administratives'))
      .map((v) => v.id)
      .sort()

  it('standard CSV: official header, one valid row per filtered venue', async () => {
    const response = await ctx.app.inject({ url: `/api/v1/export/mediation-numerique.csv?${FILTER}` })
    expect(response.statusCode, response.body).toBe(200)
    expect(response.headers['content-type']).toContain('text/csv')
    expect(response.headers['content-disposition']).toContain('attachment')
    expect(response.body.split('\n')[0]).toBe(STANDARD_CSV_HEADER)
    const parsed = parseStandardCsv(response.body)
    expect(parsed.rows.length).toBe(expectedIds().length)
    expect(parsed.rows.flatMap((r) => r.errors)).toEqual([])
    expect(expectedIds().length).toBeGreaterThan(5)
  })

  it('standard JSON: records that parse back without errors', async () => {
    const response = await ctx.app.inject({ url: `/api/v1/export/mediation-numerique.json?${FILTER}` })
    expect(response.statusCode).toBe(200)
    const records = response.json() as Record<string, unknown>[]
    expect(records).toHaveLength(expectedIds().length)
    for (const r of records) {
      const flat = Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Array.isArray(v) ? v.join('|') : v]))
      expect(parseStandardRecord(flat).errors).toEqual([])
    }
  })

  it('data·inclusion structures and services validate against the v1 JSON Schemas', async () => {
    const structures = (await ctx.app.inject({ url: `/api/v1/export/data-inclusion/structures.json?${FILTER}` })).json() as { id: string }[]
    const services = (await ctx.app.inject({ url: `/api/v1/export/data-inclusion/services.json?${FILTER}` })).json() as {
      structure_id: string
      thematiques: string[]
    }[]
    expect(structures.map((s) => s.id).sort()).toEqual(expectedIds())
    expect(services.map((s) => s.structure_id).sort()).toEqual(expectedIds())
    for (const s of structures) expect(validateStructure(s) ? [] : validateStructure.errors).toEqual([])
    for (const s of services) {
      expect(validateService(s) ? [] : validateService.errors).toEqual([])
      expect(s.thematiques).toContain('difficultes-administratives-ou-juridiques--accompagnement-aux-demarches-administratives')
    }
  })

  it('the whole export (no filter) validates too, and a bad filter is a 400 before streaming', async () => {
    const services = (await ctx.app.inject({ url: '/api/v1/export/data-inclusion/services.json' })).json() as unknown[]
    expect(services).toHaveLength(all.length)
    for (const s of services) expect(validateService(s) ? [] : validateService.errors).toEqual([])
    const bad = await ctx.app.inject({ url: '/api/v1/export/mediation-numerique.csv?frais_a_charge=Gratos' })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().errors[0].field).toBe('frais_a_charge')
  })

  it('`maillage export --format data-inclusion` writes both collections in one valid document', async () => {
    let text = ''
    for await (const chunk of dataInclusionStream(ctx.database.db, { lists: {} })) text += chunk
    const doc = JSON.parse(text) as { structures: unknown[]; services: unknown[] }
    expect(doc.structures).toHaveLength(all.length)
    expect(doc.services).toHaveLength(all.length)
    for (const s of doc.structures) expect(validateStructure(s) ? [] : validateStructure.errors).toEqual([])
  })
})
