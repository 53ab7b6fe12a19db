// The shipped demo venues (db/seed/data/venues): valid against the official table schema v1.0.2,
// read by parseStandardRecord without error, rewritten byte for byte, ids unique across files.
import { readdirSync, readFileSync } from 'node:fs'
import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import {
  checkTable,
  formatStandardCsv,
  loadTableSchema,
  parseStandardCsv,
  STANDARD_CSV_HEADER,
  type StandardRecord,
} from '../../../db/standard/index.ts'

const DIR = new URL('../../../db/seed/data/venues/', import.meta.url)
const FILES = readdirSync(DIR)
  .filter((name) => name.endsWith('.csv'))
  .sort()
const read = (name: string) => readFileSync(new URL(name, DIR), 'utf8')

describe('shipped demo venues', () => {
  it('are real venues from several producers, at least 3,000, in at least 4 régions and overseas', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(10)
    const records = FILES.flatMap((name) => parseStandardCsv(read(name)).rows.map((row) => row.record as StandardRecord))
    expect(records.length).toBeGreaterThanOrEqual(3000)
    const departements = new Set(
      records.map((r) =>
        r.code_postal.startsWith('97') || r.code_postal.startsWith('98') ? r.code_postal.slice(0, 3) : r.code_postal.slice(0, 2),
      ),
    )
    expect(departements.size).toBeGreaterThanOrEqual(30)
    for (const overseas of ['974', '988']) expect(departements.has(overseas), overseas).toBe(true)
    expect(new Set(records.map((r) => r.source)).size).toBeGreaterThanOrEqual(10)
    expect(records.filter((r) => r.latitude !== null).length / records.length).toBeGreaterThan(0.95)
  })

  it('validate against the constraints of schema-v1.0.2.json, with ids unique across all files', () => {
    const schema = loadTableSchema()
    const seen = new Map<string, Set<string>>()
    for (const name of FILES) {
      const [headers, ...rows] = parse(read(name), { relax_column_count: false }) as string[][]
      const issues = checkTable(schema, headers, rows, seen)
      expect(issues.slice(0, 5), name).toEqual([])
    }
    expect(seen.get('id')?.size).toBeGreaterThanOrEqual(3000)
  })

  it.each(FILES)('%s reads without error and rewrites to the same bytes', (name) => {
    const text = read(name)
    expect(text.split('\n')[0]).toBe(STANDARD_CSV_HEADER)
    const { format, rows } = parseStandardCsv(text)
    expect(format).toBe('v1')
    expect(rows.filter((row) => row.errors.length > 0)).toEqual([])
    const slug = name.replace(/\.csv$/, '')
    for (const { record } of rows) {
      expect(record?.id.startsWith(`${slug}-`)).toBe(true)
      expect(record?.source).toBeTruthy()
    }
    expect(formatStandardCsv(rows.map((row) => row.record as StandardRecord))).toBe(text)
  })

  it('are documented: the README names every file with its counts', () => {
    const readme = read('README.md')
    for (const name of FILES) {
      const count = parseStandardCsv(read(name)).rows.length
      expect(readme).toContain(`| \`${name}\` |`)
      expect(readme).toMatch(new RegExp(`### \`${name.replace('.', '\\.')}\`[\\s\\S]*?${count} livrées`))
    }
  })

  it('the table check catches what the schema forbids', () => {
    const schema = loadTableSchema()
    const header = STANDARD_CSV_HEADER.split(',')
    const good = parse(read(FILES[0]))[1] as string[]
    const bad = [...good]
    bad[header.indexOf('id')] = 'autre-id'
    bad[header.indexOf('code_postal')] = '7500'
    bad[header.indexOf('services')] = 'Cours de cuisine'
    bad[header.indexOf('nom')] = ''
    const issues = checkTable(schema, header, [good, bad, good])
    expect(issues.map((i) => `${i.row}:${i.field}`).sort()).toEqual(['2:code_postal', '2:nom', '2:services', '3:id'])
  })
})
