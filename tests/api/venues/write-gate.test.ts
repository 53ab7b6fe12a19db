// The write gate (db/write-gate.ts) seen from outside: the "Paris hijack" of issue 10 — a dep:33 key posting
// an import row whose (source, id) is a Paris venue, with a Bordeaux commune — is refused and writes nothing.
import { beforeAll, expect, it } from 'vitest'
import type { Kysely } from 'kysely'
import { createApiKey } from '../../../db/auth/api-keys.ts'
import type { Database } from '../../../db/types.ts'
import { describeEachApp } from '../../helpers/databases.ts'
import { bearer, createVenue } from '../curation/curation-fixtures.ts'

/** Everything an import could change, for the venues of one source: content, version, status, versions, audit. */
async function snapshot(db: Kysely<Database>) {
  const venues = await db.selectFrom('venues').selectAll().orderBy('id').execute()
  const versions = await db.selectFrom('venue_versions').select(['venue_id', 'version']).orderBy('venue_id').orderBy('version').execute()
  const submissions = await db.selectFrom('submissions').select('id').execute()
  return { venues: JSON.stringify(venues), versions: versions.length, submissions: submissions.length }
}

const hijackRow = (source: string, id: string) =>
  [
    'id,source,nom,adresse,code_postal,commune,code_insee,pivot,date_maj',
    `${id},${source},Lieu détourné,1 place Pey Berland,33000,Bordeaux,33063,00000000000000,2025-05-01`,
  ].join('\n')

describeEachApp('write gate', (ctx) => {
  let paris: { id: string; source: string; source_id: string }
  let girondeKey: string
  const post = (key: string, csv: string, query = '') =>
    ctx.app.inject({
      method: 'POST',
      url: `/api/v1/imports${query}`,
      headers: { ...bearer(key), 'content-type': 'text/csv' },
      payload: csv,
    })

  beforeAll(async () => {
    paris = await createVenue(ctx.database.db, {
      source: 'ville-de-paris',
      source_id: 'paris-42',
      nom: 'EPN Paris Centre',
      commune: 'Paris',
      code_postal: '75001',
      code_insee: '75101',
      latitude: 48.862,
      longitude: 2.336,
      courriels: ['epn@paris.fr'],
      horaires: 'Mo-Sa 10:00-18:00',
    })
    girondeKey = (
      await createApiKey(ctx.database.db, { name: 'Gironde (détournement)', role: 'authority', territories: ['dep:33'], createdBy: 'test' })
    ).key
  })
  const key = async (role: 'authority' | 'curator', sources: string[]) =>
    (
      await createApiKey(ctx.database.db, {
        name: `${role} ${sources.join('+') || 'sans source'}`,
        role,
        territories: ['dep:33'],
        sources,
        createdBy: 'test',
      })
    ).key
  async function expectRowRefused(res: { statusCode: number; json(): any }, field: string, message: RegExp) {
    expect(res.statusCode).toBe(422)
    expect(res.json()).toMatchObject({ status: 'rejected', totals: { rows: 1, rejected: 1, created: 0, updated: 0 } })
    expect(res.json().rows[0]).toMatchObject({ row: 2, outcome: 'rejected', errors: [{ field, message: expect.stringMatching(message) }] })
  }

  it('refuses the Paris hijack: a dep:33 key importing a row matching a Paris venue changes nothing', async () => {
    const before = await snapshot(ctx.database.db)
    const res = await post(girondeKey, hijackRow(paris.source, paris.source_id))
    expect([403, 422]).toContain(res.statusCode)
    expect(await snapshot(ctx.database.db)).toEqual(before)
    const stored = await ctx.database.db
      .selectFrom('venues')
      .select(['nom', 'code_insee', 'departement', 'status', 'version'])
      .where('id', '=', paris.id)
      .executeTakeFirstOrThrow()
    expect(stored).toEqual({ nom: 'EPN Paris Centre', code_insee: '75101', departement: '75', status: 'published', version: 1 })
  })

  it('tells an authority key bound to no source that it cannot import (403, French), before reading the file', async () => {
    const res = await post(girondeKey, hijackRow('cd33', 'nouveau-1'))
    expect(res.statusCode).toBe(403)
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/)
    expect(res.json()).toMatchObject({
      status: 403,
      detail: expect.stringMatching(/liée à aucune source.*--source/),
      errors: [{ field: 'source' }],
    })
  })

  it('rejects, with its line number, a row of another source and a row matching a venue stored outside', async () => {
    const before = await snapshot(ctx.database.db)
    // A key bound to its own source naming Paris's rows: another source.
    await expectRowRefused(
      await post(await key('authority', ['cd33']), hijackRow(paris.source, paris.source_id)),
      'source',
      /« ville-de-paris » n’est pas celle de votre clé \(cd33\)/,
    )
    // The same through ?source=: every row takes that source, and is refused.
    await expectRowRefused(
      await post(await key('authority', ['cd33']), hijackRow('cd33', paris.source_id), '?source=ville-de-paris'),
      'source',
      /n’est pas celle de votre clé/,
    )
    // Even a key bound to Paris's source name (a mistake at creation) cannot reach a venue stored outside its territory.
    await expectRowRefused(
      await post(await key('authority', [paris.source]), hijackRow(paris.source, paris.source_id)),
      'code_insee',
      /enregistré \(département 75\) est hors de votre territoire \(dep:33\)/,
    )
    // Nor can a curator of dep:33, whose imports are otherwise published.
    await expectRowRefused(
      await post(await key('curator', []), hijackRow(paris.source, paris.source_id)),
      'code_insee',
      /enregistré \(département 75\)/,
    )
    // Dry run says the same and writes nothing either.
    const dry = await post(await key('curator', []), hijackRow(paris.source, paris.source_id), '?dry_run=true')
    expect(dry.json()).toMatchObject({ status: 'dry_run', totals: { rejected: 1 } })
    expect(await snapshot(ctx.database.db)).toEqual(before)
  })

  it('refuses a REST create naming the (source, id) of a venue stored outside, instead of revealing it with a 409', async () => {
    const before = await snapshot(ctx.database.db)
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/venues',
      headers: bearer(await key('curator', [])),
      payload: {
        source: paris.source,
        id: paris.source_id,
        nom: 'Lieu détourné',
        adresse: '1 place Pey Berland',
        code_postal: '33000',
        commune: 'Bordeaux',
        code_insee: '33063',
      },
    })
    expect(res.statusCode).toBe(403)
    expect(res.json().errors).toEqual([{ field: 'code_insee', message: expect.stringMatching(/département 75/) }])
    expect(await snapshot(ctx.database.db)).toEqual(before)
  })

  it('publishes an admin’s import of the same row (the gate bounds others, not the administration)', async () => {
    const admin = (await createApiKey(ctx.database.db, { name: 'admin', role: 'admin', territories: [], createdBy: 'test' })).key
    const res = await post(admin, hijackRow(paris.source, paris.source_id))
    expect(res.statusCode).toBe(201)
    expect(res.json().rows[0]).toMatchObject({ outcome: 'updated', venue_id: paris.id })
  })
})
