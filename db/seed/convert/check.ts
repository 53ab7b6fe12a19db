// Self-check of a written file: it must read back, row for row, into the same records and the same bytes.
import { isDeepStrictEqual } from 'node:util'
import { formatStandardCsv, parseStandardCsv, type StandardRecord } from '../../standard/index.ts'

export function assertRoundTrip(file: string, csv: string, records: readonly StandardRecord[]): void {
  const parsed = parseStandardCsv(csv)
  if (parsed.format !== 'v1') throw new Error(`${file} : format détecté ${parsed.format}, v1 attendu`)
  if (parsed.rows.length !== records.length) throw new Error(`${file} : ${parsed.rows.length} lignes relues pour ${records.length} écrites`)
  parsed.rows.forEach((row, i) => {
    if (row.record === null) throw new Error(`${file} ligne ${row.line} : ${row.errors.map((e) => e.message).join(' ; ')}`)
    if (!isDeepStrictEqual(row.record, records[i])) throw new Error(`${file} ligne ${row.line} : relue différemment`)
  })
  if (formatStandardCsv(parsed.rows.map((row) => row.record as StandardRecord)) !== csv) {
    throw new Error(`${file} : la réécriture ne donne pas les mêmes octets`)
  }
}
