// An independent check of CSV rows against the official Frictionless table schema v1.0.2
// (db/standard/schema-v1.0.2.json, copied from LaMednum/standard-mediation-num, Licence Ouverte 2.0):
// header, required, pattern, maxLength, unique, number and date types. It reads the schema's own
// constraints, so it does not share code or mistakes with parseStandardRecord.
import { readFileSync } from 'node:fs'
import type { FieldIssue } from './record.ts'

interface SchemaField {
  name: string
  type: 'string' | 'number' | 'date'
  constraints?: { required?: boolean; unique?: boolean; pattern?: string; maxLength?: number }
}

export interface TableSchema {
  fields: SchemaField[]
}

export function loadTableSchema(): TableSchema {
  return JSON.parse(readFileSync(new URL('./schema-v1.0.2.json', import.meta.url), 'utf8')) as TableSchema
}

export interface RowIssue extends FieldIssue {
  row: number // 1-based data row
}

export function checkTable(schema: TableSchema, headers: string[], rows: string[][], seen = new Map<string, Set<string>>()): RowIssue[] {
  const issues: RowIssue[] = []
  const names = schema.fields.map((f) => f.name)
  if (headers.join(',') !== names.join(',')) {
    issues.push({ row: 0, field: '*', message: `En-tête attendu : ${names.join(',')}`, value: headers.join(',') })
    return issues
  }
  // Frictionless patterns match the whole value.
  const patterns = schema.fields.map((f) =>
    f.constraints?.pattern === undefined ? null : new RegExp(`^(?:${f.constraints.pattern})$`, 'u'),
  )
  rows.forEach((row, r) => {
    schema.fields.forEach((field, i) => {
      const value = row[i] ?? ''
      const issue = (message: string): void => void issues.push({ row: r + 1, field: field.name, message, value })
      if (value === '') {
        if (field.constraints?.required) issue('valeur obligatoire manquante')
        return
      }
      const pattern = patterns[i]
      if (pattern !== null && !pattern.test(value)) issue(`ne respecte pas le motif ${field.constraints?.pattern}`)
      const max = field.constraints?.maxLength
      if (max !== undefined && [...value].length > max) issue(`dépasse ${max} caractères`)
      if (field.type === 'number' && !/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(value)) issue("n'est pas un nombre")
      if (field.type === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(value)) issue("n'est pas une date AAAA-MM-JJ")
      if (field.constraints?.unique) {
        const values = seen.get(field.name) ?? new Set<string>()
        if (values.has(value)) issue('valeur en double')
        values.add(value)
        seen.set(field.name, values)
      }
    })
  })
  return issues
}
