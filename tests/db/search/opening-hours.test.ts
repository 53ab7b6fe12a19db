// open_at in Europe/Paris: exact across both daylight-saving changes and on French public holidays.
import { describe, expect, it } from 'vitest'
import { isOpenAt, nextOpening, parseOpenAt } from '../../../db/search/opening-hours.ts'

const SUNDAY_MORNING = 'Su 08:00-12:00'
const WEEKDAYS_NO_HOLIDAYS = 'Mo-Fr 09:00-12:00; PH off'
const WEEKDAYS = 'Mo-Fr 09:00-12:00'

describe('isOpenAt', () => {
  it('last Sunday of March 2026 (29th, 02:00 CET → 03:00 CEST): UTC+2 from 01:00 UTC', () => {
    expect(isOpenAt(SUNDAY_MORNING, new Date('2026-03-29T05:59:00Z'))).toBe(false) // 07:59 CEST
    expect(isOpenAt(SUNDAY_MORNING, new Date('2026-03-29T06:00:00Z'))).toBe(true) // 08:00 CEST
    expect(isOpenAt(SUNDAY_MORNING, new Date('2026-03-29T09:59:00Z'))).toBe(true) // 11:59 CEST
    expect(isOpenAt(SUNDAY_MORNING, new Date('2026-03-29T10:00:00Z'))).toBe(false) // 12:00 CEST
    expect(isOpenAt('Su 02:00-03:00', new Date('2026-03-29T00:59:00Z'))).toBe(false) // 01:59 CET
    expect(isOpenAt('Su 03:00-04:00', new Date('2026-03-29T01:00:00Z'))).toBe(true) // 03:00 CEST, right after the jump
  })

  it('last Sunday of October 2026 (25th, 03:00 CEST → 02:00 CET): UTC+1 from 01:00 UTC', () => {
    expect(isOpenAt(SUNDAY_MORNING, new Date('2026-10-25T06:59:00Z'))).toBe(false) // 07:59 CET
    expect(isOpenAt(SUNDAY_MORNING, new Date('2026-10-25T07:00:00Z'))).toBe(true) // 08:00 CET
    expect(isOpenAt(SUNDAY_MORNING, new Date('2026-10-25T10:59:00Z'))).toBe(true) // 11:59 CET
    expect(isOpenAt(SUNDAY_MORNING, new Date('2026-10-25T11:00:00Z'))).toBe(false) // 12:00 CET
    // 02:30 happens twice that night: both are inside "Su 02:00-03:00".
    expect(isOpenAt('Su 02:00-03:00', new Date('2026-10-25T00:30:00Z'))).toBe(true)
    expect(isOpenAt('Su 02:00-03:00', new Date('2026-10-25T01:30:00Z'))).toBe(true)
    expect(isOpenAt('Su 02:00-03:00', new Date('2026-10-25T02:30:00Z'))).toBe(false) // 03:30 CET
  })

  it('14 July is a public holiday: `PH off` closes, a plain weekday rule does not', () => {
    const bastille = new Date('2026-07-14T08:00:00Z') // Tuesday 10:00 CEST
    expect(isOpenAt(WEEKDAYS_NO_HOLIDAYS, bastille)).toBe(false)
    expect(isOpenAt(WEEKDAYS, bastille)).toBe(true)
    expect(isOpenAt(WEEKDAYS_NO_HOLIDAYS, new Date('2026-07-15T08:00:00Z'))).toBe(true)
    expect(isOpenAt('PH 10:00-12:00', bastille)).toBe(true)
    expect(isOpenAt('PH 10:00-12:00', new Date('2026-07-15T08:00:00Z'))).toBe(false)
    // Christmas, 1 May and Whit Monday 2026 (25 May) too.
    expect(isOpenAt(WEEKDAYS_NO_HOLIDAYS, new Date('2026-12-25T09:00:00Z'))).toBe(false)
    expect(isOpenAt(WEEKDAYS_NO_HOLIDAYS, new Date('2026-05-01T08:00:00Z'))).toBe(false)
    expect(isOpenAt(WEEKDAYS_NO_HOLIDAYS, new Date('2026-05-25T08:00:00Z'))).toBe(false)
  })

  it('no or unreadable hours are never open', () => {
    expect(isOpenAt(null, new Date())).toBe(false)
    expect(isOpenAt('', new Date())).toBe(false)
    expect(isOpenAt('ouvert le mardi', new Date())).toBe(false)
  })
})

describe('nextOpening', () => {
  it('skips 14 July when closed on public holidays', () => {
    expect(nextOpening(WEEKDAYS_NO_HOLIDAYS, new Date('2026-07-13T10:30:00Z'))?.toISOString()).toBe('2026-07-15T07:00:00.000Z')
    expect(nextOpening(WEEKDAYS, new Date('2026-07-13T10:30:00Z'))?.toISOString()).toBe('2026-07-14T07:00:00.000Z')
  })
  it('lands on the right instant across both DST changes', () => {
    expect(nextOpening(SUNDAY_MORNING, new Date('2026-03-28T12:00:00Z'))?.toISOString()).toBe('2026-03-29T06:00:00.000Z')
    expect(nextOpening(SUNDAY_MORNING, new Date('2026-10-24T12:00:00Z'))?.toISOString()).toBe('2026-10-25T07:00:00.000Z')
  })
  it('is null for always-open and never-open hours', () => {
    expect(nextOpening('24/7', new Date('2026-07-13T10:30:00Z'))).toBeNull()
    expect(nextOpening('off', new Date('2026-07-13T10:30:00Z'))).toBeNull()
  })
})

describe('parseOpenAt', () => {
  it('reads a date-time without offset as Paris wall time, in winter and summer', () => {
    expect(parseOpenAt('2026-07-14T10:00')?.toISOString()).toBe('2026-07-14T08:00:00.000Z')
    expect(parseOpenAt('2026-12-25T10:00:00')?.toISOString()).toBe('2026-12-25T09:00:00.000Z')
    expect(parseOpenAt('2026-10-25T02:30')?.toISOString()).toBe('2026-10-25T00:30:00.000Z') // first of the two
    expect(parseOpenAt('2026-03-29T06:30:00Z')?.toISOString()).toBe('2026-03-29T06:30:00.000Z')
    expect(parseOpenAt('2026-03-29T08:30:00+02:00')?.toISOString()).toBe('2026-03-29T06:30:00.000Z')
    expect(parseOpenAt('now', new Date('2026-01-01T00:00:00Z'))?.toISOString()).toBe('2026-01-01T00:00:00.000Z')
    expect(parseOpenAt('demain')).toBeNull()
    expect(parseOpenAt('2026-02-30T10:00')).toBeNull()
  })
})
