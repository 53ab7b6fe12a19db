// The 140-character check run by `npm run check` (scripts/check-line-length.ts): a planted long line fails it,
// exempt copies of official data and frozen migrations do not, and lengths count characters, not UTF-16 units.
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { check, isExempt, longLines, MAX_LINE } from '../../scripts/check-line-length.ts'

const root = mkdtempSync(join(tmpdir(), 'maillage-lines-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

function plant(path: string, text: string | Buffer): string {
  mkdirSync(resolve(root, path, '..'), { recursive: true })
  writeFileSync(resolve(root, path), text)
  return path
}

describe('line length check', () => {
  it('flags a line over 140 characters with its file, line number and length', () => {
    const text = `short\n${'x'.repeat(MAX_LINE)}\n${'y'.repeat(MAX_LINE + 1)}\n`
    expect(longLines('api/x.ts', text)).toEqual([{ path: 'api/x.ts', line: 3, length: 141 }])
  })

  it('counts characters: accents and emoji are one each, a CRLF ending is not counted', () => {
    expect(longLines('a.md', 'é'.repeat(MAX_LINE))).toEqual([])
    expect(longLines('a.md', '😀'.repeat(MAX_LINE))).toEqual([])
    expect(longLines('a.md', `${'z'.repeat(MAX_LINE)}\r\n`)).toEqual([])
  })

  it('exempts only verbatim copies, generated data and frozen migrations', () => {
    for (const path of [
      'db/standard/schema-v1.0.2.json',
      'tests/fixtures/standard/schema-v1.0.2.json',
      'db/seed/data/venues/corse.csv',
      'web/public/basemap/communes-bbox/33.json',
      'package-lock.json',
      'migrations/0001_core.ts',
    ])
      expect(isExempt(path), path).toBe(true)
    for (const path of ['db/standard/schema.ts', 'web/public/basemap/style.json', 'README.md', 'api/migrations.ts'])
      expect(isExempt(path), path).toBe(false)
  })

  it('finds a planted long line in a tree, skipping exempt and binary files', () => {
    const long = `${'w'.repeat(MAX_LINE + 10)}\n`
    const files = [
      plant('web/planted.html', `<p>\n${long}</p>\n`),
      plant('migrations/9999_planted.ts', long),
      plant('api/tiles/planted.bin', Buffer.concat([Buffer.from(long), Buffer.from([0, 1, 2])])),
      plant('docs/fine.md', 'short\n'),
    ]
    expect(check(root, files)).toEqual([{ path: 'web/planted.html', line: 2, length: MAX_LINE + 10 }])
  })

  it('makes the script exit non-zero, naming the line, so `npm test` stops', () => {
    const planted = resolve(root, plant('services/planted.ts', `// ${'v'.repeat(MAX_LINE)}\n`))
    const script = resolve(import.meta.dirname, '../../scripts/check-line-length.ts')
    const run = spawnSync(process.execPath, ['--import', 'tsx', script, planted], { encoding: 'utf8' })
    expect(run.status).toBe(1)
    expect(run.stderr).toContain(`${planted}:1: ${MAX_LINE + 3} characters (max ${MAX_LINE})`)
    const clean = spawnSync(process.execPath, ['--import', 'tsx', script, resolve(root, 'docs/fine.md')], { encoding: 'utf8' })
    expect(clean.status).toBe(0)
  })
})
