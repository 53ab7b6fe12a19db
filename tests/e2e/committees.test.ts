// End to end in Chromium: an admin records a committee meeting on /gouvernance/comites (the yearly report frozen
// in), a State representative then a CINOV-IT representative validate its minutes there, the page shows them
// final with their sha256, and an edit afterwards is refused (409). axe-core on /gouvernance/comites, /emplois
// and the admin's emplois d'avenir view.
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { createUser } from '../../db/auth/users.ts'
import { createVenue } from '../api/curation/curation-fixtures.ts'
import { axeViolations } from './helpers/browser.ts'
import { startE2E, type E2E } from './helpers/start.ts'

const PASSWORD = 'mot de passe de test'
// Screenshots to look at (not checked): E2E_SHOTS_DIR, else a temporary folder.
const SHOTS = process.env.E2E_SHOTS_DIR ?? join(tmpdir(), 'maillage-shots')

describe('committees end to end [postgres, chromium]', () => {
  let e2e: E2E
  const contexts: BrowserContext[] = []
  const db = () => e2e.database.db

  beforeAll(async () => {
    e2e = await startE2E({ seed: 'none', kind: 'postgres' })
    for (const [email, role] of [
      ['admin@example.fr', 'admin'],
      ['etat@example.fr', 'state'],
      ['cinov@example.fr', 'cinov'],
    ] as const)
      await createUser(db(), { email, password: PASSWORD, role, territories: [], createdBy: 'test' })
    const venue = await createVenue(db(), { nom: 'Médiathèque Mériadeck', latitude: 44.8378, longitude: -0.585 })
    const company = await db()
      .insertInto('companies')
      .values({ siret: '73282932000074', nom: 'Numérique Aquitaine' })
      .returning('id')
      .executeTakeFirstOrThrow()
    await db()
      .insertInto('sponsorships')
      .values({
        company_id: company.id,
        venue_id: venue.id,
        kind: 'emploi_avenir',
        started_on: '2023-01-15',
        ended_on: '2026-01-14',
        youth_count: 1,
      })
      .execute()
  }, 180_000)
  afterAll(async () => {
    for (const c of contexts) await c.close()
    await e2e?.close()
  })

  async function pageAs(browser: Browser, email: string | null): Promise<Page> {
    const context = await browser.newContext({ bypassCSP: true, locale: 'fr-FR', viewport: { width: 1280, height: 1000 } })
    contexts.push(context)
    const page = await context.newPage()
    await page.goto(`${e2e.baseUrl}/gouvernance/comites/`)
    await page.waitForSelector('#meetings p, #meetings article')
    if (email) {
      await page.fill('#login-email', email)
      await page.fill('#login-password', PASSWORD)
      await page.click('#login-form button[type=submit]')
      await page.waitForSelector('#logout:not([hidden])')
    }
    return page
  }

  let meetingId = ''

  it('lets an admin record a meeting from the page, with the yearly report frozen in', async () => {
    const page = await pageAs(e2e.browser, 'admin@example.fr')
    await page.waitForSelector('#create:not([hidden])')
    await page.selectOption('#m-committee', 'pilotage')
    await page.fill('#m-date', '2026-03-12')
    await page.fill('#m-attendees', 'État — DGE : Mme Martin, M. Petit\nCINOV-IT : M. Durand')
    await page.fill('#m-agenda', 'Bilan 2025\nOrientations 2026')
    await page.fill('#m-decisions', 'Objectif de 300 emplois d’avenir en 2026, à l’unanimité')
    await page.fill('#m-minutes', 'La séance est ouverte à 10 h.')
    await page.click('#create-form button[type=submit]')
    await page.waitForSelector('article.meeting')
    expect(await page.textContent('#flash')).toContain('Séance enregistrée')
    const row = await db().selectFrom('committee_meetings').selectAll().executeTakeFirstOrThrow()
    meetingId = row.id
    expect(row).toMatchObject({ committee: 'pilotage', report_year: 2025, finalized_at: null })
    expect(row.attendees).toEqual([
      { organisation: 'État — DGE', participants: ['Mme Martin', 'M. Petit'] },
      { organisation: 'CINOV-IT', participants: ['M. Durand'] },
    ])
    expect(await page.textContent(`#seance-${meetingId}`)).toContain('En attente de validation')
    expect(await axeViolations(page)).toEqual([])
  })

  it('makes the minutes final once the State and CINOV-IT representatives have validated them', async () => {
    const state = await pageAs(e2e.browser, 'etat@example.fr')
    expect(await state.locator('#create').isHidden()).toBe(true)
    await state.waitForSelector(`[data-validate="${meetingId}"]`)
    await state.click(`[data-validate="${meetingId}"]`)
    await expect.poll(() => state.textContent('#flash')).toContain('attend celle de l’autre partie')
    await expect.poll(() => state.locator(`[data-validate="${meetingId}"]`).count()).toBe(0)
    let row = await db().selectFrom('committee_meetings').selectAll().where('id', '=', meetingId).executeTakeFirstOrThrow()
    expect(row.state_validated_by).toBe('utilisateur:etat@example.fr')
    expect(row.finalized_at).toBeNull()

    const cinov = await pageAs(e2e.browser, 'cinov@example.fr')
    expect(await cinov.textContent(`#seance-${meetingId}`)).toContain('validé par etat@example.fr')
    // Keyboard: the validation button is reachable and pressed with Enter.
    await cinov.waitForSelector(`[data-validate="${meetingId}"]`)
    await cinov.focus(`[data-validate="${meetingId}"]`)
    await cinov.keyboard.press('Enter')
    await expect.poll(() => cinov.textContent('#flash')).toContain('définitif')
    await cinov.waitForSelector(`#seance-${meetingId} [data-hash]`)
    row = await db().selectFrom('committee_meetings').selectAll().where('id', '=', meetingId).executeTakeFirstOrThrow()
    expect(row.finalized_at).not.toBeNull()
    expect(row.content_hash).toMatch(/^[0-9a-f]{64}$/)
    expect(await cinov.textContent(`#seance-${meetingId} [data-hash]`)).toBe(row.content_hash)
    expect(await cinov.textContent(`#seance-${meetingId} [data-status]`)).toContain('Compte rendu définitif')
    expect(await axeViolations(cinov)).toEqual([])
  })

  it('refuses any edit of final minutes (409) and leaves them as validated', async () => {
    const admin = await pageAs(e2e.browser, 'admin@example.fr')
    const result = await admin.evaluate(async (id) => {
      const me = await (await fetch('/api/v1/auth/me')).json()
      const res = await fetch(`/api/v1/committees/meetings/${id}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrf_token, 'if-match': '*' },
        body: JSON.stringify({ minutes: 'Texte réécrit après validation' }),
      })
      return { status: res.status, type: res.headers.get('content-type'), body: await res.json() }
    }, meetingId)
    expect(result.status).toBe(409)
    expect(result.type).toContain('application/problem+json')
    expect(result.body.detail).toContain('définitif')
    const row = await db().selectFrom('committee_meetings').selectAll().where('id', '=', meetingId).executeTakeFirstOrThrow()
    expect(row.minutes).toBe('La séance est ouverte à 10 h.')
    // The printed minutes: print CSS hides everything but the meeting chosen.
    await admin.click(`[data-print="${meetingId}"]`).catch(() => undefined)
    await admin.emulateMedia({ media: 'print' })
    expect(await admin.locator('#create').isVisible()).toBe(false)
    expect(await admin.locator(`#seance-${meetingId}`).isVisible()).toBe(true)
    await admin.emulateMedia({ media: 'screen' })
  })

  /** A write through the page's own session (CSRF token from /auth/me). */
  const send = (page: Page, method: string, url: string, body: unknown, headers: Record<string, string> = {}) =>
    page.evaluate(
      async ({ method, url, body, headers }) => {
        const me = await (await fetch('/api/v1/auth/me')).json()
        const res = await fetch(url, {
          method,
          headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrf_token, ...headers },
          body: JSON.stringify(body),
        })
        return { status: res.status, body: await res.json() }
      },
      { method, url, body, headers },
    )

  it('lets an admin edit a meeting not final yet, explaining a stale version (412) and minutes made final meanwhile (409)', async () => {
    const admin = await pageAs(e2e.browser, 'admin@example.fr')
    const created = await send(admin, 'POST', '/api/v1/committees/meetings', {
      committee: 'gouvernance',
      held_on: '2026-06-20',
      agenda: ['Critères du réseau'],
      minutes: 'Première rédaction.',
    })
    expect(created.status).toBe(201)
    const id = created.body.id as string
    await admin.reload()
    await admin.waitForSelector(`[data-edit="${id}"]`)
    // The frozen report says the day its figures are at, and what history cannot rebuild.
    expect(await admin.textContent(`#seance-${id} [data-as-of]`)).toContain('chiffres au 20 juin 2026, date de la séance')
    expect(await admin.locator(`#seance-${id} .not-as-of li`).count()).toBeGreaterThan(0)
    expect(await admin.locator(`[data-edit="${meetingId}"]`).count()).toBe(0)

    const open = async () => {
      await admin.focus(`[data-edit="${id}"]`)
      await admin.keyboard.press('Enter')
      await admin.waitForSelector(`[data-edit-form="${id}"]`)
    }
    await open()
    expect(await admin.inputValue(`#e-${id}-minutes`)).toBe('Première rédaction.')
    expect(await axeViolations(admin)).toEqual([])
    await admin.screenshot({ path: join(SHOTS, 'committees-edit.png'), fullPage: true }).catch(() => undefined)
    await admin.fill(`#e-${id}-agenda`, 'Critères du réseau\nIndicateurs 2026')
    await admin.fill(`#e-${id}-minutes`, 'Rédaction relue.')
    await admin.fill(`#e-${id}-attendees`, 'État : Mme Martin\nCINOV-IT : M. Durand')
    await admin.click(`[data-edit-form="${id}"] button[type=submit]`)
    await expect.poll(() => admin.textContent('#flash')).toContain('Séance modifiée')
    let row = await db().selectFrom('committee_meetings').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    expect(row).toMatchObject({ minutes: 'Rédaction relue.', agenda: ['Critères du réseau', 'Indicateurs 2026'], version: 2 })
    expect(row.attendees).toEqual([
      { organisation: 'État', participants: ['Mme Martin'] },
      { organisation: 'CINOV-IT', participants: ['M. Durand'] },
    ])

    // Someone else saves meanwhile: the form's version is stale, nothing is overwritten, the page says so.
    await open()
    const other = await send(
      admin,
      'PATCH',
      `/api/v1/committees/meetings/${id}`,
      { minutes: 'Modifié ailleurs.' },
      { 'if-match': `"${id}-v2"` },
    )
    expect(other.status).toBe(200)
    await admin.fill(`#e-${id}-minutes`, 'Ma version.')
    await admin.click(`[data-edit-form="${id}"] button[type=submit]`)
    const problem = admin.locator(`[data-edit-form="${id}"] .edit-problem`)
    await expect.poll(() => problem.textContent()).toContain('Quelqu’un a modifié cette séance')
    expect(await problem.textContent()).toContain('version 3')
    expect(await axeViolations(admin)).toEqual([])
    row = await db().selectFrom('committee_meetings').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    expect(row.minutes).toBe('Modifié ailleurs.')

    // Reloaded, then both parties validate before the admin saves: final minutes, a 409 explained.
    await admin.click(`[data-edit-form="${id}"] [data-edit-reload]`)
    // The meetings are redrawn: wait for the old form to go, or Enter may land on the button being replaced.
    await admin.waitForSelector(`[data-edit-form="${id}"]`, { state: 'detached' })
    await open()
    expect(await admin.inputValue(`#e-${id}-minutes`)).toBe('Modifié ailleurs.')
    for (const email of ['etat@example.fr', 'cinov@example.fr']) {
      const party = await pageAs(e2e.browser, email)
      expect((await send(party, 'POST', `/api/v1/committees/meetings/${id}/validate`, {})).status).toBe(200)
    }
    await admin.fill(`#e-${id}-minutes`, 'Trop tard.')
    await admin.click(`[data-edit-form="${id}"] button[type=submit]`)
    await expect.poll(() => problem.textContent()).toContain('devenu définitif')
    row = await db().selectFrom('committee_meetings').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    expect(row.minutes).toBe('Modifié ailleurs.')
    expect(row.finalized_at).not.toBeNull()
  })

  it('lets an admin adopt a new version of the network criteria from the page, errors under the fields', async () => {
    const admin = await pageAs(e2e.browser, 'admin@example.fr')
    await admin.waitForSelector('#criteria-form')
    expect(await admin.textContent('#criteria-admin')).toContain('Aucune liste n’est encore adoptée')
    await admin.fill('#cr-0-code', 'Horaires')
    await admin.click('#criteria-form button[type=submit]')
    await admin.waitForSelector('#criteria-adopted-on-error')
    expect(await admin.textContent('#cr-0-code-error')).toBeTruthy()
    expect(await admin.textContent('#cr-0-libelle-error')).toBeTruthy()
    expect(await axeViolations(admin)).toEqual([])
    await admin.fill('#criteria-adopted-on', '2026-06-20')
    await admin.fill('#cr-0-code', 'horaires')
    await admin.fill('#cr-0-libelle', 'Horaires d’ouverture publiés')
    await admin.selectOption('#cr-0-mesure', 'horaires')
    // A second criterion, added with the keyboard, checked by the committee itself (no measure).
    await admin.focus('#criteria-add')
    await admin.keyboard.press('Enter')
    expect(await admin.evaluate(() => document.activeElement?.id)).toBe('cr-1-code')
    await admin.keyboard.type('charte')
    await admin.fill('#cr-1-libelle', 'Charte de la médiation signée')
    await admin.selectOption('#criteria-meeting-id', { index: 1 })
    expect(await axeViolations(admin)).toEqual([])
    await admin.screenshot({ path: join(SHOTS, 'committees-criteria-form.png'), fullPage: true }).catch(() => undefined)
    await admin.click('#criteria-form button[type=submit]')
    await expect.poll(() => admin.textContent('#flash')).toContain('Version 1 des critères adoptée')
    const criteria = await (await fetch(`${e2e.baseUrl}/api/v1/governance/criteria`)).json()
    expect(criteria).toMatchObject({ version: 1, adopted_on: '2026-06-20' })
    expect(criteria.meeting_id).toMatch(/^[0-9a-f-]{36}$/)
    expect(criteria.criteria.map((c: { code: string; mesure: string | null }) => [c.code, c.mesure])).toEqual([
      ['horaires', 'horaires'],
      ['charte', null],
    ])
    await expect.poll(() => admin.textContent('#criteria-admin')).toContain('Version en vigueur : 1')
  })

  it('passes axe-core on /emplois and on the admin’s emplois d’avenir follow-up', async () => {
    const context = await e2e.browser.newContext({ bypassCSP: true, locale: 'fr-FR', viewport: { width: 1280, height: 1000 } })
    contexts.push(context)
    const page = await context.newPage()
    await page.goto(`${e2e.baseUrl}/emplois/`)
    await expect.poll(() => page.textContent('#status')).not.toContain('Chargement')
    expect(await axeViolations(page)).toEqual([])
    await page.goto(`${e2e.baseUrl}/admin/`)
    await page.fill('#login-email', 'admin@example.fr')
    await page.fill('#login-password', PASSWORD)
    await page.click('#login-form button[type=submit]')
    await page.waitForSelector('#app:not([hidden])')
    await page.click('[data-view="emplois-avenir"]')
    await page.waitForSelector('#ea-list form[data-outcome]')
    expect(await page.textContent('#ea-list')).toContain('Numérique Aquitaine')
    expect(await axeViolations(page)).toEqual([])
    await page.selectOption('#ea-list select', 'formation_apprentissage')
    await page.click('#ea-list button[type=submit]')
    await expect.poll(() => page.textContent('#flash')).toContain('Devenir enregistré')
    const s = await db().selectFrom('sponsorships').select('outcome').executeTakeFirstOrThrow()
    expect(s.outcome).toBe('formation_apprentissage')
  })
})
