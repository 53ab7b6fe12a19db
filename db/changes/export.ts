// `maillage export --since CURSOR`: only what changed after a cursor, as one JSON document a mirror applies.
import type { Kysely } from 'kysely'
import type { Database } from '../types.ts'
import { readChanges } from './feed.ts'

const PAGE = 1000

/** `{ since, next_cursor, changes: [...] }`, streamed page by page (same change objects as GET /api/v1/changes). */
export async function* changesSince(db: Kysely<Database>, since: bigint): AsyncGenerator<string> {
  let cursor = since
  let first = true
  yield `{"since":"${since}","changes":[`
  for (;;) {
    const page = await readChanges(db, cursor, PAGE)
    for (const change of page.changes) {
      yield (first ? '\n' : ',\n') + JSON.stringify(change)
      first = false
    }
    cursor = BigInt(page.next_cursor)
    if (!page.has_more) break
  }
  yield `\n],"next_cursor":"${cursor}"}\n`
}
