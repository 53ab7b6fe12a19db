// Territorial officers' accounts (role authority on a user, issue 14): an admin creates one with its
// territories; its session acts as an authority key would: a change inside its territory becomes a submission
// (202) it can follow to approval or to a rejection with the curator's reason; outside, 403 and nothing written.
import { execFile } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { promisify } from 'node:util'
import { beforeAll, expect, it } from 'vitest'
import { createUser } from '../../../db/auth/users.ts'
import { describeEachApp } from '../../helpers/databases.ts'
import { bearer, createPersonaKeys, createVenue, lyonVenue, type Persona } from '../curation/curation-fixtures.ts'

const PASSWORD = 'mot de passe de l’agent'
const run = promisify(execFile)

describeEachApp('officer accounts (authority sessions)', (ctx) => {
  let keys: Record<Persona, string | null>
  let session: { cookie: string; csrf: string }
  const db = () => ctx.database.db
  const asOfficer = (extra: Record<string, string> = {}) => ({ cookie: session.cookie, 'x-csrf-token': session.csrf, ...extra })
  const versionsOf = async (id: string) =>
    Number(
      (
        await db()
          .selectFrom('venue_versions')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('venue_id', '=', id)
          .executeTakeFirstOrThrow()
      ).n,
    )

  beforeAll(async () => {
    keys = await createPersonaKeys(db())
    await createUser(db(), {
      email: 'curatrice@example.fr',
      password: PASSWORD,
      role: 'curator',
      territories: ['dep:33'],
      createdBy: 'test',
    })
  })

  it('lets an admin create an officer account, which needs a territory', async () => {
    const without = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/admin/users',
      headers: bearer(keys.admin),
      payload: { email: 'agent-sans-territoire@example.fr', password: PASSWORD, role: 'authority' },
    })
    expect(without.statusCode).toBe(400)
    expect(without.json().errors[0].field).toBe('territories')
    const created = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/admin/users',
      headers: bearer(keys.admin),
      payload: { email: 'agent@bordeaux.fr', password: PASSWORD, role: 'authority', territories: ['dep:33'] },
    })
    expect(created.statusCode).toBe(201)
    expect(created.json()).toMatchObject({ role: 'authority', territories: ['dep:33'] })
    // A curator cannot create accounts, whatever the role asked for.
    const byCurator = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/admin/users',
      headers: bearer(keys.curatorOwn),
      payload: { email: 'autre@bordeaux.fr', password: PASSWORD, role: 'authority', territories: ['dep:33'] },
    })
    expect(byCurator.statusCode).toBe(403)
  })

  it('logs the officer in with the same sessions as /admin, as role authority with its territories', async () => {
    const login = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'agent@bordeaux.fr', password: PASSWORD },
    })
    expect(login.statusCode).toBe(200)
    const cookie = String([login.headers['set-cookie']].flat().find((c) => String(c).startsWith('maillage_session='))).split(';')[0]
    session = { cookie, csrf: login.json().csrf_token }
    const me = await ctx.app.inject({ url: '/api/v1/auth/me', headers: { cookie } })
    expect(me.json().caller).toMatchObject({ kind: 'session', role: 'authority', territories: ['dep:33'] })
  })

  it('turns an edit inside its territory into a submission (202), the venue unchanged until approved', async () => {
    const venue = await createVenue(db(), { nom: 'Médiathèque de Bacalan' })
    const res = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/v1/venues/${venue.id}`,
      headers: asOfficer({ 'if-match': `"${venue.id}-v1"` }),
      payload: { telephone: '05 56 00 00 01', services: ['Aide aux démarches administratives', 'Loisirs et créations numériques'] },
    })
    expect(res.statusCode).toBe(202)
    const stored = await db().selectFrom('venues').selectAll().where('id', '=', venue.id).executeTakeFirstOrThrow()
    expect(stored).toMatchObject({ version: 1, telephone: null })

    const mine = (await ctx.app.inject({ url: '/api/v1/submissions?status=pending', headers: { cookie: session.cookie } })).json().items
    expect(mine).toHaveLength(1)
    expect(mine[0]).toMatchObject({ venue_id: venue.id, status: 'pending', submitted_by: 'utilisateur:agent@bordeaux.fr' })

    const approve = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/submissions/${mine[0].id}/approve`,
      headers: bearer(keys.curatorOwn),
      payload: {},
    })
    expect(approve.statusCode).toBe(200)
    const followed = (await ctx.app.inject({ url: `/api/v1/submissions/${mine[0].id}`, headers: { cookie: session.cookie } })).json()
    expect(followed.status).toBe('approved')
    const published = await db().selectFrom('venues').selectAll().where('id', '=', venue.id).executeTakeFirstOrThrow()
    expect(published).toMatchObject({ version: 2, telephone: '+33556000001' })
    expect(published.services).toEqual(['Aide aux démarches administratives', 'Loisirs et créations numériques'])
  })

  it('reads the curator’s reason when its submission is rejected', async () => {
    const venue = await createVenue(db(), { nom: 'Espace de vie sociale' })
    const res = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/v1/venues/${venue.id}`,
      headers: asOfficer({ 'if-match': `"${venue.id}-v1"` }),
      payload: { nom: 'EVS renommé' },
    })
    expect(res.statusCode).toBe(202)
    const id = res.json().submission_id
    const reject = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/submissions/${id}/reject`,
      headers: bearer(keys.curatorOwn),
      payload: { reason: 'Le nom officiel reste celui de la convention.' },
    })
    expect(reject.statusCode).toBe(200)
    const rejected = (await ctx.app.inject({ url: '/api/v1/submissions?status=rejected', headers: { cookie: session.cookie } })).json()
      .items
    expect(rejected).toHaveLength(1)
    expect(rejected[0]).toMatchObject({ id, status: 'rejected', decision_reason: 'Le nom officiel reste celui de la convention.' })
  })

  it('is refused (403) outside its territory, stored or after the change, and nothing is written', async () => {
    const lyon = await createVenue(db(), lyonVenue())
    const outside = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/v1/venues/${lyon.id}`,
      headers: asOfficer({ 'if-match': `"${lyon.id}-v1"` }),
      payload: { telephone: '04 72 00 00 00' },
    })
    expect(outside.statusCode).toBe(403)
    const bordeaux = await createVenue(db())
    const moved = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/v1/venues/${bordeaux.id}`,
      headers: asOfficer({ 'if-match': `"${bordeaux.id}-v1"` }),
      payload: lyonVenue(),
    })
    expect(moved.statusCode).toBe(403)
    expect(moved.json().errors[0].field).toBe('code_insee')
    expect(await versionsOf(lyon.id)).toBe(1)
    expect(await versionsOf(bordeaux.id)).toBe(1)
    const pending = (await ctx.app.inject({ url: '/api/v1/submissions?status=pending', headers: { cookie: session.cookie } })).json().items
    expect(pending).toHaveLength(0)
  })

  it('cannot moderate, even its own submissions', async () => {
    const venue = await createVenue(db())
    const res = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/v1/venues/${venue.id}`,
      headers: asOfficer({ 'if-match': `"${venue.id}-v1"` }),
      payload: { nom: 'Auto-approbation' },
    })
    const id = res.json().submission_id
    const approve = await ctx.app.inject({ method: 'POST', url: `/api/v1/submissions/${id}/approve`, headers: asOfficer(), payload: {} })
    expect(approve.statusCode).toBe(403)
    expect((await db().selectFrom('venues').select('nom').where('id', '=', venue.id).executeTakeFirstOrThrow()).nom).not.toBe(
      'Auto-approbation',
    )
  })

  // The CLI opens its own connection: only the PostgreSQL test database is reachable from another process (as in
  // auth.test.ts), so the PGlite leg reports this case as skipped.
  it.runIf(ctx.kind === 'postgres')(
    'creates an officer account from the command line, refused without a territory',
    async () => {
      const env = { ...process.env, DATABASE_URL: ctx.database.url!, SEED: 'none' }
      const without = run('npx', ['tsx', 'cli/main.ts', 'user', 'create', '--email', 'cli-agent@example.fr', '--role', 'authority'], {
        env,
      })
      without.child.stdin!.end('un mot de passe assez long\n')
      await expect(without).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/au moins un territoire/) })
      const user = run(
        'npx',
        ['tsx', 'cli/main.ts', 'user', 'create', '--email', 'cli-agent@example.fr', '--role', 'authority', '--territory', 'dep:33'],
        { env },
      )
      user.child.stdin!.end('un mot de passe assez long\n')
      expect((await user).stdout).toMatch(/Compte créé : cli-agent@example\.fr \(authority, dep:33\)/)
      // A company representative names the member company it speaks for, and it must exist.
      const create = (...extra: string[]) => {
        const child = run(
          'npx',
          ['tsx', 'cli/main.ts', 'user', 'create', '--email', 'cli-entreprise@example.fr', '--role', 'company', ...extra],
          {
            env,
          },
        )
        child.child.stdin!.end('un mot de passe assez long\n')
        return child
      }
      await expect(create()).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/--company ID/) })
      await expect(create('--company', randomUUID())).rejects.toMatchObject({
        code: 1,
        stderr: expect.stringMatching(/Entreprise introuvable/),
      })
      const company = await db()
        .insertInto('companies')
        .values({ siret: '73282932000074', nom: 'Entreprise adhérente' })
        .returning('id')
        .executeTakeFirstOrThrow()
      expect((await create('--company', company.id)).stdout).toMatch(/Compte créé : cli-entreprise@example\.fr \(company\)/)
      // Two `tsx` start-ups on a loaded machine: generous.
    },
    300_000,
  )
})
