// The demo data loads once, holds real venues from several régions, and its export is valid against every
// constraint of the official table schema of the standard v1.0.2.
import { existsSync, readFileSync } from 'node:fs'
import { expect, it } from 'vitest'
import { standardCsv } from '../../../db/export/standard.ts'
import { loadDemoSeed } from '../../../db/seed/load-demo.ts'
import { describeEachDatabase } from '../../helpers/databases.ts'
import { validateCsvAgainstTableSchema, type TableSchema } from '../../helpers/table-schema.ts'

const SCHEMA_URL = new URL('../../fixtures/standard/schema-v1.0.2.json', import.meta.url)
const schema = JSON.parse(readFileSync(SCHEMA_URL, 'utf8')) as TableSchema

it('ships the official schema unmodified', () => {
  const shared = new URL('../../../../shared/data/standard/schema-v1.0.2.json', import.meta.url)
  if (existsSync(shared)) expect(readFileSync(SCHEMA_URL, 'utf8')).toBe(readFileSync(shared, 'utf8'))
  expect(schema.fields.map((f) => f.name)).toHaveLength(32)
})

it('the schema validator catches each kind of violation', () => {
  const header = schema.fields.map((f) => f.name).join(',')
  const good = 'a,13002526500013,Nom,Reims,51100,51454,1 rue,,49.2,4.0,,,,,,,,,,,2024-01-02,,,,,,,,,,,'
  expect(validateCsvAgainstTableSchema(`${header}\n${good}\n`, schema).violations).toEqual([])
  const bad = [
    good.replace('51100', '5110'), // pattern
    good.replace('Nom', ''), // required
    good.replace('2024-01-02', '2024-13-02'), // date
    good.replace(',49.2,', ',north,'), // number
    good.replace('2024-01-02,', '2024-01-02,Cours de cuisine'), // services pattern
  ].map((line, i) => line.replace(/^a,/, `b${i},`))
  const { violations } = validateCsvAgainstTableSchema(`${header}\n${good}\n${good}\n${bad.join('\n')}\n`, schema)
  expect(violations.map((v) => `${v.row}:${v.field}:${v.constraint}`)).toEqual([
    '3:id:unique',
    '4:code_postal:pattern',
    '5:nom:required',
    '6:date_maj:type:date',
    '7:latitude:type:number',
    '8:services:pattern',
  ])
})

describeEachDatabase('demo data', (ctx) => {
  it('loads at least 2,500 real venues from at least 4 régions, and never twice', async () => {
    const first = await loadDemoSeed(ctx.database.db)
    expect(first.loaded).toBe(true)
    expect(first.venues).toBeGreaterThanOrEqual(2500)
    const regions = await ctx.database.db.selectFrom('venues').select('region').distinct().where('region', 'is not', null).execute()
    expect(regions.length).toBeGreaterThanOrEqual(4)
    const second = await loadDemoSeed(ctx.database.db)
    expect(second.loaded).toBe(false)
  })

  it('exports a CSV that satisfies every constraint of the official schema', async () => {
    let csv = ''
    for await (const chunk of standardCsv(ctx.database.db)) csv += chunk
    const result = validateCsvAgainstTableSchema(csv, schema)
    expect(result.rows).toBeGreaterThanOrEqual(2500)
    expect(result.violations.slice(0, 10)).toEqual([])
    // Every kind of constraint the schema declares was exercised on real data.
    expect([...result.constraintsChecked].sort()).toEqual(
      expect.arrayContaining(['pattern', 'required', 'type:date', 'type:number', 'unique', 'maxLength']),
    )
  })
})
