// The keyword rules of the national pipeline (anct-cartographie-nationale/mednum-cli, `*.config.json`):
// a rule adds its `cible` when one of its `colonnes` contains one of its `termes` (case-insensitive)
// and none of its `sauf`; without `termes`, a non-empty column is enough; without `colonnes`, always.
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { VENUES_INPUT_DIR } from './paths.ts'

export interface Choice {
  colonnes?: string[]
  termes?: string[]
  sauf?: string[]
  cible?: string
}

export type MednumConfig = Record<string, unknown>

export function loadMednumConfig(slug: string): MednumConfig {
  return JSON.parse(readFileSync(resolve(VENUES_INPUT_DIR, 'mednum-cli-inputs/configs', `${slug}.config.json`), 'utf8')) as MednumConfig
}

export function choicesOf(config: MednumConfig, field: string): Choice[] {
  const value = config[field]
  return Array.isArray(value) ? (value as Choice[]) : []
}

// Column names may be paths into nested objects (`geolocalisation.lat`).
export function columnValue(source: Record<string, unknown>, column: string): unknown {
  if (Object.hasOwn(source, column)) return source[column]
  return column
    .split('.')
    .reduce<unknown>(
      (value, key) => (value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined),
      source,
    )
}

export function columnText(source: Record<string, unknown>, column: string): string {
  const value = columnValue(source, column)
  if (value === null || value === undefined) return ''
  return typeof value === 'object' ? JSON.stringify(value) : String(value)
}

export function applyChoices(source: Record<string, unknown>, choices: readonly Choice[]): string[] {
  const out: string[] = []
  for (const choice of choices) {
    if (choice.cible === undefined) continue
    if (choice.colonnes === undefined) {
      out.push(choice.cible)
      continue
    }
    if (choice.colonnes.some((column) => matches(choice, columnText(source, column)))) out.push(choice.cible)
  }
  return [...new Set(out)]
}

function matches(choice: Choice, raw: string): boolean {
  const value = raw.trim().toLowerCase()
  if (value === '') return false
  if (choice.termes === undefined) return true
  const excluded = (choice.sauf ?? []).some((term) => value.includes(term.toLowerCase()))
  return !excluded && choice.termes.some((term) => value.includes(term.toLowerCase()))
}
