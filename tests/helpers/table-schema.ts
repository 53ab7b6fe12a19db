// A Frictionless table-schema validator for our CSV exports: interprets every constraint the schema file
// declares (required, unique, pattern, minLength/maxLength, enum, minimum/maximum, types) — no hand copy.
import { parse } from 'csv-parse/sync'

interface SchemaField {
  name: string
  type?: string
  format?: string
  constraints?: {
    required?: boolean
    unique?: boolean
    pattern?: string
    minLength?: number
    maxLength?: number
    enum?: string[]
    minimum?: number
    maximum?: number
  }
}
export interface TableSchema {
  fields: SchemaField[]
  primaryKey?: string | string[]
}

export interface TableViolation {
  row: number
  field: string
  constraint: string
  value: string
}

export function validateCsvAgainstTableSchema(
  csv: string,
  schema: TableSchema,
): { header: string[]; rows: number; violations: TableViolation[]; constraintsChecked: Set<string> } {
  const records = parse(csv, { bom: true }) as string[][]
  const header = records[0] ?? []
  const violations: TableViolation[] = []
  const checked = new Set<string>()
  const expected = schema.fields.map((f) => f.name)
  if (header.join(',') !== expected.join(',')) violations.push({ row: 1, field: '*', constraint: 'header', value: header.join(',') })
  const seen = new Map<string, Set<string>>()
  const primaryKeys = new Set(Array.isArray(schema.primaryKey) ? schema.primaryKey : schema.primaryKey ? [schema.primaryKey] : [])
  for (let r = 1; r < records.length; r++) {
    const record = records[r]
    if (record.length !== header.length) violations.push({ row: r + 1, field: '*', constraint: 'columns', value: String(record.length) })
    schema.fields.forEach((field, i) => {
      const value = record[i] ?? ''
      const c = field.constraints ?? {}
      const fail = (constraint: string) => violations.push({ row: r + 1, field: field.name, constraint, value })
      if (c.required || primaryKeys.has(field.name)) {
        checked.add('required')
        if (value === '') fail('required')
      }
      if (value === '') return
      if (c.unique || primaryKeys.has(field.name)) {
        checked.add('unique')
        const set = seen.get(field.name) ?? new Set<string>()
        if (set.has(value)) fail('unique')
        set.add(value)
        seen.set(field.name, set)
      }
      if (c.pattern !== undefined) {
        checked.add('pattern')
        if (!new RegExp(`^(?:${c.pattern})$`, 'u').test(value)) fail('pattern')
      }
      if (c.minLength !== undefined) {
        checked.add('minLength')
        if ([...value].length < c.minLength) fail('minLength')
      }
      if (c.maxLength !== undefined) {
        checked.add('maxLength')
        if ([...value].length > c.maxLength) fail('maxLength')
      }
      if (c.enum !== undefined) {
        checked.add('enum')
        if (!c.enum.includes(value)) fail('enum')
      }
      if (field.type === 'number' || field.type === 'integer') {
        checked.add(`type:${field.type}`)
        const n = Number(value)
        if (!Number.isFinite(n) || (field.type === 'integer' && !Number.isInteger(n))) fail(`type:${field.type}`)
        if (c.minimum !== undefined && n < c.minimum) fail('minimum')
        if (c.maximum !== undefined && n > c.maximum) fail('maximum')
      }
      if (field.type === 'date') {
        checked.add('type:date')
        const ok =
          /^\d{4}-\d{2}-\d{2}$/.test(value) &&
          !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
          new Date(`${value}T00:00:00Z`).toISOString().startsWith(value)
        if (!ok) fail('type:date')
      }
      if (field.type === 'string') checked.add('type:string')
    })
  }
  return { header, rows: records.length - 1, violations, constraintsChecked: checked }
}
