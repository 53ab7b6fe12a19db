// The `maillage` command as a user runs it, on both databases: import exit codes and report, export,
// and `serve` answering with real demo venues, reusing its data on a second start.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../helpers/databases.ts'
import { cliEnv, runCli, startServer } from '../helpers/spawn-cli.ts'

const HEADER =
  'id,pivot,nom,commune,code_postal,code_insee,adresse,complement_adresse,latitude,longitude,typologie,telephone,courriels,' +
  'site_web,horaires,presentation_resume,presentation_detail,source,itinerance,structure_parente,date_maj,services,' +
  'publics_specifiquement_adresses,prise_en_charge_specifique,frais_a_charge,dispositif_programmes_nationaux,' +
  'formations_labels,autres_formations_labels,modalites_acces,modalites_accompagnement,fiche_acces_libre,prise_rdv'
const good = (id: string, nom = 'Espace public numérique') =>
  `${id},13002526500013,${nom},Reims,51100,51454,1 rue Cérès,,49.2583,4.0317,EPN,,,,Mo-Fr ` +
  `09:00-17:00,,,CliTest,,,2024-06-01,Aide aux démarches administratives,Seniors,,Gratuit,,,,Se ` +
  `présenter,Accompagnement individuel,,`

for (const kind of DATABASE_KINDS) {
  describe(`maillage command [${kind}]`, () => {
    let dir: string
    let database: TestDatabase | null = null
    let env: NodeJS.ProcessEnv
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'maillage-cli-'))
      if (kind === 'postgres') database = await createTestDatabase('postgres')
      env = cliEnv(kind === 'postgres' ? { DATABASE_URL: database!.url!, SEED: 'demo' } : { PGLITE_DIR: join(dir, 'data'), SEED: 'demo' })
    })
    afterAll(async () => {
      await database?.drop()
      rmSync(dir, { recursive: true, force: true })
    })

    // Each step starts a real process that opens (and on first use creates) the database: allow for it.
    it('rejects a bad file with exit 1, a report naming row and field, and writes nothing', { timeout: 240_000 }, async () => {
      const bad = join(dir, 'bad.csv')
      writeFileSync(bad, [HEADER, good('c-1'), good('c-2').replace(',51100,', ',5110,'), good('c-3', '')].join('\n') + '\n')
      const result = await runCli(['import', bad], env)
      expect(result.code).toBe(1)
      expect(result.stdout).toMatch(/ligne 3 \(id c-2\) : rejeté\n {2}✗ code_postal/)
      expect(result.stdout).toMatch(/ligne 4 \(id c-3\) : rejeté\n {2}✗ nom/)
      expect(result.stdout).toMatch(/rien n’a été écrit/)
      const exported = await runCli(['export'], env)
      expect(exported.code).toBe(0)
      expect(exported.stdout.trim()).toBe(HEADER)
    })

    it('imports a good file with exit 0, then exports it in the standard', { timeout: 240_000 }, async () => {
      const file = join(dir, 'good.csv')
      writeFileSync(file, [HEADER, good('c-1'), good('c-2')].join('\n') + '\n')
      const result = await runCli(['import', file], env)
      expect(result.stdout).toMatch(/2 lignes : 2 créées/)
      expect(result.code).toBe(0)
      const again = await runCli(['import', file], env)
      expect(again.stdout).toMatch(/2 lignes : 0 créées, 0 mises à jour, 2 inchangées/)
      const exported = await runCli(['export', '--format', 'json'], env)
      expect(JSON.parse(exported.stdout).map((v: { id: string }) => v.id)).toEqual(['c-1', 'c-2'])
    })

    // Issue 10: with a key, the command takes the file through the write gate exactly as the API does.
    it('imports with --key as that key: bound to a source, held to its territory, moderated', { timeout: 600_000 }, async () => {
      const file = join(dir, 'good.csv')
      writeFileSync(file, [HEADER, good('c-1', 'Nom proposé'), good('c-2')].join('\n') + '\n')
      const key = async (...args: string[]) => {
        const created = await runCli(['apikey', 'create', '--name', 'Clé CLI', '--role', 'authority', ...args], env)
        expect(created.code, created.stderr).toBe(0)
        return created.stdout.trim()
      }
      const unbound = await runCli(['import', file, '--key', await key('--territory', 'dep:51')], env)
      expect(unbound.code).toBe(1)
      expect(unbound.stderr).toMatch(/liée à aucune source/)
      // The Reims venues of source CliTest, reached by a Gironde key bound to that very source: refused, line by line.
      const outside = await runCli(['import', file, '--key', await key('--territory', 'dep:33', '--source', 'CliTest')], env)
      expect(outside.code).toBe(1)
      expect(outside.stdout).toMatch(
        /ligne 2 \(id c-1\) : rejeté\n {2}✗ code_insee : le lieu enregistré \(département 51\) est hors de votre territoire \(dep:33\)/,
      )
      expect(outside.stdout).toMatch(/rien n’a été écrit/)
      const inside = await runCli(['import', file, '--key', await key('--territory', 'dep:51', '--source', 'CliTest')], env)
      expect(inside.code).toBe(0)
      expect(inside.stdout).toMatch(/1 mises à jour, 1 inchangées/)
      expect(inside.stdout).toMatch(/soumis à modération/)
      const exported = await runCli(['export', '--format', 'json'], env)
      expect(JSON.parse(exported.stdout).map((v: { nom: string }) => v.nom)).toEqual(['Espace public numérique', 'Espace public numérique'])
    })

    it('serve answers with venues (the demo seed does not load into a non-empty database), twice', { timeout: 240_000 }, async () => {
      for (let start = 0; start < 2; start++) {
        const server = await startServer(env)
        try {
          const res = await fetch(`${server.url}/api/v1/venues?limit=1`)
          const body = (await res.json()) as { items: { nom: string }[] }
          expect(res.status, JSON.stringify(body)).toBe(200)
          expect(body.items).toHaveLength(1)
          expect((await fetch(`${server.url}/`)).status).toBe(200)
        } finally {
          expect(await server.stop()).toBe(0)
        }
      }
    })
  })
}

describe('npm start on a fresh embedded database', () => {
  it('creates, migrates and seeds the real demo data, then serves it; a second start reuses it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'maillage-start-'))
    const env = cliEnv({ PGLITE_DIR: join(dir, 'data') })
    try {
      const first = await startServer(env, 180_000)
      let total = 0
      try {
        expect(first.output()).toMatch(/Données de démonstration chargées \((\d+) lieux réels\)/)
        total = Number(/\((\d+) lieux réels\)/.exec(first.output())![1])
        expect(total).toBeGreaterThanOrEqual(2500)
        const { items } = (await (await fetch(`${first.url}/api/v1/venues?limit=1`)).json()) as { items: { nom: string; source: string }[] }
        expect(items[0].nom.length).toBeGreaterThan(0)
      } finally {
        expect(await first.stop()).toBe(0)
      }
      const second = await startServer(env, 120_000)
      try {
        expect(second.output()).not.toMatch(/Données de démonstration chargées/)
        const res = await fetch(`${second.url}/api/v1/venues?limit=1000`)
        expect(res.status).toBe(200)
      } finally {
        expect(await second.stop()).toBe(0)
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 400_000)
})
