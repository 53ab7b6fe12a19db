// The one CSV writer of the service: every cell is neutralised against formula injection (OWASP "CSV injection").
//
// Choice (docs/security.md): a text cell whose first character is `=`, `+`, `-`, `@`, a tab or a carriage
// return gets a single quote `'` in front, so a spreadsheet shows it as text instead of running it. Plain
// numbers ("-0.57", "+33556000000", the standard's telephone form) cannot be formulas and stay as they are, so
// coordinates and telephones remain valid for the standard's schema. A cell already starting with quotes
// followed by a trigger character gets one more quote, which makes the escape reversible:
// `restoreCsvCell` (used by every CSV reader of imports) removes exactly one, so import → export → import is
// byte-identical.
import { stringify, type Options } from 'csv-stringify/sync'

const TRIGGER = /^'*[=+\-@\t\r]/
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/

/** The cell as written to a CSV file: quoted with `'` when a spreadsheet would read it as a formula. */
export function safeCsvCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value)
  return TRIGGER.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text
}

/** The inverse of safeCsvCell for a cell read from a CSV file. */
export function restoreCsvCell(text: string): string {
  return text.startsWith("'") && TRIGGER.test(text) && !PLAIN_NUMBER.test(text.slice(1)) ? text.slice(1) : text
}

/** csv-stringify with every cell passed through safeCsvCell: the only way the service writes CSV. */
export function stringifySafeCsv(rows: ReadonlyArray<ReadonlyArray<unknown>>, options?: Options): string {
  return stringify(
    rows.map((row) => row.map((cell) => (typeof cell === 'string' ? safeCsvCell(cell) : cell))),
    options,
  )
}
