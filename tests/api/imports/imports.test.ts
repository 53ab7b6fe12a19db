// POST /api/v1/imports: the command's importer over HTTP, with dry runs, per-row reports and territory checks.
import { beforeAll, expect, it } from 'vitest'
import { describeEachApp } from '../../helpers/databases.ts'
import { bearer, createPersonaKeys, type Persona } from '../curation/curation-fixtures.ts'

const FILE = [
  'id,nom,adresse,code_postal,commune,code_insee,pivot,date_maj,services',
  'cd33-1,Médiathèque Flora Tristan,1 rue de Cursol,33000,Bordeaux,33063,00000000000000,2025-05-01,Aide aux démarches administratives',
  'cd33-2,Espace numérique de Lyon,10 rue de la République,69001,Lyon,69381,00000000000000,2025-05-01,',
].join('\n')

describeEachApp('imports over HTTP', (ctx) => {
  let keys: Record<Persona, string | null>
  const post = (
    persona: Persona,
    query: string,
    payload: string | Buffer,
    headers: Record<string, string> = { 'content-type': 'text/csv' },
  ) => ctx.app.inject({ method: 'POST', url: `/api/v1/imports${query}`, headers: { ...bearer(keys[persona]), ...headers }, payload })
  beforeAll(async () => {
    keys = await createPersonaKeys(ctx.database.db)
  })

  it(
    'rejects rows outside the key’s territory with that reason, all-or-nothing unless partial; an authority’s rows ' + 'go to moderation',
    async () => {
      const dry = await post('authorityOwn', '?dry_run=true', FILE)
      expect(dry.statusCode).toBe(200)
      expect(dry.json()).toMatchObject({ status: 'dry_run', source: 'Gironde numérique', totals: { rows: 2, created: 1, rejected: 1 } })
      expect(dry.json().rows[1]).toMatchObject({
        row: 3,
        errors: [{ field: 'code_insee', message: expect.stringMatching(/hors de votre territoire \(dep:33\)/) }],
      })
      const all = await post('authorityOwn', '', FILE)
      expect(all.statusCode).toBe(422)
      expect(await ctx.database.db.selectFrom('venues').select('id').where('source', '=', 'Gironde numérique').execute()).toEqual([])
      expect(await ctx.database.db.selectFrom('submissions').select('id').execute()).toEqual([])
      // Partial: the valid row becomes a submission (202), nothing is published until a curator approves it.
      const partial = await post('authorityOwn', '?partial=true', FILE)
      expect(partial.statusCode).toBe(202)
      expect(partial.json()).toMatchObject({ status: 'submitted', totals: { created: 1, rejected: 1 } })
      const submissionId = partial.json().rows[0].submission_id as string
      expect(submissionId).toMatch(/^[0-9a-f-]{36}$/)
      expect(await ctx.database.db.selectFrom('venues').select('id').where('source', '=', 'Gironde numérique').execute()).toEqual([])
      const report = await ctx.app.inject({ url: partial.headers.location as string, headers: bearer(keys.authorityOwn) })
      expect(report.json()).toMatchObject({ id: partial.json().id, status: 'submitted', totals: { created: 1, rejected: 1 } })
      expect((await ctx.app.inject({ url: partial.headers.location as string, headers: bearer(keys.authorityOther) })).statusCode).toBe(404)
      // The author follows its proposal; a curator of the territory approves it, with its diff.
      const own = await ctx.app.inject({ url: `/api/v1/submissions/${submissionId}`, headers: bearer(keys.authorityOwn) })
      expect(own.json()).toMatchObject({ kind: 'create', status: 'pending', message: expect.stringContaining('ligne 2') })
      const approved = await ctx.app.inject({
        method: 'POST',
        url: `/api/v1/submissions/${submissionId}/approve`,
        headers: bearer(keys.curatorOwn),
        payload: {},
      })
      expect(approved.statusCode).toBe(200)
      const venues = await ctx.database.db
        .selectFrom('venues')
        .select(['id', 'nom', 'source_id', 'status'])
        .where('source', '=', 'Gironde numérique')
        .execute()
      expect(venues).toMatchObject([{ nom: 'Médiathèque Flora Tristan', source_id: 'cd33-1', status: 'published' }])
      const versions = await ctx.database.db
        .selectFrom('venue_versions')
        .select('changed_by')
        .where('venue_id', '=', venues[0].id)
        .execute()
      expect(versions).toEqual([{ changed_by: 'clé:Curateur Nouvelle-Aquitaine (proposé par clé:Gironde numérique)' }])
    },
  )

  it('accepts multipart uploads and JSON, and lets an admin import anywhere', async () => {
    const boundary = '----maillage'
    const body = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="lieux.csv"\r\nContent-Type: ` +
        `text/csv\r\n\r\n${FILE}\r\n--${boundary}--\r\n`,
    )
    const res = await post('admin', '?source=national', body, { 'content-type': `multipart/form-data; boundary=${boundary}` })
    expect(res.statusCode).toBe(201)
    expect(res.json().totals).toMatchObject({ created: 2, rejected: 0 })
    const json = JSON.stringify([
      {
        id: 'j-1',
        nom: 'Point numérique',
        adresse: '3 quai Richelieu',
        code_postal: '33000',
        commune: 'Bordeaux',
        pivot: '00000000000000',
        date_maj: '2025-04-01',
      },
    ])
    const fromJson = await post('curatorOwn', '?source=json33', json, { 'content-type': 'application/json' })
    expect(fromJson.statusCode).toBe(201)
    expect(fromJson.json()).toMatchObject({ format: 'v1', totals: { created: 1 } })
    expect((await post('anonymous', '', FILE)).statusCode).toBe(401)
  })
})
