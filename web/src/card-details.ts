// The lazily loaded part of the result cards and referral sheet: opening hours as a French sentence and
// phone numbers in national format (opening_hours and libphonenumber-js stay out of the first download).
import { describeHours } from '../../domain/opening-hours/french.ts'

export { formatPhone } from '../../domain/phone.ts'
export { describeHours }

/** One short paragraph for a card: the usual week, then any comment ("sur rendez-vous"). */
export function hoursSentence(horaires: string | null | undefined): string {
  const text = describeHours(horaires)
  return [text.sentence, ...text.comments.map((c) => `${c.charAt(0).toUpperCase()}${c.slice(1)}.`)].filter(Boolean).join(' ')
}
