// Venue history as an authority key sees it: curators and admins appear by role and territory, never by
// e-mail (least exposure: a key holder needs to know a curator acted, not how to reach them).
import type { Kysely } from 'kysely'
import { rolesByEmail } from '../../db/auth/users.ts'
import type { Database } from '../../db/types.ts'

const USER_LABEL = /^utilisateur:(.+)$/
const ROLE_NAMES: Record<string, string> = { admin: 'administrateur', curator: 'curateur', authority: 'collectivité' }

export async function hideAccountEmails<T extends { changed_by: string; reason: string }>(db: Kysely<Database>, items: T[]): Promise<T[]> {
  const emails = [...new Set(items.map((i) => USER_LABEL.exec(i.changed_by)?.[1]).filter((e): e is string => !!e))]
  const accounts = await rolesByEmail(db, emails)
  const describe = (email: string) => {
    const account = accounts.get(email.toLowerCase())
    if (!account) return 'compte'
    const name = ROLE_NAMES[account.role] ?? account.role
    return account.role === 'admin' || account.territories.length === 0 ? name : `${name} (${account.territories.join(', ')})`
  }
  const scrub = (text: string) =>
    text.replace(/utilisateur:[^\s,;()]+@[^\s,;()]+/g, (label) => describe(label.slice('utilisateur:'.length)))
  return items.map((item) => {
    const email = USER_LABEL.exec(item.changed_by)?.[1]
    return { ...item, changed_by: email ? describe(email) : item.changed_by, reason: scrub(item.reason) }
  })
}
