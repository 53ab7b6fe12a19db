// SIRET check. The ANCT library (`Siret`) normalises spaces and checks the length only, so the Luhn key
// is checked here on top of it, with La Poste's exception: its establishments share SIREN 356000000 and
// their SIRET is valid when the sum of its digits is a multiple of 5 (INSEE rule).
import { Siret, SiretError } from '@gouvfr-anct/lieux-de-mediation-numerique'

export const LA_POSTE_SIREN = '356000000'

function luhnValid(digits: string): boolean {
  let sum = 0
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48
    if (i % 2 === 1) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
  }
  return sum % 10 === 0
}

/** Normalised SIRET (14 digits) or null when invalid; a reason in French is given in `siretProblem`. */
export function normalizeSiret(value: string): string | null {
  return siretProblem(value) === null ? value.replace(/\s/gu, '') : null
}

export function siretProblem(value: string): string | null {
  let siret: string
  try {
    siret = Siret(value)
  } catch (error) {
    if (error instanceof SiretError) return 'un SIRET compte 14 chiffres'
    throw error
  }
  if (!/^\d{14}$/.test(siret)) return 'un SIRET ne contient que des chiffres'
  if (siret.startsWith(LA_POSTE_SIREN)) {
    const sum = [...siret].reduce((s, c) => s + Number(c), 0)
    // The head office (00013..) follows Luhn too; the others follow the sum-of-digits rule.
    return sum % 5 === 0 || luhnValid(siret) ? null : 'clé de contrôle invalide (règle La Poste : somme des chiffres multiple de 5)'
  }
  if (!luhnValid(siret.slice(0, 9))) return 'SIREN invalide (clé de Luhn)'
  return luhnValid(siret) ? null : 'clé de contrôle du SIRET invalide (Luhn)'
}

export function isValidSiret(value: string): boolean {
  return siretProblem(value) === null
}
