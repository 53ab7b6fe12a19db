// Shared frame of the raw producer files of the national pipeline (mednum-cli inputs): the
// per-source code reads scalar fields; enumerated fields come from the pipeline's keyword rules
// (`configs/<slug>.config.json`), reviewed per source, and are brought to canonical v1.0.2 values.
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { ENUM_FIELD_NAMES, PIVOT_PLACEHOLDER } from '../../../standard/index.ts'
import { VENUES_INPUT_DIR } from '../paths.ts'
import { applyChoices, choicesOf, loadMednumConfig, type Choice, type MednumConfig } from '../rules.ts'
import type { Candidate, SourceDefinition } from '../source.ts'
import { paragraphs } from '../text.ts'
import { canonicalValues, mergeTargeted, type Targeted } from '../vocabulary.ts'

export type Row = Record<string, unknown>

export interface RowMapping {
  key: string
  skip?: string
  departement?: string
  fields: Record<string, unknown> // standard v1.0.2 scalar fields (and lists not ruled by the config)
  detail?: Array<string | null | undefined> // paragraphs appended to presentation_detail
  values?: Targeted // enumerated values decided by the source code, added to the rules' ones
}

export interface MednumOptions {
  slug: string
  producer: string
  region: string
  licence?: string
  dateFallback: string // the day the file entered mednum-cli, when a row has no date
  notes: string[]
  // Rules of the pipeline's config left out because their meaning differs from the v1 value.
  dropRule?: (field: string, choice: Choice) => boolean
  row(row: Row, index: number): RowMapping
}

const RULED_FIELDS = ['typologie', ...ENUM_FIELD_NAMES, 'autres_formations_labels'] as const

// Column names with typographic apostrophes are read with ASCII ones (rows of one file differ).
export function readInput(slug: string): Row[] {
  const rows = JSON.parse(readFileSync(resolve(VENUES_INPUT_DIR, 'mednum-cli-inputs', `${slug}.json`), 'utf8')) as Row[]
  return rows.map((row) => Object.fromEntries(Object.entries(row).map(([key, value]) => [key.replace(/[‘’]/g, "'"), value])))
}

export function mednumSource(options: MednumOptions): SourceDefinition {
  return {
    slug: options.slug,
    producer: options.producer,
    input: `mednum-cli-inputs/${options.slug}.json`,
    region: options.region,
    licence: options.licence ?? 'Données ouvertes du producteur, republiées par anct-cartographie-nationale/mednum-cli (MIT)',
    origin: `anct-cartographie-nationale/mednum-cli, \`assets/input/${options.slug}\` (règles \`${options.slug}.config.json\`)`,
    notes: [
      'Énumérations : règles par mots-clés de la configuration du pipeline national, relues ; valeurs ramenées à l’orthographe v1.0.2.',
      `Lignes sans date : \`date_maj\` = ${options.dateFallback}, date d’entrée du fichier dans mednum-cli.`,
      ...options.notes,
    ],
    candidates(): Candidate[] {
      const config = loadMednumConfig(options.slug)
      return readInput(options.slug).map((row, index) => toCandidate(row, index, config, options))
    },
  }
}

function toCandidate(row: Row, index: number, config: MednumConfig, options: MednumOptions): Candidate {
  const mapping = options.row(row, index)
  if (mapping.skip !== undefined) return { key: mapping.key, format: 'v1', raw: {}, skip: mapping.skip }
  const targeted: Targeted = {}
  for (const field of RULED_FIELDS) {
    const choices = choicesOf(config, field).filter((choice) => !options.dropRule?.(field, choice))
    const { targeted: found, unknown } = canonicalValues(field, applyChoices(row, choices))
    if (unknown.length > 0) throw new Error(`${options.slug} : valeurs de configuration inconnues pour ${field} : ${unknown.join(', ')}`)
    mergeTargeted(targeted, found)
  }
  mergeTargeted(targeted, mapping.values ?? {})
  const fields = mapping.fields
  const raw: Record<string, unknown> = {
    pivot: PIVOT_PLACEHOLDER,
    ...fields,
    ...targeted,
    presentation_detail: paragraphs(fields.presentation_detail as string | null | undefined, ...(mapping.detail ?? [])),
  }
  if (raw.date_maj === null || raw.date_maj === undefined) raw.date_maj = options.dateFallback
  if (raw.pivot === null) raw.pivot = PIVOT_PLACEHOLDER
  return { key: mapping.key, format: 'v1', raw, departement: mapping.departement }
}

// "13/12/2022 17:51", "2022-09-26 19:00:45", "2020/06/30 14:16:50.898" → ISO date; else null.
export function isoDate(value: unknown): string | null {
  if (typeof value !== 'string') return null
  const s = value.trim()
  let m = /^(\d{4})[-/](\d{2})[-/](\d{2})/.exec(s)
  if (m) return `${m[1]}-${m[2]}-${m[3]}`
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})\b/.exec(s)
  if (m) return `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}`
  return null
}

// "3,952959014" → 3.952959014 (decimal commas of French spreadsheets).
export function decimal(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  if (typeof value !== 'string' || value.trim() === '') return null
  const n = Number(value.trim().replace(',', '.'))
  return Number.isFinite(n) ? n : null
}
