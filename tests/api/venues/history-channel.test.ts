// Venue history says who changed what through which channel (issue 14, item 6): the admin interface (a
// session), the API (the key's name), an import (the file's name), a duplicate merge — stored with each version.
import { beforeAll, expect, it } from 'vitest'
import { hashPassword } from '../../../db/auth/users.ts'
import { channelLabel, channelOf } from '../../../domain/change-channel.ts'
import { describeEachApp } from '../../helpers/databases.ts'
import { bearer, createPersonaKeys, createVenue, type Persona } from '../curation/curation-fixtures.ts'

interface Version {
  version: number
  changed_by: string
  reason: string
  channel: string
  channel_detail: string | null
  channel_label: string
}

it('infers the channel of versions written before channels were stored, from who and why', () => {
  const label = (changed_by: string, reason: string) => channelLabel(channelOf({ changed_by, reason }))
  expect(label('clé:Gironde numérique', 'modification par l’API')).toBe('API, clé « Gironde numérique »')
  expect(label('utilisateur:a@b.fr', 'modification par l’API')).toBe('interface d’administration')
  expect(label('moissonnage:hinaura', 'synchronisation hinaura')).toBe('moissonnage de la source « hinaura »')
  expect(label('clé:Gironde', 'synchronisation gironde')).toBe('synchronisation du jeu de données « gironde »')
  expect(label('utilisateur:a@b.fr (proposé par clé:X)', 'proposition 12 approuvée')).toBe('proposition n° 12 approuvée en modération')
  expect(label('utilisateur:a@b.fr', 'fusionné dans 1234 (doublon n° 7)')).toBe('fusion de doublons (paire n° 7)')
  expect(label('seed', 'import hinaura')).toBe('import d’un fichier')
  expect(channelOf({ changed_by: 'x', reason: 'y', channel: 'import', channel_detail: 'lieux.csv' })).toEqual({
    kind: 'import',
    detail: 'lieux.csv',
  })
})

describeEachApp('venue history: who, through which channel', (ctx) => {
  let keys: Record<Persona, string | null>
  const as = (p: Persona) => bearer(keys[p])
  const history = async (id: string) =>
    (await ctx.app.inject({ url: `/api/v1/venues/${id}/history`, headers: as('admin') })).json().items as Version[]
  beforeAll(async () => {
    keys = await createPersonaKeys(ctx.database.db)
    await ctx.database.db
      .insertInto('users')
      .values({
        email: 'canal@example.fr',
        password_hash: await hashPassword('mot-de-passe-solide'),
        role: 'curator',
        territories: ['dep:33'],
      })
      .execute()
  })

  it('names the API key, the interface session and the imported file', async () => {
    const venue = await createVenue(ctx.database.db, { nom: 'Médiathèque du canal' })
    const byKey = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/v1/venues/${venue.id}`,
      headers: { ...as('curatorOwn'), 'if-match': `"${venue.id}-v1"` },
      payload: { telephone: '0556111111' },
    })
    expect(byKey.statusCode).toBe(200)

    const login = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'canal@example.fr', password: 'mot-de-passe-solide' },
    })
    const cookie = String([login.headers['set-cookie']].flat().find((c) => String(c).startsWith('maillage_session='))).split(';')[0]
    const bySession = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/v1/venues/${venue.id}`,
      headers: { cookie, 'x-csrf-token': login.json().csrf_token, 'if-match': `"${venue.id}-v2"` },
      payload: { telephone: '0556222222' },
    })
    expect(bySession.statusCode).toBe(200)

    const [session, key] = await history(venue.id)
    expect(key).toMatchObject({
      changed_by: 'clé:Curateur Nouvelle-Aquitaine',
      channel: 'api',
      channel_detail: 'Curateur Nouvelle-Aquitaine',
      channel_label: 'API, clé « Curateur Nouvelle-Aquitaine »',
      reason: 'modification par l’API',
    })
    expect(session).toMatchObject({
      changed_by: 'utilisateur:canal@example.fr',
      channel: 'interface',
      channel_label: 'interface d’administration',
      reason: 'modification dans l’interface',
    })

    const csv =
      'id,nom,adresse,code_postal,commune,code_insee,latitude,longitude,pivot,date_maj\ncanal-1,Lieu importé,1 rue ' +
      'du Test,33000,Bordeaux,33063,44.84,-0.58,00000000000000,2025-05-01'
    const imported = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/imports?source=canal&file_name=lieux-gironde.csv',
      headers: { ...as('admin'), 'content-type': 'text/csv' },
      payload: csv,
    })
    expect(imported.statusCode).toBe(201)
    const row = await ctx.database.db.selectFrom('venues').select('id').where('source', '=', 'canal').executeTakeFirstOrThrow()
    expect((await history(row.id))[0]).toMatchObject({
      changed_by: 'clé:Administration',
      channel: 'import',
      channel_detail: 'lieux-gironde.csv',
      channel_label: 'import du fichier « lieux-gironde.csv »',
    })
  })

  it('marks both sides of a merge', async () => {
    const a = await createVenue(ctx.database.db, { nom: 'Espace numérique de la gare', latitude: 44.8261, longitude: -0.5559 })
    const b = await createVenue(ctx.database.db, { nom: 'Espace numérique de la gare', latitude: 44.8262, longitude: -0.5559 })
    const pair = await ctx.database.db
      .insertInto('duplicates')
      .values({ venue_a: a.id < b.id ? a.id : b.id, venue_b: a.id < b.id ? b.id : a.id, reason: 'name' })
      .onConflict((oc) => oc.columns(['venue_a', 'venue_b']).doUpdateSet({ reason: 'name' }))
      .returning('id')
      .executeTakeFirstOrThrow()
    const merged = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/duplicates/${pair.id}/merge`,
      headers: as('admin'),
      payload: { survivor: a.id },
    })
    expect(merged.statusCode).toBe(200)
    for (const id of [a.id, b.id])
      expect((await history(id))[0]).toMatchObject({
        channel: 'merge',
        channel_detail: String(pair.id),
        channel_label: `fusion de doublons (paire n° ${pair.id})`,
      })
  })
})
