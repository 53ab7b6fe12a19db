// SIRET check: the ANCT library's normalisation (spaces, length) plus the Luhn key and La Poste's exception.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isValidSiret, normalizeSiret, siretProblem } from '../../../api/sponsors/siret.ts'

function luhnComplete(body: string): string {
  for (let d = 0; d < 10; d++) {
    const candidate = body + d
    let sum = 0
    for (let i = 0; i < candidate.length; i++) {
      let v = Number(candidate[candidate.length - 1 - i])
      if (i % 2 === 1) {
        v *= 2
        if (v > 9) v -= 9
      }
      sum += v
    }
    if (sum % 10 === 0) return candidate
  }
  throw new Error('unreachable')
}

describe('SIRET', () => {
  it('accepts real SIRETs and normalises spaces', () => {
    expect(isValidSiret('73282932000074')).toBe(true)
    expect(normalizeSiret('732 829 320 00074')).toBe('73282932000074')
  })

  it('rejects a wrong key, a wrong SIREN key, letters and lengths', () => {
    expect(siretProblem('73282932000075')).toMatch(/Luhn/)
    expect(siretProblem('12345678901234')).toMatch(/SIREN/)
    expect(siretProblem('7328293200007A')).toMatch(/chiffres/)
    expect(siretProblem('7328293200007')).toMatch(/14 chiffres/)
  })

  it('applies La Poste’s rule: SIREN 356000000, sum of digits a multiple of 5', () => {
    expect(isValidSiret('35600000049837')).toBe(true) // sum 45, not a Luhn number
    expect(isValidSiret('35600000012345')).toBe(false)
    expect(isValidSiret('35600000000048')).toBe(true) // head office, Luhn-valid
  })

  it('accepts every Luhn-complete SIRET with a Luhn-valid SIREN, and rejects one changed digit', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[1-9]\d{7}$/),
        fc.stringMatching(/^\d{4}$/),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 1, max: 9 }),
        (sirenBody, nic, position, delta) => {
          const siren = luhnComplete(sirenBody)
          if (siren.startsWith('356000000')) return
          const siret = luhnComplete(siren + nic)
          expect(isValidSiret(siret)).toBe(true)
          const changed = siret.slice(0, position) + ((Number(siret[position]) + delta) % 10) + siret.slice(position + 1)
          expect(isValidSiret(changed)).toBe(false)
        },
      ),
    )
  })
})
