// Recording a committee meeting: the yearly report's indicators as they stood at the meeting date are computed and
// frozen into it, in the same transaction as the meeting (nothing half-written).
import type { Kysely } from 'kysely'
import { computeIndicators, computeIndicatorsOn } from '../../db/governance/indicators.ts'
import { insertMeeting, type MeetingValues } from '../../db/committees/meetings.ts'
import type { Database } from '../../db/types.ts'
import { SNAPSHOT_NOT_AS_OF } from '../../domain/committees.ts'
import { todayInParis } from '../../domain/time.ts'

/** The yearly report a meeting reviews: the year before the meeting unless told. */
export function defaultReportYear(heldOn: string): number {
  return Number(heldOn.slice(0, 4)) - 1
}

/**
 * The report frozen into a meeting: the state at the end of the meeting day, rebuilt from history when that day is
 * past; a meeting recorded on its day or ahead of it gets today's figures (nothing after today is known), and
 * `as_of` says which day the figures are at. `not_as_of` lists what history cannot rebuild.
 */
export async function reportSnapshot(db: Kysely<Database>, heldOn: string, reportYear: number) {
  const today = todayInParis()
  const past = heldOn < today
  const indicators = past ? await computeIndicatorsOn(db, 'fr', heldOn, reportYear) : await computeIndicators(db, 'fr', null)
  return {
    taken_at: new Date().toISOString(),
    as_of: past ? heldOn : today,
    basis: past ? 'meeting_date' : heldOn === today ? 'meeting_day' : 'before_meeting',
    not_as_of: past ? SNAPSHOT_NOT_AS_OF : [],
    territory: 'fr',
    year: reportYear,
    indicators,
  }
}

export async function recordMeeting(
  db: Kysely<Database>,
  values: MeetingValues & { committee: string; held_on: string; report_year?: number },
  actor: string,
): Promise<string> {
  const reportYear = values.report_year ?? defaultReportYear(values.held_on)
  const snapshot = await reportSnapshot(db, values.held_on, reportYear)
  return db.transaction().execute((trx) => insertMeeting(trx, { ...values, report_year: reportYear, report_snapshot: snapshot }, actor))
}
