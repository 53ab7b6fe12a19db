// The national data standard of digital mediation venues, v1.0.2 (and legacy v0.1 import). No database.
export {
  isListField,
  isStandardField,
  LEGACY_V0_FIELDS,
  LIST_FIELDS,
  LIST_SEPARATOR,
  NUMBER_FIELDS,
  REQUIRED_FIELDS,
  STANDARD_CSV_HEADER,
  STANDARD_FIELDS,
  type LegacyV0Field,
  type ListField,
  type StandardField,
} from '../../domain/standard/fields.ts'
export {
  ENUM_FIELD_NAMES,
  ENUM_FIELDS,
  ETAPES_NUMERIQUES_CANONICAL,
  isEnumField,
  TYPOLOGIES,
  type EnumField,
} from '../../domain/standard/enums.ts'
export type { FieldIssue, ParseOptions, ParseResult, StandardRecord } from './record.ts'
export { parseStandardRecord, PIVOT_PATTERN } from './parse.ts'
export { fromLegacyV0, PIVOT_PLACEHOLDER, truncate, type LegacyV0Options } from './legacy-v0.ts'
export { findV0Rule, V0_VOCABULARY, type V0Rule, type V0VocabularyField, type V1Target } from './legacy-v0-vocabulary.ts'
export { detectFormat } from './detect-format.ts'
export { formatNumber, toStandardRow } from './to-row.ts'
export { formatStandardCsv, parseStandardCsv, readCsvTable, type CsvParseResult, type CsvTable } from './csv.ts'
export { normalizeTelephone, TELEPHONE_PATTERN, type TelephoneNormalization } from './telephone.ts'
export { checkOpeningHours, isValidOpeningHours, type OpeningHoursCheck } from './horaires.ts'
export { normalizeUrl } from './contacts.ts'
export { matchEnumValue, matchTypologie } from './vocabulary.ts'
export { lenientKey } from './lenient-key.ts'
export { CODE_INSEE_PATTERN, CODE_POSTAL_PATTERN, PRESENTATION_RESUME_MAX_LENGTH } from './scalars.ts'
export { checkTable, loadTableSchema, type RowIssue, type TableSchema } from './table-schema.ts'
