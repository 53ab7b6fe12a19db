// Reads a venue of the legacy standard v0.1 (`;` lists, v0 field names and vocabulary) as v1.0.2.
import { normalizeUrl } from './contacts.ts'
import { isEnumField } from '../../domain/standard/enums.ts'
import { isStandardField, LEGACY_V0_FIELDS, LEGACY_V0_LIST_SEPARATOR, isListField } from '../../domain/standard/fields.ts'
import { findV0Rule, type V0VocabularyField, type V1Target } from './legacy-v0-vocabulary.ts'
import { readList } from './lists.ts'
import { parseStandardRecord } from './parse.ts'
import { IssueLog, type ParseResult } from './record.ts'
import { isBlank, PRESENTATION_RESUME_MAX_LENGTH, readText } from './scalars.ts'
import { matchEnumValue } from './vocabulary.ts'

export const PIVOT_PLACEHOLDER = '00000000000000'

export interface LegacyV0Options {
  listSeparator?: string // default `;`
  // Append what has no v1 equivalent to presentation_detail (besides the warnings), so nothing is lost.
  keepUnmappedInDetail?: boolean
}

const DIRECT_FIELDS = [
  'id',
  'nom',
  'commune',
  'code_postal',
  'code_insee',
  'adresse',
  'complement_adresse',
  'latitude',
  'longitude',
  'telephone',
  'horaires',
  'presentation_detail',
  'source',
  'structure_parente',
  'date_maj',
  'prise_rdv',
] as const

const V0_LABELS: Record<V0VocabularyField | 'accessibilite', string> = {
  services: 'Services',
  publics_accueillis: 'Publics accueillis',
  conditions_acces: "Conditions d'accès",
  labels_nationaux: 'Labels nationaux',
  modalites_accompagnement: "Modalités d'accompagnement",
  accessibilite: 'Accessibilité',
}

// Where a v0 value that is already a v1 value may go (mixed files exist).
const V1_FALLBACK: Record<V0VocabularyField, V1Target['field'][]> = {
  services: ['services'],
  publics_accueillis: ['publics_specifiquement_adresses', 'prise_en_charge_specifique'],
  conditions_acces: ['frais_a_charge'],
  labels_nationaux: ['dispositif_programmes_nationaux', 'formations_labels'],
  modalites_accompagnement: ['modalites_accompagnement'],
}

export function fromLegacyV0(raw: Record<string, unknown>, opts: LegacyV0Options = {}): ParseResult {
  const separator = opts.listSeparator ?? LEGACY_V0_LIST_SEPARATOR
  const log = new IssueLog()
  const unmapped = new Map<string, string[]>()
  const list = (field: string): string[] => readList(field, raw[field], separator, log)
  const v1: Record<string, unknown> = {}
  const push = (field: string, ...values: string[]): void => {
    v1[field] = [...((v1[field] as string[] | undefined) ?? []), ...values]
  }

  for (const field of DIRECT_FIELDS) v1[field] = raw[field]
  v1.pivot = raw.pivot
  if (readText('pivot', raw.pivot, log) === null) {
    v1.pivot = PIVOT_PLACEHOLDER
    log.warn('pivot', `Pivot absent : valeur d'attente « ${PIVOT_PLACEHOLDER} » utilisée.`)
  }
  v1.typologie = list('typologie')
  v1.site_web = list('site_web')
  v1.courriels = list('courriel')
  v1.autres_formations_labels = list('labels_autres')
  moveLongResume(raw.presentation_resume, v1, log)

  const cleBan = readText('cle_ban', raw.cle_ban, log)
  if (cleBan !== null) log.warn('cle_ban', `Clé BAN « ${cleBan} » non reprise : le standard v1.0.2 n'a pas ce champ.`, cleBan)

  for (const field of Object.keys(V1_FALLBACK) as V0VocabularyField[]) {
    for (const value of list(field)) {
      const targets = mapV0Value(field, value, log)
      if (targets === null) {
        log.warn(field, `Valeur « ${value} » de « ${field} » sans équivalent en v1.0.2 : non reprise.`, value)
        unmapped.set(field, [...(unmapped.get(field) ?? []), value])
      }
      for (const target of targets ?? []) push(target.field, target.value)
    }
  }

  const accessibilite = readText('accessibilite', raw.accessibilite, log)
  if (accessibilite !== null) {
    const url = normalizeUrl(accessibilite)
    if (url !== null) v1.fiche_acces_libre = url
    else {
      log.warn('accessibilite', `« accessibilite » n'est pas une adresse web (fiche Accès libre) : « ${accessibilite} ».`, accessibilite)
      unmapped.set('accessibilite', [accessibilite])
    }
  }

  passThroughOtherColumns(raw, v1, separator, log)
  if (opts.keepUnmappedInDetail && unmapped.size > 0) appendUnmapped(v1, unmapped)

  const result = parseStandardRecord(v1)
  const errors = [...log.errors, ...result.errors]
  return { record: errors.length === 0 ? result.record : null, errors, warnings: [...log.warnings, ...result.warnings] }
}

// Returns the v1 targets of one v0 value, or null when it has no equivalent.
function mapV0Value(field: V0VocabularyField, value: string, log: IssueLog): V1Target[] | null {
  const rule = findV0Rule(field, value)
  if (rule !== null) {
    const names = rule.targets.map((t) => `« ${t.value} »`).join(' et ')
    if (rule.note === 'ambiguous') log.warn(field, `Valeur ambiguë « ${value} » : interprétée comme ${names}.`, value)
    if (rule.note === 'moved')
      log.warn(field, `Label « ${value} » sans équivalent en v1.0.2 : reporté dans « autres_formations_labels ».`, value)
    if (rule.note === 'implicit') log.warn(field, `Valeur « ${value} » non reprise : tout public par défaut en v1.0.2.`, value)
    return rule.targets
  }
  for (const target of V1_FALLBACK[field]) {
    if (!isEnumField(target)) continue
    const match = matchEnumValue(target, value)
    if (match.kind !== 'unknown') return match.values.map((v) => ({ field: target, value: v }))
  }
  if (field === 'labels_nationaux') {
    log.warn(field, `Label « ${value} » inconnu : reporté dans « autres_formations_labels ».`, value)
    return [{ field: 'autres_formations_labels', value }]
  }
  return null
}

// v0 allowed 500 characters, v1 allows 280: keep the full text in the detailed presentation.
function moveLongResume(value: unknown, v1: Record<string, unknown>, log: IssueLog): void {
  const resume = readText('presentation_resume', value, log)
  if (resume === null || [...resume].length <= PRESENTATION_RESUME_MAX_LENGTH) {
    v1.presentation_resume = resume
    return
  }
  const detail = readText('presentation_detail', v1.presentation_detail, log)
  v1.presentation_detail = detail === null ? resume : `${resume}\n\n${detail}`
  v1.presentation_resume = truncate(resume, PRESENTATION_RESUME_MAX_LENGTH)
  log.warn(
    'presentation_resume',
    `Présentation résumée de plus de ${PRESENTATION_RESUME_MAX_LENGTH} caractères : abrégée, texte complet reporté ` +
      `dans « presentation_detail ».`,
  )
}

export function truncate(text: string, max: number): string {
  const chars = [...text]
  if (chars.length <= max) return text
  const cut = chars.slice(0, max - 1).join('')
  const atWord = cut.replace(/\s+\S*$/, '')
  return `${(atWord.length > max / 2 ? atWord : cut).trimEnd()}…`
}

// v1-only columns in a v0 file are read as v1; anything else is reported.
function passThroughOtherColumns(raw: Record<string, unknown>, v1: Record<string, unknown>, separator: string, log: IssueLog): void {
  for (const [key, value] of Object.entries(raw)) {
    if ((LEGACY_V0_FIELDS as readonly string[]).includes(key)) continue
    if (isStandardField(key) && v1[key] === undefined) {
      v1[key] = isListField(key) ? readList(key, value, separator, log) : value
    } else if (!isStandardField(key) && !isBlank(value)) {
      log.warn(key, `Colonne inconnue ignorée : « ${key} ».`, value)
    }
  }
}

function appendUnmapped(v1: Record<string, unknown>, unmapped: Map<string, string[]>): void {
  const lines = [...unmapped].map(([field, values]) => `${V0_LABELS[field as V0VocabularyField]} : ${values.join(' ; ')}`)
  const note = `Informations sans équivalent dans le standard v1.0.2 :\n${lines.join('\n')}`
  const detail = typeof v1.presentation_detail === 'string' && v1.presentation_detail.trim() !== '' ? v1.presentation_detail.trim() : null
  v1.presentation_detail = detail === null ? note : `${detail}\n\n${note}`
}
