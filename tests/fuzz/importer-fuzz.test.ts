// The importer fed garbage: random bytes, BOMs, CRLF, 10 MB lines, wrong encodings, broken rows. Each file
// is refused cleanly (a file_error or rejected rows, never an exception) and the database is unchanged.
import { readFileSync } from 'node:fs'
import { parse } from 'csv-parse/sync'
import { stringify } from 'csv-stringify/sync'
import fc from 'fast-check'
import { beforeAll, expect, it } from 'vitest'
import { tableHashes } from '../../db/backup/hash.ts'
import { importFile, type ImportReport } from '../../db/import/importer.ts'
import { describeEachDatabase } from '../helpers/databases.ts'

const RUNS = Number(process.env.FUZZ_RUNS_IMPORT ?? 150)
const SEED = Number(process.env.FUZZ_SEED ?? 20261126)
const WATCHED = ['venues', 'venue_versions', 'audit_log', 'imports']

// Real rows (one record per line: multi-line quoted cells are folded so lines can be edited independently).
const records: string[][] = parse(readFileSync(new URL('../../db/seed/data/venues/hinaura.csv', import.meta.url), 'utf8'), { to: 8 })
const lines = records.map((r) => stringify([r.map((cell) => cell.replace(/\r?\n/g, ' '))]).trimEnd())
const HEADER = lines[0]
const GOOD_ROWS = lines.slice(1)

/** Files that must be refused: each generator yields bytes plus a label for the report. */
const badFiles: fc.Arbitrary<{ kind: string; bytes: Uint8Array }> = fc.oneof(
  fc.uint8Array({ minLength: 0, maxLength: 3000 }).map((bytes) => ({ kind: 'random bytes', bytes })),
  fc
    .uint8Array({ minLength: 1, maxLength: 500 })
    .map((b) => ({ kind: 'BOM + random bytes', bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), b]) })),
  fc.string({ maxLength: 2000 }).map((s) => ({ kind: 'random text', bytes: Buffer.from(s) })),
  // A real header, then rows broken by random edits (columns dropped, quotes, random cells), CRLF or not.
  fc
    .record({
      rows: fc.array(fc.tuple(fc.constantFrom(...GOOD_ROWS), fc.nat(400), fc.string({ maxLength: 12 })), { minLength: 1, maxLength: 6 }),
      crlf: fc.boolean(),
      bom: fc.boolean(),
    })
    .map(({ rows, crlf, bom }) => {
      const broken = rows.map(
        ([row, at, junk]) => row.slice(0, at % (row.length + 1)) + junk + '"' + row.slice((at % (row.length + 1)) + 1, 10),
      )
      const text = [HEADER, ...broken].join(crlf ? '\r\n' : '\n')
      return { kind: 'broken rows', bytes: Buffer.from((bom ? '\uFEFF' : '') + text) }
    }),
  // Valid rows whose every cell may be replaced by junk: rejected rows, never a crash, nothing written.
  fc
    .record({
      cells: fc.array(
        fc.tuple(
          fc.nat(31),
          fc.constantFrom('', '91', 'abc', '99999', '2A999', '<b>x</b>', 'é'.repeat(300), 'NaN', '-200', '2099-99-99', 'Accès|Inconnu'),
        ),
        { minLength: 1, maxLength: 4 },
      ),
    })
    .map(({ cells }) => {
      const columns = GOOD_ROWS[0].split(',')
      for (const [index, value] of cells) columns[index % columns.length] = value
      columns[0] = '' // no id: the standard requires one, so the row is rejected whatever else happens
      return { kind: 'junk cells', bytes: Buffer.from([HEADER, columns.join(',')].join('\n')) }
    }),
  fc.jsonValue({ maxDepth: 4 }).map((v) => ({ kind: 'random JSON', bytes: Buffer.from(JSON.stringify(v) ?? 'null') })),
  fc
    .array(
      fc.dictionary(
        fc.constantFrom('id', 'nom', 'latitude', 'commune', 'code_postal', 'adresse', 'date_maj', 'x'),
        fc.jsonValue({ maxDepth: 1 }),
      ),
      { minLength: 1, maxLength: 4 },
    )
    .map((items) => ({
      kind: 'JSON venues without required fields',
      bytes: Buffer.from(JSON.stringify(items.map((i) => ({ ...i, source: undefined, pivot: 42, date_maj: 'hier' })))),
    })),
)

function isCleanRejection(report: ImportReport): boolean {
  if (report.status !== 'rejected') return false
  return (
    (report.file_error !== null && report.file_error.length > 0 && report.rows.length === 0) ||
    (report.file_error === null && report.totals.rejected > 0 && report.rows.some((r) => r.errors.length > 0))
  )
}

describeEachDatabase('importer fuzzing', (ctx) => {
  let before: Awaited<ReturnType<typeof tableHashes>>
  beforeAll(async () => {
    const seeded = await importFile(ctx.database.db, Buffer.from([HEADER, ...GOOD_ROWS].join('\n')), {
      source: 'seed',
      actor: 'test',
      partial: true,
    })
    expect(seeded.totals.created).toBeGreaterThan(0)
    before = await tableHashes(ctx.database.db)
  })

  const counts = async () =>
    Object.fromEntries(
      await Promise.all(
        WATCHED.map(async (t) => [
          t,
          Number(
            (
              await ctx.database.db
                .selectFrom(t as 'venues')
                .select((eb) => eb.fn.countAll().as('n'))
                .executeTakeFirstOrThrow()
            ).n,
          ),
        ]),
      ),
    )

  it('refuses random and broken files cleanly, leaving the database untouched', async () => {
    const kinds = new Map<string, number>()
    const start = await counts()
    await fc.assert(
      fc.asyncProperty(badFiles, async ({ kind, bytes }) => {
        kinds.set(kind, (kinds.get(kind) ?? 0) + 1)
        const report = await importFile(ctx.database.db, bytes, { source: 'fuzz', actor: 'fuzz' })
        // A file that is only a header (or an empty list) is a no-op, also acceptable.
        if (report.status === 'applied' && report.totals.rows === 0) return true
        expect(isCleanRejection(report), `${kind}: ${JSON.stringify(report).slice(0, 300)}`).toBe(true)
        expect((await counts()).venues).toBe(start.venues)
        return true
      }),
      { numRuns: RUNS, seed: SEED },
    )
    console.info(`importer fuzz [${ctx.kind}]: ${RUNS} files (${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ')})`)
    const after = await tableHashes(ctx.database.db)
    for (const table of ['venues', 'venue_versions']) expect(after[table], table).toEqual(before[table])
  })

  it('refuses 10 MB lines, wrong encodings and binary files with a file error and no write', async () => {
    const hugeLine = Buffer.concat([Buffer.from(HEADER + '\n' + 'x,'), Buffer.alloc(10 * 1024 * 1024, 'a'), Buffer.from('\n')])
    const latin1 = Buffer.from([HEADER, GOOD_ROWS[0].replace(/,/, ',é')].join('\r\n'), 'latin1')
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from([HEADER, ...GOOD_ROWS].join('\n'), 'utf16le')])
    const nul = Buffer.from(`${HEADER}\n${GOOD_ROWS[0]}\u0000\n`)
    const unclosed = Buffer.from(`\uFEFF${HEADER}\r\n"${GOOD_ROWS[0]}\r\n`)
    const auditBefore = (await counts()).audit_log
    const baseline = await tableHashes(ctx.database.db)
    for (const [name, bytes] of Object.entries({ hugeLine, latin1, utf16, nul, unclosed, empty: Buffer.alloc(0) })) {
      const report = await importFile(ctx.database.db, bytes, { source: 'fuzz', actor: 'fuzz' })
      expect(report.status, name).toBe('rejected')
      expect(report.file_error, name).toMatch(/\S/)
    }
    expect((await counts()).audit_log).toBe(auditBefore)
    const after = await tableHashes(ctx.database.db)
    for (const table of ['venues', 'venue_versions', 'audit_log', 'imports']) expect(after[table], table).toEqual(baseline[table])
  })
})
