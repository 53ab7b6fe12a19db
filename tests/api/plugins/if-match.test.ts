// If-Match parsing for every versioned resource (pure): which version the writer read, 428 without, 412 for another venue.
import { expect, it } from 'vitest'
import { expectedVersion } from '../../../api/plugins/if-match.ts'

const expectedVersionFrom = (ifMatch: string | undefined, id: string, required: boolean) =>
  expectedVersion(ifMatch, id, required, '/api/v1/venues/{id}')
import { HttpProblem } from '../../../api/plugins/problem.ts'

const ID = '0b9c6f3e-8a0d-4a5e-9a51-2f0b3a7c9d10'
const OTHER = '6a1f0c2d-1b2c-4d5e-8f90-112233445566'

function status(fn: () => unknown): number | null {
  try {
    fn()
    return null
  } catch (error) {
    return error instanceof HttpProblem ? error.status : -1
  }
}

it('reads the version from the ETag forms a client may send back', () => {
  expect(expectedVersionFrom(`"${ID}-v3"`, ID, true)).toBe(3)
  expect(expectedVersionFrom(`W/"${ID}-v3"`, ID, true)).toBe(3)
  expect(expectedVersionFrom(`"${ID}-v12-abc123"`, ID, true)).toBe(12) // the read ETag carries a hash suffix
  expect(expectedVersionFrom(`"${ID.toUpperCase()}-v4"`, ID, true)).toBe(4)
  expect(expectedVersionFrom('7', ID, true)).toBe(7)
  expect(expectedVersionFrom(' "7" ', ID, true)).toBe(7)
})

it('treats * and an optional absent header as "any version"', () => {
  expect(expectedVersionFrom('*', ID, true)).toBeNull()
  expect(expectedVersionFrom(undefined, ID, false)).toBeNull()
  expect(expectedVersionFrom('  ', ID, false)).toBeNull()
})

it('answers 428 when required and absent, 412 for another venue, and never matches an unreadable tag', () => {
  expect(status(() => expectedVersionFrom(undefined, ID, true))).toBe(428)
  expect(status(() => expectedVersionFrom('', ID, true))).toBe(428)
  expect(status(() => expectedVersionFrom(`"${OTHER}-v3"`, ID, true))).toBe(412)
  expect(expectedVersionFrom('"not-an-etag"', ID, true)).toBe(-1)
  expect(expectedVersionFrom('v3', ID, true)).toBe(-1)
})
