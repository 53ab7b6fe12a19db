// What the venue page says about opening hours: open now, next opening, and the next seven days' hours,
// all in Europe/Paris wall time. "Open now" and "next opening" come from db/search (the same rules as the
// API's open_at filter); the week table reads the same OSM opening_hours expression.
import OpeningHours from 'opening_hours'
import { isOpenAt, nextOpening } from '../../db/search/opening-hours.ts'

const PARIS = 'Europe/Paris'
const NOMINATIM = { lat: 46.6, lon: 2.4, address: { country_code: 'fr', state: '' } }
const dayFormat = new Intl.DateTimeFormat('fr-FR', { timeZone: PARIS, weekday: 'long', day: 'numeric', month: 'long' })
const nextFormat = new Intl.DateTimeFormat('fr-FR', { timeZone: PARIS, weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' })
const wallParts = new Intl.DateTimeFormat('en-GB', { timeZone: PARIS, year: 'numeric', month: '2-digit', day: '2-digit' })

export interface DayHours { label: string; intervals: string[]; today: boolean }
export interface HoursSummary {
  known: boolean
  openNow: boolean
  nextOpening: string | null
  week: DayHours[]
  comment: string | null
}

function hhmm(date: Date): string {
  return `${String(date.getHours()).padStart(2, '0')} h ${String(date.getMinutes()).padStart(2, '0')}`
}

export function summarizeHours(horaires: string | null, now: Date = new Date()): HoursSummary {
  const empty: HoursSummary = { known: false, openNow: false, nextOpening: null, week: [], comment: null }
  if (!horaires) return empty
  let oh: OpeningHours
  try {
    oh = new OpeningHours(horaires, NOMINATIM)
  } catch {
    return empty
  }
  const parts = Object.fromEntries(wallParts.formatToParts(now).map((p) => [p.type, p.value]))
  const week: DayHours[] = []
  for (let i = 0; i < 7; i++) {
    // A Date whose local fields are the Paris wall clock: opening_hours reads local fields.
    const start = new Date(+parts.year, +parts.month - 1, +parts.day + i)
    const end = new Date(+parts.year, +parts.month - 1, +parts.day + i + 1)
    const intervals = oh.getOpenIntervals(start, end).map(([from, to]) => {
      const until = to.getTime() >= end.getTime() ? '24 h 00' : hhmm(to)
      return `${hhmm(from)} – ${until}`
    })
    const noon = new Date(Date.UTC(start.getFullYear(), start.getMonth(), start.getDate(), 12))
    week.push({ label: dayFormat.format(noon), intervals, today: i === 0 })
  }
  const openNow = isOpenAt(horaires, now)
  const next = openNow ? null : nextOpening(horaires, now)
  let comment: string | null = null
  try { comment = oh.getComment(new Date()) ?? null } catch { comment = null }
  return { known: true, openNow, nextOpening: next ? nextFormat.format(next) : null, week, comment }
}
