// "Open at" and "next opening" of a venue's `horaires` (OSM opening_hours syntax), in Europe/Paris time,
// French public holidays (PH) included. The opening_hours library reads a Date's *local* fields, so we hand
// it a Date whose local fields are the Paris wall clock, whatever the process time zone; results are
// converted back to real instants. This keeps DST days exact (the wall clock of a real instant never falls
// in the spring-forward gap).
import { parseHours as parse } from '../../domain/opening-hours/parse.ts'

const PARIS = 'Europe/Paris'
const wallFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: PARIS,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
})

interface Wall {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
}

function parisWall(instant: Date): Wall {
  const parts = Object.fromEntries(wallFormat.formatToParts(instant).map((p) => [p.type, p.value]))
  return { year: +parts.year, month: +parts.month, day: +parts.day, hour: +parts.hour, minute: +parts.minute, second: +parts.second }
}

/** A Date whose local fields equal the Paris wall clock at `instant`. */
function toFakeLocal(instant: Date): Date {
  const w = parisWall(instant)
  return new Date(w.year, w.month - 1, w.day, w.hour, w.minute, w.second)
}

/** The real instant at which Paris shows the wall clock held in `fake`'s local fields (first one, if twice). */
function fromFakeLocal(fake: Date): Date {
  const asUtc = Date.UTC(fake.getFullYear(), fake.getMonth(), fake.getDate(), fake.getHours(), fake.getMinutes(), fake.getSeconds())
  // Paris is UTC+1 or UTC+2: try both offsets, keep the one whose wall clock matches (earliest wins).
  for (const offsetHours of [2, 1]) {
    const candidate = new Date(asUtc - offsetHours * 3600_000)
    const w = parisWall(candidate)
    if (Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) === asUtc) return candidate
  }
  // A wall time inside the spring-forward gap: the change happens when the clock jumps.
  return new Date(asUtc - 3600_000)
}

/** True when open at `instant`; false when closed or when `horaires` is empty or unreadable. */
export function isOpenAt(horaires: string | null | undefined, instant: Date): boolean {
  if (!horaires) return false
  const oh = parse(horaires)
  if (!oh) return false
  try {
    return oh.getState(toFakeLocal(instant))
  } catch {
    return false
  }
}

/** The next instant at which the venue opens, strictly after `instant` (null if never / unknown). */
export function nextOpening(horaires: string | null | undefined, instant: Date): Date | null {
  if (!horaires) return null
  const oh = parse(horaires)
  if (!oh) return null
  try {
    let cursor = toFakeLocal(instant)
    const limit = cursor.getTime() + 366 * 86_400_000
    let open = oh.getState(cursor)
    for (let i = 0; i < 200; i++) {
      const change = oh.getNextChange(cursor, new Date(limit))
      if (!change) return null
      cursor = change
      const nowOpen = oh.getState(cursor)
      if (!open && nowOpen) return fromFakeLocal(cursor)
      open = nowOpen
    }
    return null
  } catch {
    return null
  }
}

/** True when the venue opens at some time on that Paris calendar day (`YYYY-MM-DD`). */
export function isOpenOnDay(horaires: string | null | undefined, day: string): boolean {
  if (!horaires) return false
  const oh = parse(horaires)
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day)
  if (!oh || !m) return false
  try {
    // Fake-local wall times, as everywhere in this file: midnight to midnight on the Paris clock.
    const from = new Date(+m[1], +m[2] - 1, +m[3])
    const to = new Date(+m[1], +m[2] - 1, +m[3] + 1)
    return oh.getOpenIntervals(from, to).length > 0
  } catch {
    return false
  }
}

const WEEKDAYS = ['su', 'mo', 'tu', 'we', 'th', 'fr', 'sa']

/** Parses `open_on`: a date `YYYY-MM-DD`, or a weekday `mo`…`su` meaning the next such day (today included), in Paris. */
export function parseOpenOn(value: string, now: Date = new Date()): string | null {
  const weekday = WEEKDAYS.indexOf(value.toLowerCase())
  if (weekday >= 0) {
    const w = parisWall(now)
    const today = new Date(Date.UTC(w.year, w.month - 1, w.day))
    const ahead = (weekday - today.getUTCDay() + 7) % 7
    return new Date(today.getTime() + ahead * 86_400_000).toISOString().slice(0, 10)
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (!m) return null
  const date = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]))
  return date.toISOString().slice(0, 10) === value ? value : null
}

/** Parses `open_at`: "now" or an ISO-8601 date-time; a time without offset is Paris wall time. */
export function parseOpenAt(value: string, now: Date = new Date()): Date | null {
  if (value === 'now') return now
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(value)
  if (!m) return null
  const [, y, mo, d, h = '00', mi = '00', s = '00', zone] = m
  if (zone) {
    const date = new Date(
      `${y}-${mo}-${d}T${h}:${mi}:${s}${zone === 'Z' ? 'Z' : zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone}`,
    )
    return Number.isNaN(date.getTime()) ? null : date
  }
  const fake = new Date(+y, +mo - 1, +d, +h, +mi, +s)
  if (fake.getMonth() !== +mo - 1 || fake.getDate() !== +d) return null
  return fromFakeLocal(fake)
}
