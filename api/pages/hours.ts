// What the venue page says about opening hours: open now, next opening, the usual week in French sentences
// and the next seven days' hours, all in Europe/Paris wall time. "Open now" and "next opening" come from
// db/search (the same rules as the API's open_at filter); sentences and rows from domain/opening-hours/french.ts
// (the same text as the list cards and the referral sheet).
import { isOpenAt, nextOpening } from '../../db/search/opening-hours.ts'
import { describeHours, parseHours, weekRows } from '../../domain/opening-hours/french.ts'

const PARIS = 'Europe/Paris'
const dayFormat = new Intl.DateTimeFormat('fr-FR', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long' })
const nextFormat = new Intl.DateTimeFormat('fr-FR', {
  timeZone: PARIS,
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  hour: '2-digit',
  minute: '2-digit',
})
const wallParts = new Intl.DateTimeFormat('en-GB', { timeZone: PARIS, year: 'numeric', month: '2-digit', day: '2-digit' })

export interface DayHours {
  label: string
  intervals: string[]
  today: boolean
  holiday: boolean
}
export interface HoursSummary {
  known: boolean
  openNow: boolean
  nextOpening: string | null
  /** The usual week in French ("Ouvert du lundi au vendredi de 9 h à 12 h. Fermé le samedi et le dimanche."). */
  sentence: string
  week: DayHours[]
  comments: string[]
}

export function summarizeHours(horaires: string | null, now: Date = new Date()): HoursSummary {
  const text = describeHours(horaires, now)
  const oh = parseHours(horaires)
  if (!oh) return { known: false, openNow: false, nextOpening: null, sentence: text.sentence, week: [], comments: [] }
  // A Date whose local fields are the Paris wall clock: opening_hours reads local fields.
  const parts = Object.fromEntries(wallParts.formatToParts(now).map((p) => [p.type, p.value]))
  const today = new Date(+parts.year, +parts.month - 1, +parts.day)
  const week = weekRows(oh, today).map((row, i) => ({
    label: dayFormat.format(new Date(Date.UTC(row.date.getFullYear(), row.date.getMonth(), row.date.getDate(), 12))),
    intervals: row.slots,
    today: i === 0,
    holiday: row.holiday,
  }))
  const openNow = isOpenAt(horaires, now)
  const next = openNow ? null : nextOpening(horaires, now)
  return {
    known: true,
    openNow,
    nextOpening: next ? nextFormat.format(next) : null,
    sentence: text.sentence,
    week,
    comments: text.comments,
  }
}
