// Business rules of a need the schema cannot say: the fields its kind requires, and no field of another kind.
import { NEED_REQUIRED, type NeedKind } from '../../domain/needs.ts'
import type { FieldError } from '../plugins/problem.ts'

const KIND_SPECIFIC = ['local_project', 'devices_count', 'devices_kind', 'amount_eur', 'skills']

export function needErrors(merged: Record<string, unknown> & { kind: NeedKind }): FieldError[] {
  const errors: FieldError[] = []
  const required = NEED_REQUIRED[merged.kind]
  for (const field of required) {
    const value = merged[field]
    if (value === undefined || value === null || (typeof value === 'string' && value.trim() === ''))
      errors.push({ field, message: 'champ obligatoire pour ce type de besoin' })
  }
  for (const field of KIND_SPECIFIC) {
    if (!required.includes(field) && merged[field] !== undefined && merged[field] !== null)
      errors.push({ field, message: 'sans objet pour ce type de besoin' })
  }
  return errors
}
