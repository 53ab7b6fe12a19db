// Opening hours for the `horaires` field: OSM syntax only, checked by the `opening_hours` library.
// Producers often write French sentences; the simple, unambiguous ones are translated, anything
// with a condition (holidays, appointments, "1st Monday of the month"…) is left as text.
import { checkOpeningHours } from '../../standard/index.ts'

const OSM_DAYS = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'] as const

// Only OSM words, numbers, punctuation and comments: the library's own corrections of other
// words are guesses ("le lundi" reads as "Sa Mo").
const OSM_ONLY = /^(?:Mo|Tu|We|Th|Fr|Sa|Su|PH|SH|off|closed|open|week|\d|[\s:;,\-+/[\]]|"[^"]*")+$/

// An OSM value we can ship: parses without warning, or is OSM-only text whose pretty form does.
export function validOsmHours(value: string | null | undefined): string | null {
  if (value == null || value.trim() === '') return null
  const text = value.trim()
  const check = checkOpeningHours(text)
  if (!check.ok || afterDaysWithoutDays(text)) return null
  if (check.warnings.length === 0) return text
  if (!OSM_ONLY.test(text) || check.pretty === null) return null
  const pretty = checkOpeningHours(check.pretty)
  return pretty.ok && pretty.warnings.length === 0 ? check.pretty : null
}

// "Mo-Fr 08:30-12:00; 14:00-17:30" is valid OSM but means "every day 14:00-17:30" from the second
// rule on: a naive translation of "du lundi au vendredi 8h30-12h / 14h-17h30", not what was meant.
function afterDaysWithoutDays(value: string): boolean {
  const rules = value.split(';').map((rule) => rule.trim())
  return rules.length > 1 && /^(Mo|Tu|We|Th|Fr|Sa|Su)/.test(rules[0]) && rules.slice(1).some((rule) => /^\d/.test(rule))
}

// Words that make a sentence conditional or vague: never translated.
const REJECT = new RegExp(
  String.raw`sauf|vacance|ferm|rdv|rendez|semaine|mois|pair|1er|premier|deuxieme|troisieme|quatrieme|dernier|uniquement|` +
    String.raw`selon|hors|janvier|fevrier|mars\b|avril|\bmai\b|juin|juillet|aout|septembre|octobre|novembre|decembre|` +
    String.raw`\bete\b|hiver|periode|scolaire|demande|appel|telephon|permanence|environ|variable|planning|planifi|voir|` +
    String.raw`contact|atelier|jusqu|a partir|ferie|\?|\bou\b|\bnon\b|\bsur\b|\bavec\b`,
)

const DAY = String.raw`(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)s?|(?:lun|mar|mer|jeu|ven|sam|dim)\b\.?`
const TIME = String.raw`\d{1,2}(?:\s*[h:]\s*(?:\d{2})?)?`
const TOKEN = new RegExp(
  String.raw`(?<range>(?:du\s+)?(?:${DAY})\s*(?:au|a|-|–)\s*(?:${DAY}))|(?<day>${DAY})|(?<time>(?:${TIME})\s*(?:-|–|\ba\b)\s*(?:${TIME}))`,
  'g',
)
const FILLER = new RegExp(
  String.raw`\b(?:de|du|le|les|et|au|a|tous|toutes?|ouverts?|ouverture|horaires?|d'ouverture|matins?|apres-midis?|` +
    String.raw`apres midis?|soirs?|journee|continue|en|puis|sans interruption|l'accueil|accueil|public|du public)\b`,
  'g',
)

type Token = { kind: 'days'; days: number[] } | { kind: 'time'; from: number; to: number }

// "Du lundi au vendredi de 9h à 12h et de 14h à 17h" → "Mo-Fr 09:00-12:00,14:00-17:00".
export function frenchHoursToOsm(text: string | null | undefined): string | null {
  if (text == null || text.trim() === '') return null
  const osm = validOsmHours(text)
  if (osm !== null && /\b(Mo|Tu|We|Th|Fr|Sa|Su|PH)\b|24\/7/.test(text)) return osm
  const normalized = normalize(text)
  if (REJECT.test(normalized)) return null
  const tokens = tokenize(normalized)
  if (tokens === null || tokens.length === 0) return null
  const groups = groupTokens(tokens)
  if (groups === null) return null
  return validOsmHours(toOsm(groups))
}

// One day's hours, e.g. "07:30-11:30, 12:15-16:00" or "9h à 12h" → "07:30-11:30,12:15-16:00".
export function frenchTimeRangesToOsm(text: string | null | undefined): string | null {
  if (text == null || text.trim() === '') return null
  const normalized = normalize(text)
  if (REJECT.test(normalized)) return null
  const tokens = tokenize(normalized)
  if (tokens === null || tokens.length === 0 || tokens.some((t) => t.kind !== 'time')) return null
  return formatRanges(tokens as Array<Extract<Token, { kind: 'time' }>>)
}

function normalize(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/apres[- ]midis?/g, ' apres-midi ')
    .replace(/\bmidi\b/g, '12h')
}

function tokenize(text: string): Token[] | null {
  const tokens: Token[] = []
  let last = 0
  for (const match of text.matchAll(TOKEN)) {
    if (!isFiller(text.slice(last, match.index))) return null
    last = match.index + match[0].length
    const groups = match.groups ?? {}
    if (groups.range !== undefined) {
      const [from, to] = [...groups.range.matchAll(new RegExp(DAY, 'g'))].map((m) => dayIndex(m[0]))
      tokens.push({ kind: 'days', days: dayRange(from, to) })
    } else if (groups.day !== undefined) {
      tokens.push({ kind: 'days', days: [dayIndex(groups.day)] })
    } else {
      const range = parseTimeRange(groups.time)
      if (range === null) return null
      tokens.push({ kind: 'time', ...range })
    }
  }
  return isFiller(text.slice(last)) ? tokens : null
}

function isFiller(gap: string): boolean {
  return /^[\s,;:/.()\-–+*]*$/.test(gap.replace(FILLER, ' '))
}

function dayIndex(word: string): number {
  return ['lun', 'mar', 'mer', 'jeu', 'ven', 'sam', 'dim'].indexOf(word.slice(0, 3))
}

function dayRange(from: number, to: number): number[] {
  const days: number[] = []
  for (let d = from; ; d = (d + 1) % 7) {
    days.push(d)
    if (d === to || days.length > 7) break
  }
  return days
}

// Minutes since midnight; a bare number ("de 14 à 18h") is an hour only if the other end says so.
function parseTimeRange(text: string): { from: number; to: number } | null {
  const [a, b] = text.split(/\s*(?:-|–|\ba\b)\s*/)
  const explicit = (t: string): boolean => /[h:]/.test(t)
  if (!explicit(a) && !explicit(b)) return null
  const from = parseTime(a)
  const to = parseTime(b)
  if (from === null || to === null || from >= to) return null
  return { from, to }
}

function parseTime(text: string): number | null {
  const match = /^(\d{1,2})(?:\s*[h:]\s*(\d{2})?)?$/.exec(text.trim())
  if (match === null) return null
  const hours = Number(match[1])
  const minutes = match[2] === undefined ? 0 : Number(match[2])
  if (hours > 24 || minutes > 59 || (hours === 24 && minutes > 0)) return null
  return hours * 60 + minutes
}

type Group = { days: number[]; times: Array<{ from: number; to: number }> }

// Days then hours ("lundi 9h-12h") or hours then days ("9h-12h du lundi au vendredi"), as the
// sentence starts; every group needs both.
function groupTokens(tokens: Token[]): Group[] | null {
  const daysFirst = tokens[0].kind === 'days'
  const groups: Group[] = []
  let current: Group = { days: [], times: [] }
  let previous: Token['kind'] | null = null
  for (const token of tokens) {
    const startsGroup = daysFirst ? token.kind === 'days' && previous === 'time' : token.kind === 'time' && previous === 'days'
    if (startsGroup) {
      groups.push(current)
      current = { days: [], times: [] }
    }
    if (token.kind === 'days') current.days.push(...token.days)
    else current.times.push({ from: token.from, to: token.to })
    previous = token.kind
  }
  groups.push(current)
  if (!groups.every((g) => g.days.length > 0 && g.times.length > 0)) return null
  // "Mercredi au samedi 10h-18h / jeudi 14h-18h": an exception or an addition? Same days twice add
  // up; days shared by different groups are ambiguous, so the sentence is left as text.
  const keys = groups.map((g) => [...new Set(g.days)].sort().join(','))
  for (let i = 0; i < groups.length; i++) {
    for (let j = i + 1; j < groups.length; j++) {
      if (keys[i] !== keys[j] && groups[i].days.some((d) => groups[j].days.includes(d))) return null
    }
  }
  return groups
}

// Per day, the union of its ranges; days with the same ranges share one rule.
function toOsm(groups: Group[]): string {
  const perDay = new Map<number, Array<{ from: number; to: number }>>()
  for (const group of groups) {
    for (const day of group.days) perDay.set(day, [...(perDay.get(day) ?? []), ...group.times])
  }
  const byRanges = new Map<string, number[]>()
  for (const day of [...perDay.keys()].sort((a, b) => a - b)) {
    const ranges = formatRanges(perDay.get(day) ?? [])
    byRanges.set(ranges, [...(byRanges.get(ranges) ?? []), day])
  }
  return [...byRanges].map(([ranges, days]) => `${formatDays(days)} ${ranges}`).join('; ')
}

function formatRanges(ranges: Array<{ from: number; to: number }>): string {
  const unique = [...new Map(ranges.map((r) => [`${r.from}-${r.to}`, r])).values()].sort((a, b) => a.from - b.from)
  return unique.map((r) => `${hhmm(r.from)}-${hhmm(r.to)}`).join(',')
}

function formatDays(days: number[]): string {
  const runs: number[][] = []
  for (const day of days) {
    const run = runs.at(-1)
    if (run !== undefined && run.at(-1) === day - 1) run.push(day)
    else runs.push([day])
  }
  return runs.map((run) => (run.length === 1 ? OSM_DAYS[run[0]] : `${OSM_DAYS[run[0]]}-${OSM_DAYS[run.at(-1) as number]}`)).join(',')
}

function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
}

// Seven per-day values (Monday first), each OSM time ranges or null, as one OSM rule set.
export function osmFromDays(ranges: ReadonlyArray<string | null>): string | null {
  const byRanges = new Map<string, number[]>()
  ranges.forEach((value, day) => {
    if (value !== null) byRanges.set(value, [...(byRanges.get(value) ?? []), day])
  })
  if (byRanges.size === 0) return null
  return validOsmHours([...byRanges].map(([value, days]) => `${formatDays(days)} ${value}`).join('; '))
}
