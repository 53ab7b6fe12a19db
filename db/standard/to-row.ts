// Writing a StandardRecord as one CSV row of the standard v1.0.2 (values in field order).
import { LIST_SEPARATOR, STANDARD_FIELDS } from '../../domain/standard/fields.ts'
import type { StandardRecord } from './record.ts'

export function toStandardRow(record: StandardRecord): string[] {
  return STANDARD_FIELDS.map((field) => {
    const value: string | string[] | number | null = record[field]
    if (Array.isArray(value)) return value.join(LIST_SEPARATOR)
    if (typeof value === 'number') return formatNumber(value)
    return value ?? ''
  })
}

// The shortest text that reads back as the same double, never in exponent notation
// (so `1e-7` is written `0.0000001`); `-0` is written `0`.
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`Nombre non fini : ${value}`)
  if (Object.is(value, -0)) return '0'
  const text = String(value)
  const match = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text)
  if (match === null) return text
  const [, sign, lead, fraction = '', exponentText] = match
  const digits = lead + fraction
  const exponent = Number(exponentText)
  const pointAt = 1 + exponent
  if (pointAt <= 0) return `${sign}0.${'0'.repeat(-pointAt)}${digits}`
  if (pointAt >= digits.length) return `${sign}${digits}${'0'.repeat(pointAt - digits.length)}`
  return `${sign}${digits.slice(0, pointAt)}.${digits.slice(pointAt)}`
}
