// Opening hours as the venue editor shows them — a week of time slots, public holidays, dated exceptions —
// and the OSM `opening_hours` text they stand for, both ways. Only the plain subset is read back into the
// table ("Mo-Fr 09:00-12:00,14:00-17:00; Sa 10:00-12:00; PH off; 2026 Dec 24 off"); anything richer
// (comments, months, 24/7, week numbers) returns null and the editor offers the OSM text itself.

export const WEEK_DAYS = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'] as const
export type WeekDay = (typeof WEEK_DAYS)[number]
export const WEEK_DAY_NAMES: Readonly<Record<WeekDay, string>> = {
  Mo: 'lundi',
  Tu: 'mardi',
  We: 'mercredi',
  Th: 'jeudi',
  Fr: 'vendredi',
  Sa: 'samedi',
  Su: 'dimanche',
}
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const

/** "09:00" to "12:00"; `to` may be "24:00". */
export interface TimeSlot {
  from: string
  to: string
}

/** A date or a range of dates (ISO, `to` ≥ `from`) with its own slots; no slot means closed. */
export interface HoursException {
  from: string
  to: string
  slots: TimeSlot[]
}

export interface EditableHours {
  week: Record<WeekDay, TimeSlot[]>
  /** Closed on public holidays ("PH off"), or the usual hours of that weekday. */
  holidays: 'closed' | 'usual'
  exceptions: HoursException[]
}

export function emptyHours(): EditableHours {
  return { week: { Mo: [], Tu: [], We: [], Th: [], Fr: [], Sa: [], Su: [] }, holidays: 'closed', exceptions: [] }
}

const TIME = /^([01]?\d|2[0-4]):([0-5]\d)$/

/** "9:00" → "09:00"; null when not a time of day. */
export function normalizeTime(value: string): string | null {
  const m = TIME.exec(value.trim())
  if (!m || (m[1] === '24' && m[2] !== '00')) return null
  return `${m[1].padStart(2, '0')}:${m[2]}`
}

const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3))

/** What is wrong with a list of slots, in French, or null: each must end after it starts, none may overlap. */
export function slotsProblem(slots: readonly TimeSlot[]): string | null {
  const sorted = [...slots].sort((a, b) => a.from.localeCompare(b.from))
  for (const [i, s] of sorted.entries()) {
    const from = normalizeTime(s.from)
    const to = normalizeTime(s.to)
    if (!from || !to) return 'heure manquante ou invalide (format 09:00)'
    if (minutes(to) <= minutes(from)) return `le créneau ${from}–${to} se termine avant de commencer`
    const next = sorted[i + 1]
    if (next && normalizeTime(next.from) && minutes(normalizeTime(next.from)!) < minutes(to)) return 'deux créneaux se chevauchent'
  }
  return null
}

function slotsText(slots: readonly TimeSlot[]): string {
  return slots.length === 0
    ? 'off'
    : slots
        .map((s) => `${normalizeTime(s.from)}-${normalizeTime(s.to)}`)
        .sort()
        .join(',')
}

/** "Mo-We,Fr" for the given days (in week order). */
function daysText(days: readonly WeekDay[]): string {
  const index = days.map((d) => WEEK_DAYS.indexOf(d)).sort((a, b) => a - b)
  const runs: number[][] = []
  for (const i of index) {
    const last = runs[runs.length - 1]
    if (last && last[last.length - 1] === i - 1) last.push(i)
    else runs.push([i])
  }
  return runs
    .map((run) =>
      run.length === 1 ? WEEK_DAYS[run[0]] : `${WEEK_DAYS[run[0]]}${run.length === 2 ? ',' : '-'}${WEEK_DAYS[run[run.length - 1]]}`,
    )
    .join(',')
}

function dateText(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number)
  return `${y} ${MONTHS[m - 1]} ${String(d).padStart(2, '0')}`
}

/** The OSM `opening_hours` text of the table; '' when the venue has no regular opening nor exception. */
export function toOpeningHours(hours: EditableHours): string {
  const groups = new Map<string, WeekDay[]>()
  for (const day of WEEK_DAYS) {
    if (hours.week[day].length === 0) continue
    const key = slotsText(hours.week[day])
    groups.set(key, [...(groups.get(key) ?? []), day])
  }
  const rules = [...groups.entries()].map(([slots, days]) => `${daysText(days)} ${slots}`)
  if (rules.length > 0 && hours.holidays === 'closed') rules.push('PH off')
  for (const e of [...hours.exceptions].sort((a, b) => a.from.localeCompare(b.from))) {
    const to = e.to && e.to > e.from ? e.to : e.from
    rules.push(`${dateText(e.from)}${to !== e.from ? `-${dateText(to)}` : ''} ${slotsText(e.slots)}`)
  }
  return rules.join('; ')
}

const DAY = '(?:Mo|Tu|We|Th|Fr|Sa|Su)'
const DAYS_RULE = new RegExp(`^(${DAY}(?:-${DAY})?(?:,${DAY}(?:-${DAY})?)*) (off|closed|\\S+)$`)
const DATE = '(\\d{4}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\\d{1,2})'
const DATE_RULE = new RegExp(`^${DATE}(?:-${DATE})? (off|closed|\\S+)$`)

function readSlots(text: string): TimeSlot[] | null {
  if (text === 'off' || text === 'closed') return []
  const slots: TimeSlot[] = []
  for (const part of text.split(',')) {
    const [a, b, ...rest] = part.split('-')
    const from = a === undefined ? null : normalizeTime(a)
    const to = b === undefined ? null : normalizeTime(b)
    if (rest.length || !from || !to || minutes(to) <= minutes(from)) return null
    slots.push({ from, to })
  }
  return slotsProblem(slots) ? null : slots
}

function isoDate(year: string, month: string, day: string): string | null {
  const m = MONTHS.indexOf(month as (typeof MONTHS)[number]) + 1
  const d = Number(day)
  const date = new Date(Date.UTC(Number(year), m - 1, d))
  if (date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null
  return `${year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}

/** The table for an OSM text, or null when the text says more than the table can hold (then edit the text). */
export function fromOpeningHours(text: string | null | undefined): EditableHours | null {
  const hours = emptyHours()
  const source = (text ?? '').trim()
  if (source === '') return hours
  // Holidays follow the usual hours unless a "PH" rule says otherwise.
  hours.holidays = 'usual'
  const rules = source
    .split(';')
    .map((r) =>
      r
        .trim()
        .replace(/\s*,\s*/g, ',')
        .replace(/\s+/g, ' '),
    )
    .filter(Boolean)
  for (const rule of rules) {
    if (rule === 'PH off' || rule === 'PH closed') {
      hours.holidays = 'closed'
      continue
    }
    const days = DAYS_RULE.exec(rule)
    if (days) {
      const slots = readSlots(days[2])
      if (!slots) return null
      // Later rules replace earlier ones for their days, as in OSM.
      for (const part of days[1].split(',')) {
        const [first, last] = part.split('-') as [WeekDay, WeekDay | undefined]
        const a = WEEK_DAYS.indexOf(first)
        const b = last ? WEEK_DAYS.indexOf(last) : a
        if (b < a) return null
        for (let i = a; i <= b; i++) hours.week[WEEK_DAYS[i]] = slots
      }
      continue
    }
    const date = DATE_RULE.exec(rule)
    if (date) {
      const from = isoDate(date[1], date[2], date[3])
      const to = date[4] ? isoDate(date[4], date[5], date[6]) : from
      const slots = readSlots(date[7])
      if (!from || !to || to < from || !slots) return null
      hours.exceptions.push({ from, to, slots })
      continue
    }
    return null
  }
  // Without a weekly opening the holidays have nothing to follow: the table's default.
  if (WEEK_DAYS.every((d) => hours.week[d].length === 0)) hours.holidays = 'closed'
  return hours
}
