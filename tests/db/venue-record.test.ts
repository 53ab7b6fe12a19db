// sameColumnValue is the fast form of "their JSON forms are equal" that sync and import diffs rely on: it must
// agree with JSON.stringify on every kind of value a venue column holds.
import { describe, expect, it } from 'vitest'
import { sameColumnValue } from '../../db/venue-record.ts'

const VALUES: unknown[] = [
  undefined,
  null,
  '',
  'a',
  'A',
  0,
  -0,
  1,
  1.5,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  true,
  false,
  '1',
  [],
  ['a'],
  ['a', 'b'],
  ['b', 'a'],
  [undefined],
  [null],
  [1],
  ['1'],
  { a: 1 },
  { a: 1, b: null },
  { b: null, a: 1 },
  [{ a: 1 }],
  new Date('2024-01-02T00:00:00Z'),
  '2024-01-02T00:00:00.000Z',
]

describe('sameColumnValue', () => {
  it('agrees with comparing JSON forms (absent = null) on every pair', () => {
    for (const a of VALUES)
      for (const b of VALUES) {
        const expected = JSON.stringify(a ?? null) === JSON.stringify(b ?? null)
        expect(sameColumnValue(a, b), `${JSON.stringify(a)} vs ${JSON.stringify(b)}`).toBe(expected)
      }
  })
})
