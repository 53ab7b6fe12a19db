// Right after a bulk write (import, restore), the planner has statistics: the nearest-N query of `near=`
// walks the geography GiST index instead of sorting every venue (issue 11, item 1), on both databases.
import { PassThrough } from 'node:stream'
import { sql, type Kysely } from 'kysely'
import { expect, it } from 'vitest'
import { fullExport } from '../../../db/backup/export.ts'
import { restoreFull } from '../../../db/backup/restore.ts'
import { importFile } from '../../../db/import/importer.ts'
import { parseFilterParams } from '../../../db/search/filters.ts'
import { firstNearK, nearPageQuery } from '../../../db/search/query.ts'
import type { Database } from '../../../db/types.ts'
import { rowsToCsv, synthesizeRows } from '../../../test-support/synthesize.ts'
import { createTestDatabase, describeEachDatabase } from '../../helpers/databases.ts'

const ROWS = 2000

/** The plan PostgreSQL picks for `GET /api/v1/venues?near=…&limit=20`, as text. */
async function nearPlan(db: Kysely<Database>): Promise<string> {
  const { filter } = parseFilterParams({ near: '44.84,-0.58' })
  const compiled = nearPageQuery(db, filter, 20, firstNearK(filter, 20), null).compile()
  const { rows } = await db.executeQuery<{ 'QUERY PLAN': string }>({ ...compiled, sql: `EXPLAIN ${compiled.sql}` })
  return rows.map((r) => r['QUERY PLAN']).join('\n')
}

describeEachDatabase('statistics after bulk writes', (ctx) => {
  it('an import of a few thousand rows leaves a plan that walks the geography GiST index', async () => {
    const report = await importFile(ctx.database.db, rowsToCsv(synthesizeRows(ROWS)), { fileName: 'bulk.csv', actor: 'test' })
    expect(report.totals).toMatchObject({ rows: ROWS, created: ROWS, rejected: 0 })
    const plan = await nearPlan(ctx.database.db)
    expect(plan, plan).toMatch(/venues_geog_idx/)
  }, 240_000)

  it('a restore leaves the same plan', async () => {
    const target = await createTestDatabase(ctx.kind)
    try {
      let text = ''
      for await (const chunk of fullExport(ctx.database.db)) text += chunk
      const input = new PassThrough()
      input.end(text)
      await restoreFull(target.db, input)
      const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM venues`.execute(target.db)
      expect(rows[0].n).toBeGreaterThanOrEqual(ROWS)
      const plan = await nearPlan(target.db)
      expect(plan, plan).toMatch(/venues_geog_idx/)
    } finally {
      await target.drop()
    }
  }, 240_000)
})
