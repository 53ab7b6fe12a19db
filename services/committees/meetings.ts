// Recording a committee meeting: the yearly report's indicators are computed and frozen into it, in the same
// transaction as the meeting (nothing half-written).
import type { Kysely } from 'kysely'
import { computeIndicators } from '../../db/governance/indicators.ts'
import { insertMeeting, type MeetingValues } from '../../db/committees/meetings.ts'
import type { Database } from '../../db/types.ts'

/** The yearly report a meeting reviews: the year before the meeting unless told. */
export function defaultReportYear(heldOn: string): number {
  return Number(heldOn.slice(0, 4)) - 1
}

export async function recordMeeting(
  db: Kysely<Database>,
  values: MeetingValues & { committee: string; held_on: string; report_year?: number },
  actor: string,
): Promise<string> {
  const reportYear = values.report_year ?? defaultReportYear(values.held_on)
  const currentYear = new Date().getUTCFullYear()
  // A year not yet over is reported as it stands today (the indicators' own rule).
  const indicators = await computeIndicators(db, 'fr', reportYear < currentYear ? reportYear : null)
  const snapshot = { taken_at: new Date().toISOString(), territory: 'fr', year: reportYear, indicators }
  return db.transaction().execute((trx) => insertMeeting(trx, { ...values, report_year: reportYear, report_snapshot: snapshot }, actor))
}
