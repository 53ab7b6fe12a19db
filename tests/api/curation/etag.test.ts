// The path an API client follows: GET a venue, send its ETag back as If-Match on PATCH; a stale one is 412.
import { beforeAll, expect, it } from 'vitest'
import { describeEachApp } from '../../helpers/databases.ts'
import { bearer, createPersonaKeys, type Persona } from './curation-fixtures.ts'

describeEachApp('GET ETag → PATCH If-Match', (ctx) => {
  let keys: Record<Persona, string | null>
  beforeAll(async () => {
    keys = await createPersonaKeys(ctx.database.db)
  })

  it('accepts the ETag of GET as If-Match, and refuses it once the venue has changed', async () => {
    const created = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/venues',
      headers: bearer(keys.admin),
      payload: {
        nom: 'EPN de Pessac',
        adresse: '1 place de la Ve République',
        code_postal: '33600',
        commune: 'Pessac',
        code_insee: '33318',
        latitude: 44.806,
        longitude: -0.631,
        services: ['Aide aux démarches administratives'],
      },
    })
    expect(created.statusCode).toBe(201)
    const id = created.json().id as string
    const read = await ctx.app.inject({ url: `/api/v1/venues/${id}` })
    const etag = read.headers.etag as string
    expect(etag).toMatch(new RegExp(`^"${id}-v1-`))
    const first = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/v1/venues/${id}`,
      headers: { ...bearer(keys.admin), 'if-match': etag },
      payload: { nom: 'EPN de Pessac centre' },
    })
    expect(first.statusCode).toBe(200)
    expect(first.json()).toMatchObject({ nom: 'EPN de Pessac centre', version: 2 })
    // A write answers the same ETag shape, so its tag chains into the next write.
    const chained = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/v1/venues/${id}`,
      headers: { ...bearer(keys.admin), 'if-match': first.headers.etag as string },
      payload: { telephone: '0556000000' },
    })
    expect(chained.statusCode).toBe(200)
    const stale = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/v1/venues/${id}`,
      headers: { ...bearer(keys.admin), 'if-match': etag },
      payload: { nom: 'Autre nom' },
    })
    expect(stale.statusCode).toBe(412)
    expect(stale.json()).toMatchObject({ current_version: 3 })
    const reread = await ctx.app.inject({ url: `/api/v1/venues/${id}`, headers: { 'if-none-match': etag } })
    expect(reread.statusCode).toBe(200)
    expect(reread.json().nom).toBe('EPN de Pessac centre')
  })
})
