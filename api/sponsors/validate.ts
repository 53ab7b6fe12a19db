// Business rules the JSON schemas cannot say: SIRET key, per-kind sponsorship fields, date order.
import { kindLabels } from '../../domain/sponsorship.ts'
import type { FieldError } from '../plugins/problem.ts'
import { siretProblem } from './siret.ts'
import type { SponsorshipInput } from './schemas.ts'

export function companyErrors(values: { siret?: string; latitude?: number | null; longitude?: number | null }): FieldError[] {
  const errors: FieldError[] = []
  if (values.siret !== undefined) {
    const problem = siretProblem(values.siret)
    if (problem) errors.push({ field: 'siret', message: problem })
  }
  if ((values.latitude == null) !== (values.longitude == null) && (values.latitude !== undefined || values.longitude !== undefined)) {
    errors.push({ field: values.latitude == null ? 'latitude' : 'longitude', message: 'latitude et longitude vont ensemble' })
  }
  return errors
}

/** The fields each kind requires; any other kind-specific field must stay empty. */
export const KIND_FIELDS = {
  emploi_avenir: ['youth_count', 'tutor_name', 'sponsor_name'],
  don_materiel: ['devices_count', 'refurbisher'],
  fonds_solidarites_numeriques: ['amount_eur'],
  mecenat: ['description'],
} as const satisfies Record<string, readonly (keyof SponsorshipInput)[]>

const KIND_LABELS = kindLabels('withArticle')

/** Default end of an emploi d'avenir: started_on + 3 years (the three-year contract). */
export function threeYearsAfter(date: string): string {
  const [y, m, d] = date.split('-').map(Number)
  return new Date(Date.UTC(y + 3, m - 1, d)).toISOString().slice(0, 10)
}

export function sponsorshipErrors(merged: SponsorshipInput): FieldError[] {
  const errors: FieldError[] = []
  const kind = merged.kind as keyof typeof KIND_FIELDS
  const required = KIND_FIELDS[kind] ?? []
  for (const field of required) {
    const value = merged[field]
    if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
      errors.push({ field, message: `champ obligatoire pour ${KIND_LABELS[kind]}` })
    }
  }
  for (const [otherKind, fields] of Object.entries(KIND_FIELDS)) {
    if (otherKind === kind) continue
    for (const field of fields) {
      if (merged[field] !== undefined && merged[field] !== null) {
        errors.push({ field, message: `sans objet pour ${KIND_LABELS[kind]} (réservé à ${otherKind})` })
      }
    }
  }
  if (merged.started_on && merged.ended_on && merged.ended_on < merged.started_on) {
    errors.push({ field: 'ended_on', message: 'la fin précède le début' })
  }
  return errors
}
