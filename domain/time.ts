// Dates as people in France read them: the calendar day in Paris, whatever the server's time zone.
export const PARIS_TIME_ZONE = 'Europe/Paris'

/** Today's date in Paris as YYYY-MM-DD. */
export function todayInParis(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: PARIS_TIME_ZONE }).format(now)
}
