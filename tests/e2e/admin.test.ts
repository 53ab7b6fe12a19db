// End to end in Chromium: a curator logs in to /admin, approves an authority's proposal, moves a venue's pin,
// reverts the move, awards then revokes a label, and merges two duplicates. Each step is checked in the database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { createApiKey } from '../../db/auth/api-keys.ts'
import { createUser } from '../../db/auth/users.ts'
import { detectDuplicates } from '../../db/curation/duplicates.ts'
import { createVenue } from '../api/curation/curation-fixtures.ts'
import { axeViolations } from './helpers/browser.ts'
import { startE2E, type E2E } from './helpers/start.ts'

describe('admin end to end [postgres, chromium]', () => {
  let e2e: E2E
  let page: Page
  let venueId = ''
  let dupA = ''
  let dupB = ''
  const db = () => e2e.database.db
  const flash = () => page.locator('#flash .fr-alert')

  beforeAll(async () => {
    e2e = await startE2E({ seed: 'none', kind: 'postgres' })
    await createUser(db(), {
      email: 'curatrice@example.fr',
      password: 'mot de passe de test',
      role: 'curator',
      territories: ['dep:33'],
      createdBy: 'test',
    })
    const authority = (
      await createApiKey(db(), { name: 'Gironde numérique', role: 'authority', territories: ['dep:33'], createdBy: 'test' })
    ).key
    const venue = await createVenue(db(), { nom: 'Médiathèque Mériadeck', latitude: 44.8378, longitude: -0.585 })
    venueId = venue.id
    const proposal = await fetch(`${e2e.baseUrl}/api/v1/venues/${venueId}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${authority}`, 'content-type': 'application/json', 'if-match': `"${venueId}-v1"` },
      body: JSON.stringify({ nom: 'Bibliothèque Mériadeck', telephone: '0556101010' }),
    })
    expect(proposal.status).toBe(202)
    dupA = (
      await createVenue(db(), {
        nom: 'Cyberbase de Talence',
        latitude: 44.808,
        longitude: -0.588,
        services: ['Aide aux démarches administratives'],
      })
    ).id
    dupB = (
      await createVenue(db(), {
        nom: 'Cyber-base Talence',
        latitude: 44.8081,
        longitude: -0.5881,
        services: ['Loisirs et créations numériques'],
      })
    ).id
    await detectDuplicates(db(), [dupA, dupB])
    page = await e2e.browser.newPage({ viewport: { width: 1400, height: 1000 } })
  }, 180_000)
  afterAll(async () => {
    await e2e?.close()
  })

  it('logs in', async () => {
    await page.goto(`${e2e.baseUrl}/admin/`)
    await page.fill('#login-email', 'curatrice@example.fr')
    await page.fill('#login-password', 'mot de passe de test')
    await page.click('#login-form button[type=submit]')
    await page.waitForSelector('#app:not([hidden])')
    expect(await page.textContent('#who')).toContain('curatrice@example.fr')
  })

  it('approves the authority’s proposal from the queue, seeing its diff', async () => {
    await page.click('[data-submission]')
    await page.waitForSelector('#queue-detail tr[data-field="nom"]')
    expect(await page.textContent('#queue-detail tr[data-field="nom"] .diff-new')).toBe('Bibliothèque Mériadeck')
    await page.click('#approve')
    await expect.poll(() => flash().textContent()).toContain('approuvée')
    const venue = await db().selectFrom('venues').selectAll().where('id', '=', venueId).executeTakeFirstOrThrow()
    expect(venue).toMatchObject({ nom: 'Bibliothèque Mériadeck', telephone: '+33556101010', version: 2 })
  })

  it('moves the venue’s pin by dragging it, then reverts the move', async () => {
    await page.click('[data-view="venue"]')
    await page.fill('#venue-search', venueId)
    await page.click('#venue-open button[type=submit]')
    const pin = page.locator('#venue-pin')
    await pin.waitFor({ state: 'visible' })
    await page.waitForFunction(() => document.querySelector('#venue-map canvas') !== null)
    await page.waitForTimeout(500)
    const box = (await pin.boundingBox())!
    const before = await page.inputValue('#f-latitude')
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
    await page.mouse.down()
    await page.mouse.move(box.x + box.width / 2 + 90, box.y + box.height / 2 + 60, { steps: 12 })
    await page.mouse.up()
    await expect.poll(() => page.inputValue('#f-latitude')).not.toBe(before)
    await page.click('#venue-save')
    // The editor shows the diff before saving (tests/e2e/venue-editor.test.ts covers the rest of the editor).
    await page.waitForSelector('#venue-review:not([hidden]) tr[data-field="latitude"]')
    await page.click('#venue-confirm')
    await expect.poll(() => flash().textContent()).toContain('Fiche enregistrée')
    const moved = await db().selectFrom('venues').selectAll().where('id', '=', venueId).executeTakeFirstOrThrow()
    expect(moved.version).toBe(3)
    expect(moved.latitude).toBeLessThan(44.8378)
    expect(moved.longitude).toBeGreaterThan(-0.585)

    await page.click('[data-revert="2"]')
    await expect.poll(() => flash().textContent()).toContain('Version 2 restaurée')
    const reverted = await db().selectFrom('venues').selectAll().where('id', '=', venueId).executeTakeFirstOrThrow()
    expect(reverted).toMatchObject({ version: 4, latitude: 44.8378, longitude: -0.585, nom: 'Bibliothèque Mériadeck' })
  })

  it('awards a label, then revokes it with a reason', async () => {
    await page.selectOption('#award-label', { label: 'NetPublic (EPN)' })
    await page.fill('#award-evidence', 'Convention 2025-33')
    await page.click('#award-form button[type=submit]')
    await page.waitForSelector('#venue-labels li[data-state="active"]')
    const award = await db().selectFrom('venue_labels').selectAll().where('venue_id', '=', venueId).executeTakeFirstOrThrow()
    expect(award).toMatchObject({ evidence: 'Convention 2025-33', revoked_on: null })
    await page.fill(`[data-reason="${award.id}"]`, 'Critères de la charte non remplis')
    await page.click(`[data-revoke="${award.id}"]`)
    await page.waitForSelector('#venue-labels li[data-state="revoked"]')
    const revoked = await db().selectFrom('venue_labels').selectAll().where('id', '=', award.id).executeTakeFirstOrThrow()
    expect(revoked.revoked_reason).toBe('Critères de la charte non remplis')
  })

  it('merges two duplicates, keeping the chosen one', async () => {
    await page.click('[data-view="duplicates"]')
    await page.click(`[data-merge][data-survivor="${dupA}"]`)
    await expect.poll(() => flash().textContent()).toContain('fusionnés')
    const [a, b] = await Promise.all(
      [dupA, dupB].map((id) => db().selectFrom('venues').selectAll().where('id', '=', id).executeTakeFirstOrThrow()),
    )
    expect(b).toMatchObject({ status: 'archived', merged_into: dupA })
    expect(a.services).toEqual(['Aide aux démarches administratives', 'Loisirs et créations numériques'])
    const redirect = await fetch(`${e2e.baseUrl}/api/v1/venues/${dupB}`, { redirect: 'manual' })
    expect(redirect.status).toBe(301)
  })

  it('passes axe-core (WCAG 2.1 AA) on the login page and the venue editor', async () => {
    const context = await e2e.browser.newContext({ bypassCSP: true, viewport: { width: 1300, height: 1000 } })
    const audited = await context.newPage()
    await audited.goto(`${e2e.baseUrl}/admin/`)
    await audited.waitForSelector('#login-section:not([hidden])')
    expect(await axeViolations(audited)).toEqual([])
    await audited.fill('#login-email', 'curatrice@example.fr')
    await audited.fill('#login-password', 'mot de passe de test')
    await audited.click('#login-form button[type=submit]')
    await audited.waitForSelector('#app:not([hidden])')
    await audited.evaluate((id) => {
      location.hash = `#venue/${id}`
    }, venueId)
    await audited.waitForSelector('#venue-history article')
    expect(await axeViolations(audited)).toEqual([])
    await context.close()
  })
})
