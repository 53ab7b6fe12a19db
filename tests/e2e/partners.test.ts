// End to end in Chromium (issue 16): a fresh install's /parrainages explains the programme; a company's
// representative logs in, finds a venue needing devices within 20 km of its address and offers help; the venue's
// curator accepts it in /admin; the need closes and the dashboard's devices count rises. axe-core on each page.
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BrowserContext } from 'playwright-core'
import { createApiKey } from '../../db/auth/api-keys.ts'
import { createUser } from '../../db/auth/users.ts'
import { createVenue } from '../api/curation/curation-fixtures.ts'
import { axeViolations } from './helpers/browser.ts'
import { startE2E, type E2E } from './helpers/start.ts'

// Screenshots to look at (not checked): E2E_SHOTS_DIR, else a temporary folder.
const SHOTS = process.env.E2E_SHOTS_DIR ?? join(tmpdir(), 'maillage-shots')
const MERIGNAC = { commune: 'Mérignac', code_postal: '33700', code_insee: '33281', latitude: 44.8386, longitude: -0.6436 }
const LIBOURNE = { commune: 'Libourne', code_postal: '33500', code_insee: '33243', latitude: 44.9152, longitude: -0.2436 }

for (const kind of ['pglite', 'postgres'] as const) {
  describe(`partners end to end [${kind}, chromium]`, () => {
    let e2e: E2E
    let companyContext: BrowserContext
    let curatorContext: BrowserContext
    let key = ''
    let nearNeed = ''
    let libourneId = ''
    let companyId = ''
    const db = () => e2e.database.db
    const devicesDonated = async () =>
      (await (await fetch(`${e2e.baseUrl}/api/v1/governance/indicators?territory=fr`)).json()).sponsorships.devices_donated as number

    beforeAll(async () => {
      e2e = await startE2E({ seed: 'none', kind })
      companyContext = await e2e.browser.newContext({ bypassCSP: true, locale: 'fr-FR', viewport: { width: 1280, height: 1000 } })
      curatorContext = await e2e.browser.newContext({ bypassCSP: true, locale: 'fr-FR', viewport: { width: 1300, height: 1000 } })
    }, 180_000)
    afterAll(async () => {
      await e2e?.close()
    })

    it('explains the programme on a fresh install’s /parrainages, with no blank area', async () => {
      const page = await companyContext.newPage()
      await page.goto(`${e2e.baseUrl}/parrainages/`)
      await page.waitForSelector('#companies li')
      await expect.poll(() => page.textContent('#needs-status'), { timeout: 30_000 }).toMatch(/Aucun lieu ne cherche de parrain/)
      const text = (await page.textContent('main'))!
      expect(text).toContain('Vous êtes une entreprise du numérique')
      expect(text).toContain('Vous animez un lieu de médiation numérique')
      expect(await page.textContent('#companies')).toContain('Aucune entreprise membre n’est encore inscrite')
      expect(await page.textContent('#needs-status')).toMatch(/les lieux déclarent leurs besoins/)
      expect(await axeViolations(page)).toEqual([])
      if (kind === 'pglite') await page.screenshot({ path: `${SHOTS}/partners-first-visit.png`, fullPage: true })
      await page.close()
    })

    it('lets a company’s representative find a venue needing devices within 20 km and offer help', async () => {
      key = (await createApiKey(db(), { name: 'Curateur Gironde', role: 'curator', territories: ['dep:33'], createdBy: 'test' })).key
      const company = await db()
        .insertInto('companies')
        .values({
          siret: '73282932000074',
          nom: 'Octets Solidaires',
          commune: 'Bordeaux',
          code_postal: '33000',
          latitude: 44.8378,
          longitude: -0.5792,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await createUser(db(), {
        email: 'rep@octets.example.fr',
        password: 'mot de passe de test',
        role: 'company',
        territories: [],
        companyId: company.id,
        createdBy: 'test',
      })
      await createUser(db(), {
        email: 'curatrice@example.fr',
        password: 'mot de passe de test',
        role: 'curator',
        territories: ['dep:33'],
        createdBy: 'test',
      })
      const declare = async (venueId: string, count: number) => {
        const res = await fetch(`${e2e.baseUrl}/api/v1/venues/${venueId}/needs`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body: JSON.stringify({ kind: 'don_materiel', devices_count: count, devices_kind: 'ordinateurs portables' }),
        })
        expect(res.status).toBe(201)
        return (await res.json()).id as string
      }
      nearNeed = await declare((await createVenue(db(), { nom: 'Médiathèque de Mérignac', ...MERIGNAC })).id, 8)
      libourneId = (await createVenue(db(), { nom: 'Espace numérique de Libourne', ...LIBOURNE })).id
      await declare(libourneId, 4)
      companyId = company.id

      const page = await companyContext.newPage()
      await page.goto(`${e2e.baseUrl}/entreprise/`)
      await page.fill('#login-email', 'rep@octets.example.fr')
      await page.fill('#login-password', 'mot de passe de test')
      await page.press('#login-password', 'Enter')
      await page.waitForSelector('#company-section:not([hidden]) #company-nom')
      expect(await page.inputValue('#company-nom')).toBe('Octets Solidaires')
      expect(await axeViolations(page)).toEqual([])
      if (kind === 'pglite') await page.screenshot({ path: `${SHOTS}/partners-company-space.png`, fullPage: true })

      await page.goto(`${e2e.baseUrl}/parrainages/`)
      await page.waitForSelector('#needs-list li')
      // The company's own commune is the starting point; 20 km and devices only, chosen with the keyboard.
      expect(await page.inputValue('#needs-origin')).toBe('Bordeaux')
      expect(await page.inputValue('#needs-radius')).toBe('20000')
      for (const other of ['emploi_avenir', 'fonds_solidarites_numeriques', 'mecenat']) {
        await page.focus(`#need-kind-${other}`)
        await page.keyboard.press('Space')
      }
      await page.focus('#needs-filter button[type=submit]')
      await page.keyboard.press('Enter')
      await expect
        .poll(() => page.textContent('#needs-status'), { timeout: 30_000 })
        .toMatch(/1 besoin\(s\) de lieux à moins de 20 km de Bordeaux/)
      const items = page.locator('#needs-list > li')
      expect(await items.count()).toBe(1)
      expect(await items.first().textContent()).toMatch(/Médiathèque de Mérignac.*Mérignac, à 5[,.]\d km.*8 × ordinateurs portables/s)
      expect(await axeViolations(page)).toEqual([])
      if (kind === 'pglite') await page.screenshot({ path: `${SHOTS}/partners-needs.png`, fullPage: true })
      await items.first().locator('button', { hasText: 'Proposer mon aide' }).click()
      await expect.poll(() => items.first().textContent(), { timeout: 30_000 }).toContain('Proposition envoyée')
      const pending = await db().selectFrom('sponsorships').selectAll().where('need_id', '=', nearNeed).executeTakeFirstOrThrow()
      expect(pending).toMatchObject({ status: 'pending', company_id: company.id, devices_count: 8 })
    })

    it('lets the venue’s curator accept it in /admin: the need closes and the dashboard’s devices count rises', async () => {
      const before = await devicesDonated()
      const page = await curatorContext.newPage()
      await page.goto(`${e2e.baseUrl}/admin/`)
      await page.fill('#login-email', 'curatrice@example.fr')
      await page.fill('#login-password', 'mot de passe de test')
      await page.click('#login-form button[type=submit]')
      await page.waitForSelector('#app:not([hidden])')
      await page.click('[data-view="partners"]')
      await page.waitForSelector('#view-partners[data-ready="true"] [data-accept]')
      expect(await axeViolations(page)).toEqual([])
      if (kind === 'pglite') await page.screenshot({ path: `${SHOTS}/partners-admin.png`, fullPage: true })
      await page.click('[data-accept]')
      await expect.poll(() => page.textContent('#flash'), { timeout: 30_000 }).toContain('Aide acceptée')
      const need = await db().selectFrom('venue_needs').selectAll().where('id', '=', nearNeed).executeTakeFirstOrThrow()
      expect(need.status).toBe('met')
      expect(await devicesDonated()).toBe(before + 8)

      await page.goto(`${e2e.baseUrl}/gouvernance/`)
      const figure = page.locator('#figures .figure', { hasText: 'Appareils donnés' })
      await expect.poll(() => figure.textContent(), { timeout: 30_000 }).toMatch(new RegExp(`${before + 8}`))
      expect(await page.locator('#figures .figure', { hasText: 'Besoins de matériel satisfaits' }).textContent()).toMatch(/1/)
      // The need no longer shows: only Libourne's is left, beyond 20 km.
      const list = await companyContext.newPage()
      await list.goto(`${e2e.baseUrl}/parrainages/`)
      await expect
        .poll(() => list.textContent('#needs-status'), { timeout: 30_000 })
        .toMatch(/Aucun lieu ne cherche de parrain à moins de 20 km/)
    })

    it('lets a representative declare a sponsorship for its company from /entreprise, by keyboard, errors under fields', async () => {
      const page = await companyContext.newPage()
      await page.goto(`${e2e.baseUrl}/entreprise/`)
      await page.waitForSelector('#declare-form')
      // Sent empty: the API's problem+json names the venue and the date, shown under their fields.
      await page.focus('#declare-form button[type=submit]')
      await page.keyboard.press('Enter')
      await page.waitForSelector('#declare-venue-q-error')
      expect(await page.textContent('#declare-venue-q-error')).toContain('champ obligatoire')
      expect(await page.textContent('#declare-started_on-error')).toContain('champ obligatoire')
      expect(await page.getAttribute('#declare-venue-q', 'aria-invalid')).toBe('true')
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('declare-venue-q')
      expect(await axeViolations(page)).toEqual([])

      // The venue found by its commune through the public search (Enter in the field), the first hit chosen.
      await page.keyboard.type('Libourne')
      await page.keyboard.press('Enter')
      await page.waitForSelector('#declare-venue-choices input[type=radio]')
      expect(await page.textContent('#declare-venue-choices')).toContain('Espace numérique de Libourne — Libourne')
      await page.focus('#declare-kind')
      await page.selectOption('#declare-kind', 'mecenat')
      await page.fill('#declare-started_on', '2026-09-01')
      // A skills sponsorship without its description: the kind's rule, in French, under the description.
      await page.focus('#declare-description')
      await page.keyboard.press('Enter')
      await page.waitForSelector('#declare-description-error')
      expect(await page.textContent('#declare-description-error')).toContain('champ obligatoire pour un mécénat')
      expect(await axeViolations(page)).toEqual([])
      if (kind === 'pglite') await page.screenshot({ path: `${SHOTS}/partners-company-declare.png`, fullPage: true })
      await page.keyboard.type('Dix jours d’un développeur pour le site du lieu')
      await page.keyboard.press('Enter')
      await expect.poll(() => page.textContent('#flash'), { timeout: 30_000 }).toContain('en attente de confirmation')
      const row = page.locator('#company-sponsorships tr[data-status="pending"]', { hasText: 'Espace numérique de Libourne' })
      await expect.poll(() => row.textContent(), { timeout: 30_000 }).toContain('en attente de confirmation')
      const stored = await db()
        .selectFrom('sponsorships')
        .selectAll()
        .where('venue_id', '=', libourneId)
        .where('kind', '=', 'mecenat')
        .executeTakeFirstOrThrow()
      expect(stored).toMatchObject({
        status: 'pending',
        company_id: companyId,
        description: 'Dix jours d’un développeur pour le site du lieu',
      })
      expect(String(stored.started_on)).toMatch(/^2026-09-01/)
      await page.close()
    })

    it('lets a representative publish a job offer from /entreprise, shown on /emplois, then withdraw it', async () => {
      const page = await companyContext.newPage()
      await page.goto(`${e2e.baseUrl}/entreprise/`)
      await page.waitForSelector('#offer-form')
      expect(await page.textContent('#offers-list')).toContain('Aucune offre ouverte')
      // An unknown commune is refused before sending, under the field; the API's own refusals too (a bad address).
      await page.fill('#offer-titre', 'Médiateur numérique (H/F)')
      await page.selectOption('#offer-type_contrat', 'cdd')
      await page.fill('#offer-commune', 'Zzzyx')
      await page.fill('#offer-url', 'pas une adresse')
      await page.fill('#offer-date_cloture', '2099-06-30')
      await page.focus('#offer-form button[type=submit]')
      await page.keyboard.press('Enter')
      await page.waitForSelector('#offer-commune-error')
      expect(await page.textContent('#offer-commune-error')).toContain('aucune commune ne correspond à « Zzzyx »')
      await page.fill('#offer-commune', 'Mérignac')
      await page.focus('#offer-form button[type=submit]')
      await page.keyboard.press('Enter')
      await page.waitForSelector('#offer-url-error')
      expect(await page.getAttribute('#offer-url', 'aria-invalid')).toBe('true')
      expect(await axeViolations(page)).toEqual([])
      await page.fill('#offer-url', 'https://exemple.fr/offres/mediateur')
      await page.focus('#offer-form button[type=submit]')
      await page.keyboard.press('Enter')
      await expect.poll(() => page.textContent('#flash'), { timeout: 30_000 }).toContain('Offre publiée')
      const row = page.locator('#offers-list tr[data-offer]', { hasText: 'Médiateur numérique (H/F)' })
      await expect.poll(() => row.textContent(), { timeout: 30_000 }).toContain('Mérignac')
      const stored = await db().selectFrom('job_offers').selectAll().where('company_id', '=', companyId).executeTakeFirstOrThrow()
      expect(stored).toMatchObject({ titre: 'Médiateur numérique (H/F)', type_contrat: 'cdd', code_insee: MERIGNAC.code_insee })
      if (kind === 'pglite') await page.screenshot({ path: `${SHOTS}/partners-company-offers.png`, fullPage: true })

      const jobs = await companyContext.newPage()
      await jobs.goto(`${e2e.baseUrl}/emplois/`)
      await expect.poll(() => jobs.textContent('#offers'), { timeout: 30_000 }).toContain('Médiateur numérique (H/F)')
      await jobs.close()

      await row.locator('button[data-withdraw]').click()
      await expect.poll(() => page.textContent('#flash'), { timeout: 30_000 }).toContain('Offre retirée')
      await expect.poll(() => page.textContent('#offers-list'), { timeout: 30_000 }).toContain('Aucune offre ouverte')
      const archived = await db().selectFrom('job_offers').select('archived_at').where('id', '=', stored.id).executeTakeFirstOrThrow()
      expect(archived.archived_at).not.toBeNull()
      await page.close()
    })

    it('lets the curator declare and close a venue’s needs in the venue editor, and an officer declare one in /territoire', async () => {
      const page = await curatorContext.newPage()
      await page.goto(`${e2e.baseUrl}/admin/#venue/${libourneId}`)
      await page.waitForSelector('#need-form')
      expect(await page.textContent('#needs-list')).toContain('4 × ordinateurs portables')
      // A fund project without its amount nor description: the API's refusal under both fields.
      await page.selectOption('#need-kind', 'fonds_solidarites_numeriques')
      await page.focus('#need-amount-eur')
      await page.keyboard.press('Enter')
      await page.waitForSelector('#need-amount-eur-error')
      expect(await page.textContent('#need-amount-eur-error')).toContain('champ obligatoire')
      expect(await page.textContent('#need-description-error')).toContain('champ obligatoire')
      expect(await axeViolations(page)).toEqual([])
      await page.fill('#need-amount-eur', '4500')
      await page.fill('#need-description', 'Un atelier mobile pour les villages du Libournais')
      await page.press('#need-description', 'Enter')
      await expect.poll(() => page.textContent('#flash'), { timeout: 30_000 }).toContain('Besoin déclaré')
      const fund = await db()
        .selectFrom('venue_needs')
        .selectAll()
        .where('venue_id', '=', libourneId)
        .where('kind', '=', 'fonds_solidarites_numeriques')
        .executeTakeFirstOrThrow()
      expect(fund).toMatchObject({ status: 'open', description: 'Un atelier mobile pour les villages du Libournais' })
      expect(Number(fund.amount_eur)).toBe(4500)
      if (kind === 'pglite') await page.screenshot({ path: `${SHOTS}/partners-venue-needs.png`, fullPage: true })
      // The devices need is closed from its row; it stays listed as withdrawn.
      await page.locator('#needs-list button', { hasText: 'Clore le besoin « Recevoir du matériel »' }).click()
      await expect.poll(() => page.textContent('#flash'), { timeout: 30_000 }).toContain('Besoin clos')
      const devices = await db()
        .selectFrom('venue_needs')
        .select(['status', 'closed_at'])
        .where('venue_id', '=', libourneId)
        .where('kind', '=', 'don_materiel')
        .executeTakeFirstOrThrow()
      expect(devices.status).toBe('withdrawn')
      expect(devices.closed_at).not.toBeNull()
      await expect.poll(() => page.locator('#needs-list tr[data-need-status="withdrawn"]').count(), { timeout: 30_000 }).toBe(1)
      expect(await axeViolations(page)).toEqual([])
      await page.close()

      // An officer of Gironde: the same form in /territoire, through the write gate; the API's answer is shown.
      await createUser(db(), {
        email: 'agent@libourne.fr',
        password: 'mot de passe de test',
        role: 'authority',
        territories: ['dep:33'],
        createdBy: 'test',
      })
      const officer = await (
        await e2e.browser.newContext({ bypassCSP: true, locale: 'fr-FR', viewport: { width: 1300, height: 1000 } })
      ).newPage()
      await officer.goto(`${e2e.baseUrl}/territoire/`)
      await officer.fill('#login-email', 'agent@libourne.fr')
      await officer.fill('#login-password', 'mot de passe de test')
      await officer.click('#login-form button[type=submit]')
      await officer.waitForSelector(`[data-edit="${libourneId}"]`)
      await officer.click(`[data-edit="${libourneId}"]`)
      await officer.waitForSelector('#need-form')
      await officer.selectOption('#need-kind', 'emploi_avenir')
      await officer.fill('#need-local-project', 'Accueil numérique des jeunes du Libournais')
      await officer.click('#need-form button[type=submit]')
      await expect.poll(() => officer.textContent('#flash'), { timeout: 30_000 }).toMatch(/Besoin déclaré|Proposition envoyée/)
      const youth = await db()
        .selectFrom('venue_needs')
        .selectAll()
        .where('venue_id', '=', libourneId)
        .where('kind', '=', 'emploi_avenir')
        .executeTakeFirstOrThrow()
      expect(youth).toMatchObject({ status: 'open', local_project: 'Accueil numérique des jeunes du Libournais' })
      expect(youth.created_by).toMatch(/agent@libourne\.fr|utilisateur/)
      expect(await axeViolations(officer)).toEqual([])
      if (kind === 'pglite') await officer.screenshot({ path: `${SHOTS}/partners-venue-needs-officer.png`, fullPage: true })
      await officer.close()
    })

    it('gives admins the company and sponsorship forms, with a CSV import previewed before it writes', async () => {
      await createUser(db(), {
        email: 'admin@example.fr',
        password: 'mot de passe de test',
        role: 'admin',
        territories: [],
        createdBy: 'test',
      })
      const page = await (
        await e2e.browser.newContext({ bypassCSP: true, locale: 'fr-FR', viewport: { width: 1300, height: 1000 } })
      ).newPage()
      await page.goto(`${e2e.baseUrl}/admin/`)
      await page.fill('#login-email', 'admin@example.fr')
      await page.fill('#login-password', 'mot de passe de test')
      await page.click('#login-form button[type=submit]')
      await page.waitForSelector('#app:not([hidden])')
      await page.click('[data-view="partners"]')
      await page.waitForSelector('#view-partners[data-ready="true"] #company-import-form', { state: 'attached' })
      for (const summary of await page.locator('#view-partners details > summary').all()) await summary.click()
      expect(await axeViolations(page)).toEqual([])
      const csv = 'siret,nom,code_postal,commune\n44223311000026,Réemploi Bordelais,33000,Bordeaux\n'
      await page.setInputFiles('#company-import-file', { name: 'entreprises.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
      await page.click('#company-import-form button[type=submit]')
      await page.waitForSelector('#company-import-confirm')
      expect(await page.textContent('#company-import-preview')).toContain('1 création(s)')
      expect(await db().selectFrom('companies').select('id').where('siret', '=', '44223311000026').executeTakeFirst()).toBeUndefined()
      expect(await axeViolations(page)).toEqual([])
      if (kind === 'pglite') await page.screenshot({ path: `${SHOTS}/partners-admin-companies.png`, fullPage: true })
      await page.click('#company-import-confirm')
      await expect.poll(() => page.textContent('#flash'), { timeout: 30_000 }).toContain('Import terminé : 1 création(s)')
      expect(await db().selectFrom('companies').select('nom').where('siret', '=', '44223311000026').executeTakeFirstOrThrow()).toEqual({
        nom: 'Réemploi Bordelais',
      })
    })
  })
}
