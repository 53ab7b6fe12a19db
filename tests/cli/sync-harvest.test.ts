// The producers' commands as a user runs them, on both databases: `maillage sync FILE --source S [--dry-run]
// [--absent keep|archive]`, `maillage source add|list` and `maillage harvest` against a local HTTP server — exit
// codes, the French report, and what is stored afterwards (read back with `maillage export` and `source list`).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../helpers/databases.ts'
import { cliEnv, runCli } from '../helpers/spawn-cli.ts'

const HEADER = [
  'id,pivot,nom,commune,code_postal,code_insee,adresse,complement_adresse,latitude,longitude,typologie,telephone,courriels',
  'site_web,horaires,presentation_resume,presentation_detail,source,itinerance,structure_parente,date_maj,services',
  'publics_specifiquement_adresses,prise_en_charge_specifique,frais_a_charge,dispositif_programmes_nationaux,formations_labels',
  'autres_formations_labels,modalites_acces,modalites_accompagnement,fiche_acces_libre,prise_rdv',
].join(',')
const row = (id: string, nom: string, codePostal = '51100') =>
  [
    `${id},13002526500013,${nom},Reims,${codePostal},51454,1 rue Cérès,,49.2583,4.0317,EPN,,,,Mo-Fr 09:00-17:00,,,CliSync,,,2024-06-01`,
    'Aide aux démarches administratives,Seniors,,Gratuit,,,,Se présenter,Accompagnement individuel,,',
  ].join(',')
const csv = (...rows: string[]) => `${[HEADER, ...rows].join('\n')}\n`

type Exported = { id: string; nom: string; source: string }

for (const kind of DATABASE_KINDS) {
  describe(`maillage sync, source, harvest [${kind}]`, () => {
    let dir: string
    let database: TestDatabase | null = null
    let env: NodeJS.ProcessEnv
    const file = (name: string, text: string) => {
      const path = join(dir, name)
      writeFileSync(path, text)
      return path
    }
    const exported = async (source: string): Promise<Exported[]> => {
      const result = await runCli(['export', '--format', 'json'], env)
      expect(result.code, result.stderr).toBe(0)
      return (JSON.parse(result.stdout) as Exported[]).filter((v) => v.source === source).sort((a, b) => a.id.localeCompare(b.id))
    }

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'maillage-sync-cli-'))
      if (kind === 'postgres') database = await createTestDatabase('postgres')
      env = cliEnv(kind === 'postgres' ? { DATABASE_URL: database!.url!, SEED: 'none' } : { PGLITE_DIR: join(dir, 'data'), SEED: 'none' })
    })
    afterAll(async () => {
      await database?.drop()
      rmSync(dir, { recursive: true, force: true })
    })

    // Each step starts a real process that opens (and on first use creates) the database: allow for it.
    const LONG = { timeout: 600_000 }
    it('sync: usage errors exit 2; a dry run writes nothing; the real run creates; a bad file changes nothing', LONG, async () => {
      const first = file('v1.csv', csv(row('s-1', 'Médiathèque'), row('s-2', 'France services')))
      const usage = await runCli(['sync', first], env)
      expect(usage.code).toBe(2)
      expect(usage.stderr).toMatch(/Usage : maillage sync FICHIER --source NOM/)
      expect((await runCli(['sync', first, '--source', 'cli', '--absent', 'delete'], env)).code).toBe(2)

      const dry = await runCli(['sync', first, '--source', 'cli', '--dry-run'], env)
      expect(dry.code, dry.stderr).toBe(0)
      expect(dry.stdout).toMatch(/Synchronisation de « cli » \(v1\) : essai, rien n’a été écrit\./)
      expect(dry.stdout).toMatch(/2 ligne\(s\) : 2 créée\(s\), 0 modifiée\(s\), 0 inchangée\(s\), 0 rejetée\(s\)/)
      expect(dry.stdout).toMatch(/\+ s-1 \(ligne 2\) Médiathèque/)
      expect(await exported('cli')).toEqual([])

      const applied = await runCli(['sync', first, '--source', 'cli'], env)
      expect(applied.code, applied.stderr).toBe(0)
      expect(applied.stdout).toMatch(/: appliquée\./)
      expect(applied.stdout).toMatch(/2 créée\(s\)/)
      expect((await exported('cli')).map((v) => [v.id, v.nom])).toEqual([
        ['s-1', 'Médiathèque'],
        ['s-2', 'France services'],
      ])

      const bad = file('bad.csv', csv(row('s-1', 'Médiathèque renommée'), row('s-2', 'France services', '5110')))
      const refused = await runCli(['sync', bad, '--source', 'cli'], env)
      expect(refused.code).toBe(1)
      expect(refused.stdout).toMatch(/: refusée, rien n’a été écrit\./)
      expect(refused.stdout).toMatch(/ligne 3 \(id s-2\) : rejeté\n {2}✗ code_postal/)
      expect((await exported('cli')).map((v) => v.nom)).toEqual(['Médiathèque', 'France services'])
    })

    it('sync: a changed file updates field by field, keeps or archives the absent; again, all unchanged', LONG, async () => {
      const second = file('v2.csv', csv(row('s-1', 'Médiathèque Jean Macé'), row('s-3', 'Tiers-lieu')))
      const kept = await runCli(['sync', second, '--source', 'cli', '--dry-run'], env)
      expect(kept.code, kept.stderr).toBe(0)
      expect(kept.stdout).toMatch(/1 créée\(s\), 1 modifiée\(s\), 0 inchangée\(s\), 0 rejetée\(s\) ; /)
      expect(kept.stdout).toMatch(/1 lieu\(x\) absent\(s\) du fichier \(gardés\)/)
      expect(kept.stdout).toMatch(/\? s-2 France services : absent du fichier/)

      const archived = await runCli(['sync', second, '--source', 'cli', '--absent', 'archive'], env)
      expect(archived.code, archived.stderr).toBe(0)
      expect(archived.stdout).toMatch(/: appliquée\./)
      expect(archived.stdout).toMatch(/1 lieu\(x\) absent\(s\) du fichier, 1 archivé\(s\)/)
      expect(archived.stdout).toMatch(/~ s-1 \(ligne 2\) Médiathèque Jean Macé\n {4}nom : « Médiathèque » → « Médiathèque Jean Macé »/)
      expect(archived.stdout).toMatch(/− s-2 France services : absent du fichier, archivé/)
      expect((await exported('cli')).map((v) => [v.id, v.nom])).toEqual([
        ['s-1', 'Médiathèque Jean Macé'],
        ['s-3', 'Tiers-lieu'],
      ])

      const again = await runCli(['sync', second, '--source', 'cli', '--absent', 'archive'], env)
      expect(again.code, again.stderr).toBe(0)
      expect(again.stdout).toMatch(/2 ligne\(s\) : 0 créée\(s\), 0 modifiée\(s\), 2 inchangée\(s\), 0 rejetée\(s\)/)
    })

    describe('harvesting from a local server', () => {
      const served = { body: csv(row('h-1', 'Espace numérique'), row('h-2', 'Cyber-base')), etag: '"v1"' }
      let server: Server
      let url: string
      beforeAll(async () => {
        server = createServer((req, res) => {
          if (req.headers['if-none-match'] === served.etag) return res.writeHead(304, { etag: served.etag }).end()
          res.writeHead(200, { 'content-type': 'text/csv', etag: served.etag }).end(served.body)
        })
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
        url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/lieux.csv`
      })
      afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

      it('source add|list, then harvest: creates, 304 does nothing, a change updates, a broken file is reported', LONG, async () => {
        expect((await runCli(['source', 'add', 'moisson', '--url', 'ftp://exemple.fr/x.csv'], env)).code).toBe(2)
        expect((await runCli(['source', 'add', 'moisson', '--url', url, '--every', 'souvent'], env)).code).toBe(2)
        expect((await runCli(['source', 'remove', 'moisson'], env)).code).toBe(2)
        const added = await runCli(['source', 'add', 'moisson', '--url', url, '--every', '1h'], env)
        expect(added.code, added.stderr).toBe(0)
        expect(added.stdout).toMatch(/Source « moisson » moissonnée toutes les 1h depuis http:\/\/127\.0\.0\.1:\d+\/lieux\.csv/)
        const listed = await runCli(['source', 'list'], env)
        expect(listed.code, listed.stderr).toBe(0)
        expect(listed.stdout).toContain(`moisson\t${url}\ttoutes les 3600 s\tabsents : keep\tjamais moissonnée`)

        const unknown = await runCli(['harvest', 'inconnue'], env)
        expect(unknown.code).toBe(2)
        expect(unknown.stderr).toMatch(/Aucune source moissonnée ne s’appelle « inconnue »/)

        const first = await runCli(['harvest', 'moisson'], env)
        expect(first.code, first.stderr).toBe(0)
        expect(first.stdout).toMatch(/moisson : appliquée \(HTTP 200, \d+ octets\) — /)
        expect(first.stdout).toMatch(/— 2 ligne\(s\) : 2 créée\(s\), 0 modifiée\(s\), 0 inchangée\(s\)/)
        expect((await exported('moisson')).map((v) => v.id)).toEqual(['h-1', 'h-2'])

        const same = await runCli(['harvest', 'moisson'], env)
        expect(same.code, same.stderr).toBe(0)
        expect(same.stdout).toMatch(/moisson : fichier inchangé \(rien à faire\) \(HTTP 304/)

        served.body = csv(row('h-1', 'Espace numérique municipal'), row('h-2', 'Cyber-base'))
        served.etag = '"v2"'
        const changed = await runCli(['harvest', 'moisson'], env)
        expect(changed.code, changed.stderr).toBe(0)
        expect(changed.stdout).toMatch(/moisson : appliquée \(HTTP 200, \d+ octets\) — /)
        expect(changed.stdout).toMatch(/— 2 ligne\(s\) : 0 créée\(s\), 1 modifiée\(s\), 1 inchangée\(s\)/)
        expect((await exported('moisson')).map((v) => v.nom)).toEqual(['Espace numérique municipal', 'Cyber-base'])

        served.body = csv(row('h-1', 'Nom qui ne passera pas'), row('h-2', 'Cyber-base', '5110'))
        served.etag = '"v3"'
        const broken = await runCli(['harvest', 'moisson'], env)
        expect(broken.code).toBe(1)
        expect(broken.stdout).toMatch(/moisson : échec \(HTTP 200, .*\) — 1 ligne\(s\) en erreur : rien n’a été écrit\./)
        expect(broken.stdout).toMatch(/ {2}ligne 3 \(id h-2\) ✗ code_postal : /)
        expect((await exported('moisson')).map((v) => v.nom)).toEqual(['Espace numérique municipal', 'Cyber-base'])
        const after = await runCli(['source', 'list'], env)
        expect(after.stdout).toMatch(/moisson\t.*\téchec le .*\tdernier échec : 1 ligne\(s\) en erreur/)
      })
    })
  })
}
