// The first N real venues of a bundled demo file, as a standard CSV (parsed, so multi-line cells stay whole).
import { readFileSync } from 'node:fs'
import { parse } from 'csv-parse/sync'
import { stringify } from 'csv-stringify/sync'

export function demoCsv(count: number, file = 'hinaura.csv'): Buffer {
  const records: string[][] = parse(readFileSync(new URL(`../../db/seed/data/venues/${file}`, import.meta.url), 'utf8'), { to: count + 1 })
  return Buffer.from(stringify(records))
}
