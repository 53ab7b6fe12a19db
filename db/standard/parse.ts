// Reads one venue of the standard v1.0.2 (a CSV row or a JSON object) into a StandardRecord,
// with field-level errors (the row is rejected) and warnings (the row is kept, something was fixed).
import { isRna, isSiret } from '@gouvfr-anct/lieux-de-mediation-numerique'
import { readCourriels, readUrls } from './contacts.ts'
import { ENUM_FIELD_NAMES, ENUM_FIELDS, type EnumField } from '../../domain/standard/enums.ts'
import { isStandardField, LIST_SEPARATOR } from '../../domain/standard/fields.ts'
import { checkOpeningHours } from './horaires.ts'
import { dedupe, readList } from './lists.ts'
import { IssueLog, type ParseOptions, type ParseResult, type StandardRecord } from './record.ts'
import {
  isBlank,
  PRESENTATION_RESUME_MAX_LENGTH,
  readCodeInsee,
  readCodePostal,
  readDate,
  readNumber,
  readRequiredText,
  readText,
} from './scalars.ts'
import { normalizeTelephone } from './telephone.ts'
import { matchEnumValue, matchTypologie } from './vocabulary.ts'

export const PIVOT_PATTERN = /^[a-zA-Z0-9]{9,14}$/

export function parseStandardRecord(raw: Record<string, unknown>, opts: ParseOptions = {}): ParseResult {
  const separator = opts.listSeparator ?? LIST_SEPARATOR
  const log = new IssueLog()
  for (const [key, value] of Object.entries(raw)) {
    // PostgreSQL text cannot hold NUL: refused here with its field rather than failing the whole write.
    if ((Array.isArray(value) ? value : [value]).some((v) => typeof v === 'string' && v.includes('\u0000'))) {
      log.error(key, 'caractère NUL (\\u0000) interdit')
    }
    if (!isStandardField(key) && !isBlank(value)) {
      log.warn(key, `Colonne inconnue ignorée : « ${key} ».`, value)
    }
  }
  const list = (field: string): string[] => readList(field, raw[field], separator, log)
  const codePostal = readCodePostal(raw.code_postal, log)
  const latLon = readCoordinates(raw, log)
  const record: StandardRecord = {
    id: readRequiredText('id', raw.id, log) ?? '',
    pivot: readPivot(raw.pivot, log) ?? '',
    nom: readRequiredText('nom', raw.nom, log) ?? '',
    commune: readRequiredText('commune', raw.commune, log) ?? '',
    code_postal: codePostal ?? '',
    code_insee: readCodeInsee(raw.code_insee, log),
    adresse: readRequiredText('adresse', raw.adresse, log) ?? '',
    complement_adresse: readText('complement_adresse', raw.complement_adresse, log),
    latitude: latLon.latitude,
    longitude: latLon.longitude,
    typologie: readTypologie(list('typologie'), log),
    telephone: readTelephone(raw.telephone, codePostal, log),
    courriels: dedupe(readCourriels(list('courriels'), log)),
    site_web: dedupe(readUrls('site_web', list('site_web'), log)),
    horaires: readHoraires(raw.horaires, log),
    presentation_resume: readResume(raw.presentation_resume, log),
    presentation_detail: readText('presentation_detail', raw.presentation_detail, log),
    source: readText('source', raw.source, log),
    itinerance: readEnumList('itinerance', list('itinerance'), separator, log),
    structure_parente: readText('structure_parente', raw.structure_parente, log),
    date_maj: readDate('date_maj', raw.date_maj, log) ?? '',
    services: [],
    publics_specifiquement_adresses: [],
    prise_en_charge_specifique: [],
    frais_a_charge: [],
    dispositif_programmes_nationaux: [],
    formations_labels: [],
    autres_formations_labels: dedupe(list('autres_formations_labels')),
    modalites_acces: [],
    modalites_accompagnement: [],
    fiche_acces_libre: readSingleUrl('fiche_acces_libre', raw.fiche_acces_libre, log),
    prise_rdv: readSingleUrl('prise_rdv', raw.prise_rdv, log),
  }
  for (const field of ENUM_FIELD_NAMES) {
    if (field !== 'itinerance') record[field] = readEnumList(field, list(field), separator, log)
  }
  return { record: log.errors.length === 0 ? record : null, errors: log.errors, warnings: log.warnings }
}

function readPivot(value: unknown, log: IssueLog): string | null {
  const text = readRequiredText('pivot', value, log)
  if (text === null) return null
  const pivot = text.replace(/[\s.\u00a0]/g, '')
  if (!PIVOT_PATTERN.test(pivot)) {
    log.error('pivot', `Pivot invalide « ${text} » : SIRET (14 chiffres) ou RNA (W + 9 caractères) attendu.`, text)
    return null
  }
  if (pivot !== text) log.warn('pivot', `Pivot « ${text} » réécrit sans espaces : « ${pivot} ».`, text)
  if (!isSiret(pivot) && !isRna(pivot)) {
    log.warn('pivot', `Le pivot « ${pivot} » n'est ni un SIRET ni un RNA.`, pivot)
  }
  return pivot
}

function readCoordinates(raw: Record<string, unknown>, log: IssueLog): { latitude: number | null; longitude: number | null } {
  const latitude = readNumber('latitude', raw.latitude, log)
  const longitude = readNumber('longitude', raw.longitude, log)
  if (latitude !== null && (latitude < -90 || latitude > 90)) {
    log.error('latitude', `Latitude hors limites (${latitude}) : entre -90 et 90 attendue.`, latitude)
  }
  if (longitude !== null && (longitude < -180 || longitude > 180)) {
    log.error('longitude', `Longitude hors limites (${longitude}) : entre -180 et 180 attendue.`, longitude)
  }
  if ((latitude === null) !== (longitude === null)) {
    const field = latitude === null ? 'latitude' : 'longitude'
    log.warn(field, 'Coordonnées incomplètes (latitude et longitude vont ensemble) : ignorées.')
    return { latitude: null, longitude: null }
  }
  return { latitude, longitude }
}

function readTypologie(items: readonly string[], log: IssueLog): string[] {
  const out: string[] = []
  for (const item of items) {
    const code = matchTypologie(item)
    if (code === null) log.warn('typologie', `Typologie inconnue ignorée : « ${item} ».`, item)
    else out.push(code)
  }
  return dedupe(out)
}

function readTelephone(value: unknown, codePostal: string | null, log: IssueLog): string | null {
  const text = readText('telephone', value, log)
  if (text === null) return null
  const result = normalizeTelephone(text, codePostal)
  if (result.value === null) {
    log.error('telephone', `Numéro de téléphone invalide « ${text} » : format international attendu (ex. +33123456789).`, text)
    return null
  }
  if (result.changed) log.warn('telephone', `Numéro « ${text} » normalisé en « ${result.value} ».`, text)
  for (const other of [...result.ignored, ...result.invalid]) {
    log.warn('telephone', `Un seul numéro est possible : « ${other} » n'est pas repris.`, other)
  }
  return result.value
}

function readHoraires(value: unknown, log: IssueLog): string | null {
  const text = readText('horaires', value, log)
  if (text === null) return null
  // The OSM library also "reads" French words ("le" → Sa): any warning means the value is not OSM syntax.
  const check = checkOpeningHours(text)
  if (!check.ok || check.warnings.length > 0) {
    const hint = check.ok && check.pretty !== null && check.pretty !== text ? ` (lecture proposée : « ${check.pretty} »)` : ''
    log.warn('horaires', `Horaires non conformes au format OpenStreetMap (opening_hours) : « ${text} »${hint}.`, text)
  }
  return text
}

function readResume(value: unknown, log: IssueLog): string | null {
  const text = readText('presentation_resume', value, log)
  if (text !== null && [...text].length > PRESENTATION_RESUME_MAX_LENGTH) {
    log.error(
      'presentation_resume',
      `La présentation résumée dépasse ${PRESENTATION_RESUME_MAX_LENGTH} caractères (${[...text].length}).`,
      text,
    )
  }
  return text
}

function readSingleUrl(field: string, value: unknown, log: IssueLog): string | null {
  const text = readText(field, value, log)
  if (text === null) return null
  return readUrls(field, [text], log)[0] ?? null
}

function readEnumList(field: EnumField, items: readonly string[], separator: string, log: IssueLog): string[] {
  const out: string[] = []
  for (const item of items) {
    const match = matchEnumValue(field, item)
    if (match.kind === 'exact' || match.kind === 'variant') {
      out.push(...match.values)
    } else if (match.kind === 'ambiguous') {
      out.push(...match.values)
      log.warn(
        field,
        `Valeur ambiguë « ${item} » pour « ${field} » : interprétée comme ${match.values.map((v) => `« ${v} »`).join(' et ')}.`,
        item,
      )
    } else {
      const split = separator !== ';' && item.includes(';') ? splitLegacyList(field, item) : null
      if (split !== null) {
        out.push(...split)
        log.warn(field, `Liste séparée par « ; » dans « ${field} » : le séparateur attendu est « ${separator} ».`, item)
      } else {
        log.error(field, `Valeur inconnue « ${item} » pour « ${field} ». Valeurs autorisées : ${ENUM_FIELDS[field].join(' ; ')}.`, item)
      }
    }
  }
  return dedupe(out)
}

// `a;b` in a `|` file: accepted only when every part is a known value.
function splitLegacyList(field: EnumField, item: string): string[] | null {
  const values: string[] = []
  for (const part of item
    .split(';')
    .map((p) => p.trim())
    .filter((p) => p !== '')) {
    const match = matchEnumValue(field, part)
    if (match.kind !== 'exact' && match.kind !== 'variant') return null
    values.push(...match.values)
  }
  return values
}
