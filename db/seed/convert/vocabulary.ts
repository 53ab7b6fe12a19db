// Producer vocabulary → canonical v1.0.2 values: the v1 value itself (lenient spelling), or a
// legacy v0.1 value mapped as the standard module maps it (some producers still use v0 words).
import { findV0Rule, isEnumField, matchEnumValue, type V0VocabularyField } from '../../standard/index.ts'

export type Targeted = Record<string, string[]>

// Which v0 vocabulary a v1 field's words may come from.
const V0_SOURCE: Record<string, V0VocabularyField> = {
  services: 'services',
  publics_specifiquement_adresses: 'publics_accueillis',
  prise_en_charge_specifique: 'publics_accueillis',
  frais_a_charge: 'conditions_acces',
  dispositif_programmes_nationaux: 'labels_nationaux',
  formations_labels: 'labels_nationaux',
  modalites_accompagnement: 'modalites_accompagnement',
}

// Returns values per target field (a v0 word may land in another field, e.g. "Surdité").
export function canonicalValues(field: string, values: readonly string[]): { targeted: Targeted; unknown: string[] } {
  const targeted: Targeted = {}
  const unknown: string[] = []
  const add = (target: string, value: string): void => {
    targeted[target] = [...new Set([...(targeted[target] ?? []), value])]
  }
  for (const value of values) {
    if (isEnumField(field)) {
      const match = matchEnumValue(field, value)
      if (match.kind !== 'unknown') {
        for (const v of match.values) add(field, v)
        continue
      }
    } else if (field === 'typologie' || field === 'autres_formations_labels') {
      add(field, value)
      continue
    }
    const v0Field = V0_SOURCE[field]
    const rule = v0Field === undefined ? null : findV0Rule(v0Field, value)
    if (rule !== null && rule.targets.length > 0) for (const target of rule.targets) add(target.field, target.value)
    else unknown.push(value)
  }
  return { targeted, unknown }
}

export function mergeTargeted(into: Targeted, from: Targeted): Targeted {
  for (const [field, values] of Object.entries(from)) into[field] = [...new Set([...(into[field] ?? []), ...values])]
  return into
}
