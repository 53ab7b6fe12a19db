// After a statement fails, the next one gets its own answer. On the embedded database (PGlite in a worker
// thread, db/pglite-worker.js) a failing Execute made PGlite answer ReadyForQuery twice; pg then took the extra
// one as the end of the next statement and every later answer was shifted by one (a 409, then a 401 for a valid
// admin key in tests/api/labels/labels.test.ts).
import { expect, it } from 'vitest'
import { sql } from 'kysely'
import { insertLabel } from '../../db/labels/repository.ts'
import { describeEachDatabase } from '../helpers/databases.ts'

const label = (slug: string) => ({
  slug,
  nom: `Label ${slug}`,
  issuer: '',
  criteria: '',
  logo_url: null,
  default_validity_months: null,
  standard_field: null,
  standard_value: null,
})

describeEachDatabase('a failed statement does not answer for the next one', (ctx) => {
  const answers = async (from: number) => {
    for (let n = from; n < from + 3; n++) {
      const { rows } = await sql<{ n: number }>`SELECT ${n}::int AS n`.execute(ctx.database.db)
      expect(rows).toEqual([{ n }])
    }
  }

  it('after a unique violation', async () => {
    await insertLabel(ctx.database.db, label('doublon'), 'test')
    await expect(insertLabel(ctx.database.db, label('doublon'), 'test')).rejects.toMatchObject({ code: '23505' })
    await answers(1)
    const { rows } = await sql<{ slug: string }>`SELECT slug FROM labels WHERE slug = ${'doublon'}`.execute(ctx.database.db)
    expect(rows).toEqual([{ slug: 'doublon' }])
  })

  it('after a bad parameter, a syntax error and a failure inside a transaction', async () => {
    await expect(sql`SELECT ${'abc'}::int`.execute(ctx.database.db)).rejects.toMatchObject({ code: '22P02' })
    await answers(10)
    await expect(sql`SELEC 1`.execute(ctx.database.db)).rejects.toMatchObject({ code: '42601' })
    await answers(20)
    await expect(
      ctx.database.db.transaction().execute(async (trx) => {
        await insertLabel(trx, label('dans-transaction'), 'test')
        await insertLabel(trx, label('doublon'), 'test')
      }),
    ).rejects.toMatchObject({ code: '23505' })
    await answers(30)
    // The transaction rolled back as a whole.
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM labels WHERE slug = ${'dans-transaction'}`.execute(
      ctx.database.db,
    )
    expect(rows).toEqual([{ n: 0 }])
  })

  it('with failures and other statements in flight together', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) =>
        i % 3 === 0
          ? insertLabel(ctx.database.db, label('doublon'), 'test')
          : sql<{ n: number }>`SELECT ${i}::int AS n`.execute(ctx.database.db).then((r) => r.rows[0].n),
      ),
    )
    results.forEach((result, i) => {
      if (i % 3 === 0) expect(result).toMatchObject({ status: 'rejected', reason: { code: '23505' } })
      else expect(result).toEqual({ status: 'fulfilled', value: i })
    })
  })
})
