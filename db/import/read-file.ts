// Turns uploaded bytes into raw rows (CSV or JSON), or one clear file-level error.
import { parse } from 'csv-parse/sync'
import { restoreCsvCell } from '../csv-safe.ts'

export interface RawRow {
  /** 1-based data row number as a person counts it in a spreadsheet (header is row 1 in CSV). */
  row: number
  values: Record<string, unknown>
}

export type ReadResult =
  | { ok: true; format: 'csv' | 'json'; headers: string[]; rows: RawRow[] }
  | { ok: false; message: string }

export const MAX_IMPORT_BYTES = 50 * 1024 * 1024

export function readImportFile(bytes: Uint8Array, fileName = ''): ReadResult {
  if (bytes.length === 0) return { ok: false, message: 'Le fichier est vide.' }
  if (bytes.length > MAX_IMPORT_BYTES) return { ok: false, message: `Le fichier dépasse ${MAX_IMPORT_BYTES / 1024 / 1024} Mo.` }
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes)
  } catch {
    return { ok: false, message: "Le fichier n'est pas encodé en UTF-8. Enregistrez-le au format « CSV UTF-8 » et réessayez." }
  }
  if (text.includes('\u0000')) return { ok: false, message: 'Le fichier contient des octets nuls : ce n’est pas un fichier texte CSV ou JSON.' }
  const trimmed = text.trimStart()
  const looksJson = fileName.toLowerCase().endsWith('.json') || trimmed.startsWith('[') || trimmed.startsWith('{')
  return looksJson ? readJson(trimmed) : readCsv(text)
}

function readJson(text: string): ReadResult {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    return { ok: false, message: `JSON invalide : ${(error as Error).message}` }
  }
  // Accept a bare array, or the common wrappers of producers' files.
  const list = Array.isArray(data) ? data
    : data && typeof data === 'object' && Array.isArray((data as Record<string, unknown>).items) ? (data as { items: unknown[] }).items
    : data && typeof data === 'object' && Array.isArray((data as Record<string, unknown>).features)
      ? (data as { features: { properties?: unknown }[] }).features.map((f) => f?.properties) : null
  if (!list) return { ok: false, message: 'Le JSON doit être un tableau de lieux (ou un objet avec « items » ou une FeatureCollection).' }
  const rows: RawRow[] = []
  const headers = new Set<string>()
  for (let i = 0; i < list.length; i++) {
    const item = list[i]
    if (!item || typeof item !== 'object' || Array.isArray(item)) {
      return { ok: false, message: `L'élément ${i + 1} du tableau n'est pas un objet.` }
    }
    for (const key of Object.keys(item)) headers.add(key)
    rows.push({ row: i + 1, values: item as Record<string, unknown> })
  }
  return { ok: true, format: 'json', headers: [...headers], rows }
}

function readCsv(text: string): ReadResult {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? ''
  const delimiter = count(firstLine, ';') > count(firstLine, ',') ? ';' : ','
  let records: string[][]
  try {
    records = parse(text, { bom: true, delimiter, relax_column_count: false, skip_empty_lines: true, max_record_size: 1_000_000 })
  } catch (error) {
    const e = error as Error & { lines?: number; code?: string }
    const where = e.lines ? ` (ligne ${e.lines})` : ''
    const what = e.code === 'CSV_QUOTE_NOT_CLOSED' ? 'un guillemet ouvert n’est jamais fermé'
      : e.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH' ? 'une ligne n’a pas le même nombre de colonnes que l’en-tête'
      : e.code === 'CSV_INVALID_CLOSING_QUOTE' ? 'un guillemet est mal placé'
      : e.code === 'CSV_MAX_RECORD_SIZE' ? 'une ligne est trop longue'
      : e.message
    return { ok: false, message: `CSV illisible${where} : ${what}. Aucune ligne n'a été importée.` }
  }
  if (records.length === 0) return { ok: false, message: 'Le fichier ne contient pas d’en-tête.' }
  const headers = records[0].map((h) => h.trim())
  const duplicate = headers.find((h, i) => h !== '' && headers.indexOf(h) !== i)
  if (duplicate) return { ok: false, message: `La colonne « ${duplicate} » apparaît deux fois dans l'en-tête.` }
  const rows = records.slice(1).map((values, i) => ({
    row: i + 2,
    // Cells our exports quoted against formula injection read back as they were (db/csv-safe.ts).
    values: Object.fromEntries(headers.map((h, j) => [h, values[j] === undefined ? values[j] : restoreCsvCell(values[j])])),
  }))
  return { ok: true, format: 'csv', headers, rows }
}

function count(text: string, char: string): number {
  return text.split(char).length - 1
}
