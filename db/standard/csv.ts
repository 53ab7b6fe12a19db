// Whole CSV files of the standard: writing records, reading rows (v1.0.2 or legacy v0.1).
import { parse } from 'csv-parse/sync'
import { restoreCsvCell, stringifySafeCsv } from '../csv-safe.ts'
import { detectFormat } from './detect-format.ts'
import { STANDARD_CSV_HEADER } from '../../domain/standard/fields.ts'
import { fromLegacyV0, type LegacyV0Options } from './legacy-v0.ts'
import { parseStandardRecord } from './parse.ts'
import type { ParseResult, StandardRecord } from './record.ts'
import { toStandardRow } from './to-row.ts'

// Header line, then one row per record; quotes only where CSV needs them; `\n` line endings.
export function formatStandardCsv(records: Iterable<StandardRecord>): string {
  const rows = [...records].map(toStandardRow)
  const body = rows.length === 0 ? '' : stringifySafeCsv(rows, { record_delimiter: '\n', quoted_match: /^\s|\s$/ })
  return `${STANDARD_CSV_HEADER}\n${body}`
}

export interface CsvTable {
  headers: string[]
  rows: Array<{ line: number; values: Record<string, string> }>
}

// The delimiter is guessed from the header line (`,` per the standard, `;` from some spreadsheets).
export function readCsvTable(text: string): CsvTable {
  const content = text.replace(/^\uFEFF/, '')
  const headerLine = content.slice(0, content.search(/\r?\n|$/))
  const delimiter = count(headerLine, ';') > count(headerLine, ',') ? ';' : ','
  const records = parse(content, {
    delimiter,
    bom: true,
    info: true,
    skip_empty_lines: true,
    relax_column_count: true,
  }) as unknown as Array<{
    record: string[]
    info: { lines: number }
  }>
  if (records.length === 0) return { headers: [], rows: [] }
  const headers = records[0].record.map((header) => header.trim())
  const rows = records.slice(1).map(({ record, info }) => ({
    line: info.lines,
    // Cells our exports quoted against formula injection read back as they were (db/csv-safe.ts).
    values: Object.fromEntries(headers.map((header, i) => [header, restoreCsvCell(record[i] ?? '')])),
  }))
  return { headers, rows }
}

export interface CsvParseResult {
  format: 'v1' | 'v0'
  rows: Array<ParseResult & { line: number }>
}

export function parseStandardCsv(text: string, v0Options?: LegacyV0Options): CsvParseResult {
  const table = readCsvTable(text)
  const format = detectFormat(table.headers)
  const rows = table.rows.map(({ line, values }) => ({
    line,
    ...(format === 'v0' ? fromLegacyV0(values, v0Options) : parseStandardRecord(values)),
  }))
  return { format, rows }
}

function count(text: string, char: string): number {
  return text.split(char).length - 1
}
