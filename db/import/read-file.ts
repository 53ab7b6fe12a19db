// Turns uploaded bytes into raw rows (CSV or JSON), or one clear file-level error. CSV is parsed in slices
// that yield to the event loop; absurd shapes (too many columns, huge cells) are refused before parsing.
import { parse } from 'csv-parse'
import { timeSlicer } from './time-slice.ts'
import { restoreCsvCell } from '../csv-safe.ts'

export interface RawRow {
  /** 1-based data row number as a person counts it in a spreadsheet (header is row 1 in CSV). */
  row: number
  values: Record<string, unknown>
}

export type ReadResult = { ok: true; format: 'csv' | 'json'; headers: string[]; rows: RawRow[] } | { ok: false; message: string }

export const MAX_IMPORT_BYTES = 50 * 1024 * 1024
/** The standard has 32 columns, its legacy v0.1 fewer: anything far beyond is not a venue file. */
export const MAX_IMPORT_COLUMNS = 200
/** Longest value of one cell (a long `presentation_detail` is a few thousand characters). */
export const MAX_CELL_CHARS = 65_536
/** Characters handed to the CSV parser between two turns of the event loop. */
const CSV_SLICE_CHARS = 64 * 1024

const frenchInt = (n: number) => n.toLocaleString('fr-FR').replace(/\u202f|\u00a0/g, ' ')

export async function readImportFile(bytes: Uint8Array, fileName = ''): Promise<ReadResult> {
  if (bytes.length === 0) return { ok: false, message: 'Le fichier est vide.' }
  if (bytes.length > MAX_IMPORT_BYTES) return { ok: false, message: `Le fichier dépasse ${MAX_IMPORT_BYTES / 1024 / 1024} Mo.` }
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes)
  } catch {
    return { ok: false, message: "Le fichier n'est pas encodé en UTF-8. Enregistrez-le au format « CSV UTF-8 » et réessayez." }
  }
  if (text.includes('\u0000'))
    return { ok: false, message: 'Le fichier contient des octets nuls : ce n’est pas un fichier texte CSV ou JSON.' }
  const trimmed = text.trimStart()
  const looksJson = fileName.toLowerCase().endsWith('.json') || trimmed.startsWith('[') || trimmed.startsWith('{')
  return looksJson ? readJson(trimmed) : readCsv(text)
}

const tooManyColumns = (count: number): ReadResult => ({
  ok: false,
  message:
    `Le fichier a ${frenchInt(count)} colonnes ; un fichier de lieux en a au plus ${MAX_IMPORT_COLUMNS} ` +
    '(le standard en compte 32). Vérifiez le séparateur et l’en-tête.',
})

const cellTooLong = (row: number, column: string): ReadResult => ({
  ok: false,
  message:
    `Ligne ${row}, colonne « ${column} » : valeur de plus de ${frenchInt(MAX_CELL_CHARS)} caractères. ` + "Aucune ligne n'a été importée.",
})

function readJson(text: string): ReadResult {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    return { ok: false, message: `JSON invalide : ${(error as Error).message}` }
  }
  // Accept a bare array, or the common wrappers of producers' files.
  const list = Array.isArray(data)
    ? data
    : data && typeof data === 'object' && Array.isArray((data as Record<string, unknown>).items)
      ? (data as { items: unknown[] }).items
      : data && typeof data === 'object' && Array.isArray((data as Record<string, unknown>).features)
        ? (data as { features: { properties?: unknown }[] }).features.map((f) => f?.properties)
        : null
  if (!list) return { ok: false, message: 'Le JSON doit être un tableau de lieux (ou un objet avec « items » ou une FeatureCollection).' }
  const rows: RawRow[] = []
  const headers = new Set<string>()
  for (let i = 0; i < list.length; i++) {
    const item = list[i]
    if (!item || typeof item !== 'object' || Array.isArray(item)) {
      return { ok: false, message: `L'élément ${i + 1} du tableau n'est pas un objet.` }
    }
    const keys = Object.keys(item)
    if (keys.length > MAX_IMPORT_COLUMNS) return tooManyColumns(keys.length)
    for (const key of keys) {
      headers.add(key)
      const value = (item as Record<string, unknown>)[key]
      if (typeof value === 'string' && value.length > MAX_CELL_CHARS) return cellTooLong(i + 1, key)
    }
    if (headers.size > MAX_IMPORT_COLUMNS) return tooManyColumns(headers.size)
    rows.push({ row: i + 1, values: item as Record<string, unknown> })
  }
  return { ok: true, format: 'json', headers: [...headers], rows }
}

async function readCsv(text: string): Promise<ReadResult> {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? ''
  const delimiter = count(firstLine, ';') > count(firstLine, ',') ? ';' : ','
  // Before any parsing: a 100,000-column header would otherwise cost seconds of CPU per row.
  const columns = count(firstLine, delimiter) + 1
  if (columns > MAX_IMPORT_COLUMNS) return tooManyColumns(columns)
  let records: string[][]
  try {
    records = await parseCsvInSlices(text, delimiter)
  } catch (error) {
    const e = error as Error & { lines?: number; code?: string }
    const where = e.lines ? ` (ligne ${e.lines})` : ''
    const what =
      e.code === 'CSV_QUOTE_NOT_CLOSED'
        ? 'un guillemet ouvert n’est jamais fermé'
        : e.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH'
          ? 'une ligne n’a pas le même nombre de colonnes que l’en-tête'
          : e.code === 'CSV_INVALID_CLOSING_QUOTE'
            ? 'un guillemet est mal placé'
            : e.code === 'CSV_MAX_RECORD_SIZE'
              ? 'une ligne est trop longue'
              : e.message
    return { ok: false, message: `CSV illisible${where} : ${what}. Aucune ligne n'a été importée.` }
  }
  if (records.length === 0) return { ok: false, message: 'Le fichier ne contient pas d’en-tête.' }
  const headers = records[0].map((h) => h.trim())
  if (headers.length > MAX_IMPORT_COLUMNS) return tooManyColumns(headers.length)
  const duplicate = headers.find((h, i) => h !== '' && headers.indexOf(h) !== i)
  if (duplicate) return { ok: false, message: `La colonne « ${duplicate} » apparaît deux fois dans l'en-tête.` }
  const slicer = timeSlicer()
  const rows: RawRow[] = []
  for (let i = 1; i < records.length; i++) {
    const values: Record<string, unknown> = {}
    const record = records[i]
    for (let j = 0; j < headers.length; j++) {
      if (record[j] !== undefined && record[j].length > MAX_CELL_CHARS) return cellTooLong(i + 1, headers[j])
      // Cells our exports quoted against formula injection read back as they were (db/csv-safe.ts).
      values[headers[j]] = record[j] === undefined ? record[j] : restoreCsvCell(record[j])
    }
    rows.push({ row: i + 1, values })
    await slicer.pause()
  }
  return { ok: true, format: 'csv', headers, rows }
}

/** csv-parse fed 64 KiB at a time with a turn of the event loop in between; rejects with its error. */
async function parseCsvInSlices(text: string, delimiter: string): Promise<string[][]> {
  const parser = parse({ bom: true, delimiter, relax_column_count: false, skip_empty_lines: true, max_record_size: 1_000_000 })
  const records: string[][] = []
  let failure: Error | null = null
  parser.on('data', (record: string[]) => records.push(record))
  parser.on('error', (error) => {
    failure ??= error
  })
  const ended = new Promise<void>((resolve) => parser.on('end', resolve).on('close', resolve))
  for (let i = 0; i < text.length && !failure; ) {
    let end = Math.min(i + CSV_SLICE_CHARS, text.length)
    // Never cut a surrogate pair: each slice is encoded to UTF-8 on its own.
    const last = text.charCodeAt(end - 1)
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--
    parser.write(text.slice(i, end))
    i = end
    await new Promise<void>((resolve) => setImmediate(resolve))
  }
  if (!failure) parser.end()
  await ended
  if (failure) throw failure
  return records
}

function count(text: string, char: string): number {
  return text.split(char).length - 1
}
