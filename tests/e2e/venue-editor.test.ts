// End to end in Chromium, on PGlite and PostgreSQL (issue 14, items 1 and 4):
// - a curator edits services and opening hours (weekly slots, public holidays, a dated closure) in the venue
//   editor, sees the French rendering and the diff, confirms; the stored `horaires` parses without warning,
//   reads back into the same table and renders the same French sentence; a bad e-mail is refused by its field;
// - a territorial officer (authority account) signs in to /territoire, corrects a venue of its territory, sees
//   its submission pending, a curator approves it, the officer sees it approved and the venue published.
// axe-core has no violation on the editor nor on the officers' space. Screenshots go to E2E_SHOTS_DIR (a temporary
// folder by default) for people to look at; nothing compares them.
import { mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import OpeningHours from 'opening_hours'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApiKey } from '../../db/auth/api-keys.ts'
import { createUser } from '../../db/auth/users.ts'
import { fromOpeningHours } from '../../domain/opening-hours/editable.ts'
import { describeHours } from '../../domain/opening-hours/french.ts'
import { FRANCE } from '../../domain/opening-hours/parse.ts'
import { createVenue } from '../api/curation/curation-fixtures.ts'
import { DATABASE_KINDS } from '../helpers/databases.ts'
import { axeViolations } from './helpers/browser.ts'
import { startE2E, type E2E } from './helpers/start.ts'

const SHOTS = process.env.E2E_SHOTS_DIR ?? join(tmpdir(), 'maillage-shots')
const PASSWORD = 'mot de passe de test'

async function login(page: Page, url: string, email: string): Promise<void> {
  await page.goto(url)
  await page.fill('#login-email', email)
  await page.fill('#login-password', PASSWORD)
  await page.click('#login-form button[type=submit]')
  await page.waitForSelector('#app:not([hidden])')
}

for (const kind of DATABASE_KINDS) {
  describe(`venue editor and officers' space [${kind}, chromium]`, () => {
    let e2e: E2E
    let page: Page
    let venueId = ''
    let officerVenueId = ''
    let curatorKey = ''
    const db = () => e2e.database.db
    const flash = () => page.locator('#flash .fr-alert')
    const stored = (id: string) => db().selectFrom('venues').selectAll().where('id', '=', id).executeTakeFirstOrThrow()

    beforeAll(async () => {
      e2e = await startE2E({ seed: 'none', kind })
      await createUser(db(), {
        email: 'curatrice@example.fr',
        password: PASSWORD,
        role: 'curator',
        territories: ['dep:33'],
        createdBy: 'test',
      })
      await createUser(db(), {
        email: 'agent@bordeaux.fr',
        password: PASSWORD,
        role: 'authority',
        territories: ['dep:33'],
        createdBy: 'test',
      })
      curatorKey = (await createApiKey(db(), { name: 'Curation Gironde', role: 'curator', territories: ['dep:33'], createdBy: 'test' })).key
      venueId = (
        await createVenue(db(), {
          nom: 'Médiathèque Mériadeck',
          latitude: 44.8378,
          longitude: -0.585,
          horaires: 'Mo-Fr 09:00-17:00',
          services: ['Aide aux démarches administratives'],
        })
      ).id
      officerVenueId = (await createVenue(db(), { nom: 'Espace numérique de Bacalan', latitude: 44.87, longitude: -0.55 })).id
      page = await e2e.browser.newPage({ viewport: { width: 1400, height: 1000 }, locale: 'fr-FR' })
      mkdirSync(SHOTS, { recursive: true })
    }, 240_000)
    afterAll(async () => {
      await e2e?.close()
    })

    it('edits services and opening hours in the editor; the stored horaires parses and renders back the same', async () => {
      await login(page, `${e2e.baseUrl}/admin/`, 'curatrice@example.fr')
      await page.evaluate((id) => {
        location.hash = `#venue/${id}`
      }, venueId)
      await page.waitForSelector('#hours-editor table')
      await page.screenshot({ path: `${SHOTS}/editor-top-${kind}.png` })
      // Every field of the standard has its control: enumerations as checkboxes, contacts typed.
      expect(await page.locator('#f-services input[type=checkbox]').count()).toBe(9)
      expect(await page.getAttribute('#f-telephone', 'type')).toBe('tel')
      expect(await page.locator('#f-typologie input[type=checkbox]').count()).toBeGreaterThan(90)
      await toggle(page, '#f-services input[value="Loisirs et créations numériques"]')
      await toggle(page, '#f-services input[value="Aide aux démarches administratives"]')
      await toggle(page, '#f-frais_a_charge input[value="Gratuit sous condition"]')

      // Hours: Monday morning and afternoon, copied to Tuesday–Friday; Saturday morning; Wednesday closed; a closure.
      await page.fill('#h-Mo-0-to', '12:00')
      await page.click('[data-add="Mo"]')
      await page.fill('#h-Mo-1-from', '14:00')
      await page.fill('#h-Mo-1-to', '17:30')
      await page.click('#hours-copy-monday')
      await page.click('[data-remove="We:1"]')
      await page.click('[data-remove="We:0"]')
      await page.click('[data-add="Sa"]')
      await page.fill('#h-Sa-0-from', '10:00')
      await page.fill('#h-Sa-0-to', '12:00')
      // The stored text had no "PH" rule (holidays as usual): close on public holidays.
      expect(await page.inputValue('#hours-holidays')).toBe('usual')
      await page.selectOption('#hours-holidays', 'closed')
      await page.click('#hours-add-exception')
      await page.fill('#h-x0-start', '2027-08-02')
      await page.fill('#h-x0-end', '2027-08-20')
      const expected = 'Mo,Tu,Th,Fr 09:00-12:00,14:00-17:30; Sa 10:00-12:00; PH off; 2027 Aug 02-2027 Aug 20 off'
      await expect.poll(() => page.textContent('#hours-osm')).toBe(expected)
      const french = (await page.textContent('#hours-french'))!
      expect(french).toContain('le lundi, le mardi, le jeudi et le vendredi de 9 h à 12 h et de 14 h à 17 h 30')
      expect(french).toContain('le samedi de 10 h à 12 h')
      expect(french).toContain('Fermé le mercredi et le dimanche et les jours fériés')
      await page.screenshot({ path: `${SHOTS}/editor-hours.png`, fullPage: false, clip: await clipOf(page, '#hours-editor') })

      // A bad e-mail is shown by its field, nothing sent.
      await page.fill('#f-courriels', 'contact@mediatheque.fr\npas-une-adresse')
      await page.click('#venue-save')
      await expect.poll(() => page.textContent('#err-courriels')).toContain('pas-une-adresse')
      expect(await page.getAttribute('#f-courriels', 'aria-invalid')).toBe('true')
      expect((await stored(venueId)).version).toBe(1)
      await page.fill('#f-courriels', 'contact@mediatheque.fr')

      // A mistake only the API catches (the pivot's pattern): its problem+json error is shown by the field.
      await page.fill('#f-pivot', '1234')
      await page.click('#venue-save')
      await page.waitForSelector('#venue-review:not([hidden])')
      await page.click('#venue-confirm')
      await expect.poll(() => page.textContent('#err-pivot')).toContain('Pivot invalide')
      expect(await page.getAttribute('#f-pivot', 'aria-invalid')).toBe('true')
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-pivot')
      expect((await stored(venueId)).version).toBe(1)
      await page.fill('#f-pivot', '00000000000000')

      // The diff before saving, then the save.
      await page.click('#venue-save')
      await page.waitForSelector('#venue-review:not([hidden]) tr[data-field="horaires"]')
      expect(await page.textContent('#venue-review tr[data-field="horaires"] .diff-new')).toBe(expected)
      expect(await page.textContent('#venue-review tr[data-field="services"] th')).toBe('Services')
      await page.screenshot({ path: `${SHOTS}/editor-diff.png`, clip: await clipOf(page, '#venue-review') })
      await page.click('#venue-confirm')
      await expect.poll(() => flash().textContent()).toContain('Fiche enregistrée')

      const row = await stored(venueId)
      expect(row.version).toBe(2)
      expect(row.services).toEqual(['Loisirs et créations numériques'])
      expect(row.frais_a_charge).toEqual(['Gratuit', 'Gratuit sous condition'])
      expect(row.courriels).toEqual(['contact@mediatheque.fr'])
      expect(row.horaires).toBe(expected)
      expect(new OpeningHours(row.horaires!, FRANCE).getWarnings()).toEqual([])
      // Reopened, the editor shows the same table and the same French sentence the public pages compute.
      expect(fromOpeningHours(row.horaires)).not.toBeNull()
      await page.waitForSelector('#venue-history article[data-version="2"]')
      await expect.poll(() => page.textContent('#hours-osm')).toBe(expected)
      expect(await page.inputValue('#h-Sa-0-from')).toBe('10:00')
      expect(await page.textContent('#hours-french')).toBe(describeHours(row.horaires).sentence)
      const sheet = await (await fetch(`${e2e.baseUrl}/lieux/${venueId}`)).text()
      expect(sheet).toContain('de 14 h à 17 h 30')
      await page.screenshot({ path: `${SHOTS}/editor-${kind}.png`, fullPage: true })
    })

    it('has no axe-core violation on the editor', async () => {
      const context = await e2e.browser.newContext({ bypassCSP: true, viewport: { width: 1300, height: 1000 } })
      const audited = await context.newPage()
      await login(audited, `${e2e.baseUrl}/admin/`, 'curatrice@example.fr')
      await audited.evaluate((id) => {
        location.hash = `#venue/${id}`
      }, venueId)
      await audited.waitForSelector('#venue-history article')
      await audited.click('#hours-add-exception')
      expect(await axeViolations(audited)).toEqual([])
      await context.close()
    })

    it('lets an officer correct a venue of its territory and follow its submission to approval', async () => {
      const officer = await e2e.browser.newPage({ viewport: { width: 1400, height: 1000 }, locale: 'fr-FR' })
      await login(officer, `${e2e.baseUrl}/territoire/`, 'agent@bordeaux.fr')
      expect(await officer.textContent('#who')).toContain('agent de collectivité')
      await officer.waitForSelector(`[data-edit="${officerVenueId}"]`)
      await officer.screenshot({ path: `${SHOTS}/editor-territoire-${kind}.png`, fullPage: true })
      await officer.click(`[data-edit="${officerVenueId}"]`)
      await officer.waitForSelector('#hours-editor table')
      await officer.fill('#f-telephone', '05 56 00 00 07')
      await toggle(officer, '#f-services input[value="Accès internet et matériel informatique"]')
      await officer.click('#venue-save')
      await officer.waitForSelector('#venue-review:not([hidden])')
      expect(await officer.textContent('#venue-confirm')).toBe('Envoyer la proposition')
      await officer.click('#venue-confirm')
      await expect.poll(() => officer.locator('#flash .fr-alert').textContent()).toContain('Proposition envoyée')
      expect((await stored(officerVenueId)).version).toBe(1)

      await officer.click('[data-view="submissions"]')
      const row = officer.locator('[data-submission-row]')
      await expect.poll(() => row.getAttribute('data-status')).toBe('pending')
      const submissionId = (await row.getAttribute('data-submission-row'))!

      // The curator approves it (the queue's own e2e is the queue helper's; the API is the same).
      const approved = await fetch(`${e2e.baseUrl}/api/v1/submissions/${submissionId}/approve`, {
        method: 'POST',
        headers: { authorization: `Bearer ${curatorKey}`, 'content-type': 'application/json' },
        body: '{}',
      })
      expect(approved.status).toBe(200)
      await officer.selectOption('#submissions-status', '')
      await expect.poll(() => officer.locator('[data-submission-row]').getAttribute('data-status')).toBe('approved')
      const published = await stored(officerVenueId)
      expect(published).toMatchObject({ version: 2, telephone: '+33556000007' })
      expect(published.services).toContain('Accès internet et matériel informatique')

      await officer.click(`[data-detail="${submissionId}"]`)
      await officer.waitForSelector('#submission-detail tr[data-field="telephone"]')
      await officer.click('[data-view="indicators"]')
      await officer.waitForSelector('#indicators table')
      expect(await officer.getAttribute('#exports a >> nth=0', 'href')).toBe('/api/v1/export/mediation-numerique.csv?departement=33')
      await officer.screenshot({ path: `${SHOTS}/editor-territoire-indicateurs-${kind}.png`, fullPage: true })
      await officer.close()
    })

    it('has no axe-core violation in the officers’ space (list, editor, submissions, indicators)', async () => {
      const context = await e2e.browser.newContext({ bypassCSP: true, viewport: { width: 1300, height: 1000 } })
      const audited = await context.newPage()
      await audited.goto(`${e2e.baseUrl}/territoire/`)
      await audited.waitForSelector('#login-section:not([hidden])')
      expect(await axeViolations(audited)).toEqual([])
      await login(audited, `${e2e.baseUrl}/territoire/`, 'agent@bordeaux.fr')
      await audited.waitForSelector('[data-edit]')
      expect(await axeViolations(audited)).toEqual([])
      await audited.click(`[data-edit="${officerVenueId}"]`)
      await audited.waitForSelector('#venue-history article')
      expect(await axeViolations(audited)).toEqual([])
      await audited.click('[data-view="submissions"]')
      await audited.waitForSelector('[data-submission-row]')
      expect(await axeViolations(audited)).toEqual([])
      await audited.click('[data-view="indicators"]')
      await audited.waitForSelector('#indicators table')
      expect(await axeViolations(audited)).toEqual([])
      await context.close()
    })
  })
}

/** Ticks or unticks a DSFR checkbox by keyboard, as a person tabbing through the form would. */
async function toggle(page: Page, selector: string): Promise<void> {
  await page.focus(selector)
  await page.keyboard.press('Space')
}

async function clipOf(page: Page, selector: string) {
  const box = (await page.locator(selector).boundingBox())!
  await page.locator(selector).scrollIntoViewIfNeeded()
  const again = (await page.locator(selector).boundingBox()) ?? box
  return { x: again.x, y: Math.max(0, again.y), width: again.width, height: Math.min(again.height, 2000) }
}
