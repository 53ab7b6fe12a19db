// Opening hours for people: French sentences and a day-by-day table from an OSM `opening_hours` expression,
// French public holidays included. Shared by the venue page (server) and the list cards, referral sheet and
// embed (browser), so the raw OSM string ("Mo-Fr 09:00-12:00; PH off") is never shown to the public.
// The library reads a Date's local fields: callers pass Dates whose local fields are the wall clock wanted.
import OpeningHours from 'opening_hours'
import { FRANCE, parseHours } from './parse.ts'

export { parseHours }
const DAY_NAMES = ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'] as const
/** Monday first, as French weeks are read. */
const WEEK_ORDER = [1, 2, 3, 4, 5, 6, 0] as const
const OSM_TOKENS = /\b(Mo|Tu|We|Th|Fr|Sa|Su|PH|SH|off)\b|\d{1,2}:\d{2}/

/** Minutes since midnight, [from, to); `to` = 1440 for "until midnight". */
export type Slot = readonly [number, number]

let holidays: OpeningHours | null = null

/** True when the local day of `day` is a French public holiday (the expression "PH" is open exactly then). */
export function isPublicHoliday(day: Date): boolean {
  holidays ??= new OpeningHours('PH', FRANCE)
  return holidays.getState(new Date(day.getFullYear(), day.getMonth(), day.getDate(), 12))
}

/** The open slots of the local day containing `day`. */
export function daySlots(oh: OpeningHours, day: Date): Slot[] {
  const start = new Date(day.getFullYear(), day.getMonth(), day.getDate())
  const end = new Date(day.getFullYear(), day.getMonth(), day.getDate() + 1)
  try {
    const slots = oh.getOpenIntervals(start, end).map(([from, to, unknown]) => ({
      unknown,
      slot: [
        from.getHours() * 60 + from.getMinutes(),
        to.getTime() >= end.getTime() ? 1440 : to.getHours() * 60 + to.getMinutes(),
      ] as const,
    }))
    // A commented rule has an "unknown" state: with times it is still an opening ("09:00-12:00 'sur
    // rendez-vous'"); a bare comment over the whole day ("sur rendez-vous") is not.
    return slots.filter(({ unknown, slot }) => !unknown || slot[0] !== 0 || slot[1] !== 1440).map(({ slot }) => slot)
  } catch {
    return []
  }
}

/** "9 h", "9 h 30", "24 h". */
export function formatTime(minutes: number): string {
  const h = Math.floor(minutes / 60)
  const m = minutes % 60
  return m ? `${h} h ${String(m).padStart(2, '0')}` : `${h} h`
}

/** "9 h – 12 h" for each slot (the table's cells). */
export function formatSlots(slots: readonly Slot[]): string[] {
  return slots.map(([from, to]) => (from === 0 && to === 1440 ? 'toute la journée' : `${formatTime(from)} – ${formatTime(to)}`))
}

/** "de 9 h à 12 h et de 14 h à 17 h" (the sentences). */
function slotsInWords(slots: readonly Slot[]): string {
  const parts = slots.map(([from, to]) => (from === 0 && to === 1440 ? 'toute la journée' : `de ${formatTime(from)} à ${formatTime(to)}`))
  return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} et ${parts[parts.length - 1]}` : (parts[0] ?? '')
}

function joinFrench(items: string[]): string {
  return items.length > 1 ? `${items.slice(0, -1).join(', ')} et ${items[items.length - 1]}` : (items[0] ?? '')
}

/** Days (indexes into WEEK_ORDER) in words: "du lundi au vendredi", "le mardi et le jeudi". */
function daysInWords(positions: number[]): string {
  const runs: number[][] = []
  for (const p of positions) {
    const last = runs[runs.length - 1]
    if (last && last[last.length - 1] === p - 1) last.push(p)
    else runs.push([p])
  }
  const name = (p: number) => DAY_NAMES[WEEK_ORDER[p]]
  return joinFrench(
    runs.flatMap((run) => (run.length >= 3 ? [`du ${name(run[0])} au ${name(run[run.length - 1])}`] : run.map((p) => `le ${name(p)}`))),
  )
}

const key = (slots: readonly Slot[]) => slots.map(([a, b]) => `${a}-${b}`).join(',')

export interface HoursText {
  /** False when there are no hours or they cannot be read. */
  known: boolean
  /** French sentences for a usual week, e.g. "Ouvert du lundi au vendredi de 9 h à 12 h. Fermé le samedi et le dimanche." */
  sentence: string
  /** Comments of the expression ("sur rendez-vous"), once each. */
  comments: string[]
}

/**
 * The usual week in French sentences: each weekday is read on its next date that is not a public holiday
 * (within three weeks of `from`), days with the same hours are grouped, closed days and public holidays said.
 */
export function describeHours(horaires: string | null | undefined, from: Date = new Date()): HoursText {
  const oh = parseHours(horaires)
  if (!horaires || !oh) {
    // A free-text schedule ("sur rendez-vous") is readable as is; an unreadable OSM-like code is not.
    const text = horaires?.trim() ?? ''
    const readable = text !== '' && !OSM_TOKENS.test(text)
    return { known: false, sentence: readable ? text : '', comments: [] }
  }
  const base = new Date(from.getFullYear(), from.getMonth(), from.getDate())
  const byWeekday = new Map<number, Slot[]>()
  const comments = new Set<string>()
  let holiday: Date | null = null
  for (let i = 0; i < 21 && (byWeekday.size < 7 || !holiday); i++) {
    const day = new Date(base.getFullYear(), base.getMonth(), base.getDate() + i)
    if (isPublicHoliday(day)) {
      holiday ??= day
      continue
    }
    if (byWeekday.has(day.getDay())) continue
    const slots = daySlots(oh, day)
    byWeekday.set(day.getDay(), slots)
    // A comment belongs to a rule: read it inside the day's first slot (or at noon on a closed day).
    const minute = slots.length ? slots[0][0] + 1 : 720
    try {
      const comment = oh.getComment(new Date(day.getFullYear(), day.getMonth(), day.getDate(), 0, minute))
      if (comment) comments.add(comment)
    } catch {
      /* no comment */
    }
  }
  // No holiday in three weeks: look further (within a year) so "fermé les jours fériés" can still be said.
  for (let i = 21; !holiday && i < 366; i++) {
    const day = new Date(base.getFullYear(), base.getMonth(), base.getDate() + i)
    if (isPublicHoliday(day)) holiday = day
  }
  const groups = new Map<string, { slots: Slot[]; positions: number[] }>()
  const closed: number[] = []
  WEEK_ORDER.forEach((weekday, position) => {
    const slots = byWeekday.get(weekday) ?? []
    if (slots.length === 0) {
      closed.push(position)
      return
    }
    const k = key(slots)
    const group = groups.get(k) ?? { slots, positions: [] }
    group.positions.push(position)
    groups.set(k, group)
  })
  const sentences: string[] = []
  if (groups.size === 0) {
    sentences.push(
      comments.size ? `${[...comments].join('. ')}.` : 'Aucune ouverture régulière cette semaine : renseignez-vous auprès du lieu.',
    )
    comments.clear()
  } else {
    const open = [...groups.values()].map((g) => `${daysInWords(g.positions)} ${slotsInWords(g.slots)}`)
    const everyDay = closed.length === 0 && groups.size === 1
    sentences.push(everyDay ? `Ouvert tous les jours ${slotsInWords([...groups.values()][0].slots)}.` : `Ouvert ${open.join(' ; ')}.`)
  }
  let closedHolidays = false
  let holidayHours = ''
  if (holiday && groups.size > 0) {
    const holidaySlots = daySlots(oh, holiday)
    const usual = byWeekday.get(holiday.getDay()) ?? []
    if (key(holidaySlots) !== key(usual) || /\bPH\b/.test(horaires)) {
      if (holidaySlots.length === 0) closedHolidays = true
      else holidayHours = `Les jours fériés : ${slotsInWords(holidaySlots)}.`
    }
  }
  if (groups.size > 0 && (closed.length > 0 || closedHolidays)) {
    sentences.push(
      `Fermé ${joinFrench([...(closed.length ? [daysInWords(closed)] : []), ...(closedHolidays ? ['les jours fériés'] : [])])}.`,
    )
  }
  if (holidayHours) sentences.push(holidayHours)
  return { known: true, sentence: sentences.join(' '), comments: [...comments] }
}

export interface DayRow {
  /** The local date of the row (midnight). */
  date: Date
  weekday: string
  slots: string[]
  holiday: boolean
}

/** The next `days` days from `from` (local dates), each with its slots and whether it is a public holiday. */
export function weekRows(oh: OpeningHours, from: Date, days = 7): DayRow[] {
  const rows: DayRow[] = []
  for (let i = 0; i < days; i++) {
    const date = new Date(from.getFullYear(), from.getMonth(), from.getDate() + i)
    rows.push({ date, weekday: DAY_NAMES[date.getDay()], slots: formatSlots(daySlots(oh, date)), holiday: isPublicHoliday(date) })
  }
  return rows
}
