// Reading multi-valued fields: arrays (JSON) or separated strings (CSV); trimmed, deduplicated, order kept.
import type { IssueLog } from './record.ts'

export function readList(field: string, value: unknown, separator: string, log: IssueLog): string[] {
  if (value === null || value === undefined) return []
  const items = Array.isArray(value) ? value : [value]
  const out: string[] = []
  for (const item of items) {
    if (item === null || item === undefined) continue
    if (typeof item !== 'string' && typeof item !== 'number') {
      log.error(field, `Le champ « ${field} » attend une liste de textes.`, item)
      continue
    }
    // Items are always split, so that a written list reads back as the same list.
    for (const part of String(item).split(separator)) {
      const trimmed = part.trim()
      if (trimmed !== '') out.push(trimmed)
    }
  }
  return out
}

export function dedupe(values: readonly string[]): string[] {
  return [...new Set(values)]
}
