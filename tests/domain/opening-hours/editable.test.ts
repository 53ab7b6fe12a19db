// The venue editor's hours table ↔ OSM opening_hours text: every table gives a text the OSM library reads
// without warning, that reads back into the same table, and whose opening times are the table's.
import fc from 'fast-check'
import OpeningHours from 'opening_hours'
import { describe, expect, it } from 'vitest'
import {
  emptyHours,
  fromOpeningHours,
  slotsProblem,
  toOpeningHours,
  WEEK_DAYS,
  type EditableHours,
  type TimeSlot,
} from '../../../domain/opening-hours/editable.ts'
import { describeHours } from '../../../domain/opening-hours/french.ts'
import { FRANCE } from '../../../domain/opening-hours/parse.ts'

const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`
/** Up to three non-overlapping slots on a 15-minute grid. */
const slots = fc
  .uniqueArray(fc.integer({ min: 0, max: 96 }), { minLength: 0, maxLength: 6 })
  .map((points) => [...points].sort((a, b) => a - b))
  .map((points) => {
    const out: TimeSlot[] = []
    for (let i = 0; i + 1 < points.length; i += 2) out.push({ from: hhmm(points[i] * 15), to: hhmm(points[i + 1] * 15) })
    return out
  })
// Future dates only: the OSM library warns about a date already past (the editor drops past exceptions).
const isoDay = fc.integer({ min: 2, max: 700 }).map((n) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10))
const table: fc.Arbitrary<EditableHours> = fc.record({
  week: fc.record(Object.fromEntries(WEEK_DAYS.map((d) => [d, slots])) as Record<(typeof WEEK_DAYS)[number], typeof slots>),
  holidays: fc.constantFrom('closed' as const, 'usual' as const),
  exceptions: fc.array(
    fc.record({ from: isoDay, length: fc.integer({ min: 0, max: 20 }), slots }).map(({ from, length, slots }) => ({
      from,
      to: new Date(Date.parse(from) + length * 86_400_000).toISOString().slice(0, 10),
      slots,
    })),
    { maxLength: 3 },
  ),
})
/** What the table means once written: "PH off" is only written when some day opens. */
function meaning(hours: EditableHours): EditableHours {
  const open = WEEK_DAYS.some((d) => hours.week[d].length > 0)
  return {
    week: hours.week,
    holidays: open ? hours.holidays : 'closed',
    exceptions: [...hours.exceptions].sort((a, b) => a.from.localeCompare(b.from)),
  }
}

describe('editable opening hours', () => {
  it('writes the usual shapes as people read them', () => {
    const hours = emptyHours()
    for (const d of ['Mo', 'Tu', 'We', 'Th', 'Fr'] as const)
      hours.week[d] = [
        { from: '14:00', to: '17:30' },
        { from: '9:00', to: '12:00' },
      ]
    hours.week.Sa = [{ from: '10:00', to: '12:00' }]
    hours.exceptions = [{ from: '2026-12-24', to: '2026-12-31', slots: [] }]
    expect(toOpeningHours(hours)).toBe('Mo-Fr 09:00-12:00,14:00-17:30; Sa 10:00-12:00; PH off; 2026 Dec 24-2026 Dec 31 off')
    hours.week.We = []
    expect(toOpeningHours(hours)).toBe('Mo,Tu,Th,Fr 09:00-12:00,14:00-17:30; Sa 10:00-12:00; PH off; 2026 Dec 24-2026 Dec 31 off')
    expect(toOpeningHours(emptyHours())).toBe('')
  })

  it('reads plain texts back, and refuses what the table cannot hold', () => {
    expect(fromOpeningHours('Mo-Fr 09:00-12:00, 14:00-17:00; We off; PH off')).toEqual({
      week: {
        Mo: [
          { from: '09:00', to: '12:00' },
          { from: '14:00', to: '17:00' },
        ],
        Tu: [
          { from: '09:00', to: '12:00' },
          { from: '14:00', to: '17:00' },
        ],
        We: [],
        Th: [
          { from: '09:00', to: '12:00' },
          { from: '14:00', to: '17:00' },
        ],
        Fr: [
          { from: '09:00', to: '12:00' },
          { from: '14:00', to: '17:00' },
        ],
        Sa: [],
        Su: [],
      },
      holidays: 'closed',
      exceptions: [],
    })
    expect(fromOpeningHours('Mo 09:00-12:00')?.holidays).toBe('usual')
    for (const rich of ['24/7', 'Mo-Fr 09:00-12:00 "sur rendez-vous"', 'Aug off', 'Mo-Fr 09:00-12:00; 2026 Feb 30 off', 'Mo 12:00-09:00'])
      expect(fromOpeningHours(rich), rich).toBeNull()
  })

  it('says what is wrong with slots', () => {
    expect(slotsProblem([{ from: '12:00', to: '09:00' }])).toMatch(/avant de commencer/)
    expect(
      slotsProblem([
        { from: '09:00', to: '12:00' },
        { from: '11:00', to: '13:00' },
      ]),
    ).toMatch(/chevauchent/)
    expect(slotsProblem([{ from: '', to: '12:00' }])).toMatch(/invalide/)
    expect(slotsProblem([{ from: '09:00', to: '24:00' }])).toBeNull()
  })

  it('round-trips any table: valid OSM without warning, read back the same, open exactly in its slots', () => {
    fc.assert(
      fc.property(table, (hours) => {
        const text = toOpeningHours(hours)
        expect(fromOpeningHours(text)).toEqual(text === '' ? emptyHours() : meaning(hours))
        if (text === '') return
        const oh = new OpeningHours(text, FRANCE)
        expect(oh.getWarnings()).toEqual([])
        // An ordinary Monday (8 January 2029) that no exception of the table touches is open exactly in Monday's slots.
        const monday = new Date(2029, 0, 8)
        if (hours.exceptions.some((e) => e.from <= '2029-01-08' && e.to >= '2029-01-08')) return
        const intervals = oh
          .getOpenIntervals(monday, new Date(2029, 0, 9))
          .map(
            ([a, b]) =>
              `${hhmm(a.getHours() * 60 + a.getMinutes())}-${b.getDate() === 9 ? '24:00' : hhmm(b.getHours() * 60 + b.getMinutes())}`,
          )
        const merged = [...hours.week.Mo]
          .sort((a, b) => a.from.localeCompare(b.from))
          .reduce<string[]>((acc, s) => {
            // Adjacent slots (09:00-12:00, 12:00-14:00) are one opening for the library.
            const last = acc[acc.length - 1]
            if (last?.endsWith(`-${s.from}`)) acc[acc.length - 1] = `${last.split('-')[0]}-${s.to}`
            else acc.push(`${s.from}-${s.to}`)
            return acc
          }, [])
        expect(intervals).toEqual(merged)
      }),
      { numRuns: 300 },
    )
  })

  it('renders the written text in French the same way once read back', () => {
    const hours = fromOpeningHours('Mo-Fr 09:00-12:00,14:00-17:00; Sa 10:00-12:00; PH off')!
    const text = toOpeningHours(hours)
    expect(describeHours(text).sentence).toBe(describeHours('Mo-Fr 09:00-12:00,14:00-17:00; Sa 10:00-12:00; PH off').sentence)
    expect(describeHours(text).sentence).toMatch(
      /^Ouvert du lundi au vendredi de 9 h à 12 h et de 14 h à 17 h ; le samedi de 10 h à 12 h\./,
    )
  })
})
