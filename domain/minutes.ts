// What the content hash of committee minutes covers, written once so the server and a reader compute the same
// text: keys in a fixed order, the snapshot included (it is part of what both parties validated).
export interface MinutesContent {
  committee: string
  held_on: string
  attendees: { organisation: string; participants: string[] }[]
  agenda: string[]
  decisions: string[]
  minutes: string
  report_year: number
  report_snapshot: unknown
}

/** JSON with object keys sorted at every depth: the same content always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

export function minutesText(content: MinutesContent): string {
  const { committee, held_on, attendees, agenda, decisions, minutes, report_year, report_snapshot } = content
  return canonicalJson({ committee, held_on, attendees, agenda, decisions, minutes, report_year, report_snapshot })
}
