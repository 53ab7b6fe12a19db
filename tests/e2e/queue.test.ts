// End to end in Chromium, on both databases: a curator clears ten queue items by keyboard alone (approve,
// select and approve in batch, reject with a reason, close reports without action), with auto-advance; the
// queue and /gouvernance pass axe-core, and the dashboard says where no data is collected yet.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { sql } from 'kysely'
import { createApiKey } from '../../db/auth/api-keys.ts'
import { createUser } from '../../db/auth/users.ts'
import { insertSubmission } from '../../db/curation/submissions.ts'
import { createVenue } from '../api/curation/curation-fixtures.ts'
import { axeViolations } from './helpers/browser.ts'
import { startE2E, type E2E } from './helpers/start.ts'

const SHOTS = '/work/brief/shots'

describe.each(['pglite', 'postgres'] as const)('moderation queue by keyboard [%s, chromium]', (kind) => {
  let e2e: E2E
  let page: Page
  const updates: { id: string; venueId: string }[] = []
  const reports: string[] = []
  let createId = ''
  let neighbourId = ''
  const db = () => e2e.database.db
  const rows = () => page.locator('#queue-list tr[data-row]').count()
  const title = () => page.textContent('#queue-detail-title')
  /** Waits until the detail pane shows the current item (as a person reads it before deciding). */
  const detailShown = () =>
    expect
      .poll(() =>
        page.evaluate(() => {
          const id = document.querySelector<HTMLElement>('#queue-list tr.queue-current')?.dataset.row
          return !!id && document.querySelector<HTMLElement>('#queue-detail')?.dataset.submission === id
        }),
      )
      .toBe(true)

  beforeAll(async () => {
    e2e = await startE2E({ seed: 'none', kind })
    await createUser(db(), {
      email: 'curatrice@example.fr',
      password: 'mot de passe de test',
      role: 'curator',
      territories: ['dep:33'],
      createdBy: 'test',
    })
    const authority = (
      await createApiKey(db(), { name: 'Mairie de Pessac', role: 'authority', territories: ['dep:33'], createdBy: 'test' })
    ).key
    // Two public reports (oldest), seven updates, then a creation proposal beside a published venue (newest).
    for (const n of [1, 2]) {
      const venue = await createVenue(db(), { nom: `Point numérique signalé ${n}` })
      const res = await fetch(`${e2e.baseUrl}/api/v1/venues/${venue.id}/reports`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ message: `Les horaires affichés sont faux (${n})`, champ: 'horaires' }),
      })
      expect(res.status).toBe(201)
      reports.push((await res.json()).id)
    }
    for (let n = 1; n <= 7; n++) {
      const venue = await createVenue(db(), { nom: `Espace numérique ${n}` })
      const s = await insertSubmission(db(), {
        kind: 'update',
        venueId: venue.id,
        baseVersion: 1,
        payload: { changes: { nom: `Espace numérique ${n} (corrigé)` } },
        submittedBy: 'clé:Mairie de Pessac',
        submitterId: 'apikey:test',
        departement: '33',
        region: '75',
      })
      updates.push({ id: s.id, venueId: venue.id })
    }
    neighbourId = (await createVenue(db(), { nom: 'Médiathèque de Pessac', latitude: 44.806, longitude: -0.631 })).id
    const created = await fetch(`${e2e.baseUrl}/api/v1/venues`, {
      method: 'POST',
      headers: { authorization: `Bearer ${authority}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        nom: 'Nouvel EPN de Pessac',
        adresse: '2 avenue Jean Jaurès',
        code_postal: '33600',
        commune: 'Pessac',
        code_insee: '33318',
        latitude: 44.8068,
        longitude: -0.6305,
      }),
    })
    expect(created.status).toBe(202)
    createId = (await created.json()).submission_id
    // Distinct, ordered filing times: the creation first in the queue, the reports last.
    const order = [createId, ...updates.map((u) => u.id), ...reports]
    for (const [i, id] of order.entries())
      await db()
        .updateTable('submissions')
        .set({ created_at: sql`now() - make_interval(mins => ${i + 1})` })
        .where('id', '=', id)
        .execute()
    const context = await e2e.browser.newContext({ bypassCSP: true, viewport: { width: 1400, height: 1000 } })
    page = await context.newPage()
  }, 240_000)
  afterAll(async () => {
    await e2e?.close()
  })

  it('logs in and shows the queue with its shortcuts, a creation titled with its name, a map and nearby venues', async () => {
    await page.goto(`${e2e.baseUrl}/admin/`)
    await page.fill('#login-email', 'curatrice@example.fr')
    await page.fill('#login-password', 'mot de passe de test')
    await page.press('#login-password', 'Enter')
    await page.waitForSelector('#app:not([hidden])')
    await expect.poll(rows, { timeout: 30_000 }).toBe(10)
    expect(await page.textContent('#queue-keys')).toMatch(/j.*suivant.*k.*précédent.*a.*approuver.*r.*refuser.*x.*sélectionner/s)
    await expect.poll(title, { timeout: 30_000 }).toBe('Création du lieu « Nouvel EPN de Pessac »')
    expect(await page.textContent('#queue-nearby')).toContain('Médiathèque de Pessac')
    expect(await page.getAttribute(`#queue-nearby a[href="#venue/${neighbourId}"]`, 'href')).toBeTruthy()
    await page.waitForSelector('#queue-map canvas')
    await page.waitForTimeout(800)
    expect(await axeViolations(page)).toEqual([])
    await page.screenshot({ path: `${SHOTS}/queue-${kind}-creation.png`, fullPage: true })
  })

  it('filters by author with the keyboard (type, Enter), then clears the filter', async () => {
    await page.focus('#queue-author')
    await page.keyboard.type('public')
    await page.keyboard.press('Enter')
    await expect.poll(rows).toBe(2)
    expect(await page.locator('#queue-list tr[data-kind="report"]').count()).toBe(2)
    await page.fill('#queue-author', '')
    await page.keyboard.press('Enter')
    await expect.poll(rows).toBe(10)
    // Back to the page: the shortcuts work outside the fields.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
  })

  it('clears ten items by keyboard alone, advancing to the next item after each decision', async () => {
    const started = Date.now()
    const press = async (key: string, remaining: number) => {
      await detailShown()
      await page.keyboard.press(key)
      await expect.poll(rows, { timeout: 20_000 }).toBe(remaining)
    }
    // a × 4: the creation, then updates 1 to 3 (each time the next item is shown).
    await press('a', 9)
    await expect.poll(title).toBe('Modification — Espace numérique 1')
    await press('a', 8)
    await press('a', 7)
    await press('a', 6)
    await expect.poll(title).toBe('Modification — Espace numérique 4')
    // x, j, x, Maj+A: updates 4 and 5 approved together.
    await detailShown()
    await page.keyboard.press('x')
    await page.keyboard.press('j')
    await expect.poll(title).toBe('Modification — Espace numérique 5')
    await page.keyboard.press('x')
    await expect.poll(() => page.textContent('#queue-count')).toContain('2 sélectionné(s)')
    await press('Shift+A', 4)
    expect(await page.textContent('#flash')).toContain('2 élément(s) approuvé(s)')
    // k back to update 6, r, the reason, Enter: refused.
    await page.keyboard.press('k')
    await expect.poll(title).toBe('Modification — Espace numérique 6')
    await detailShown()
    await page.keyboard.press('r')
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('reject-reason')
    await page.keyboard.type('Doublon d’une autre proposition')
    await press('Enter', 3)
    await expect.poll(title).toBe('Modification — Espace numérique 7')
    await press('a', 2)
    // A report: its own verbs, no "Aucune différence"; a does not approve it.
    await expect.poll(title).toBe('Signalement — Point numérique signalé 1')
    const detail = await page.textContent('#queue-detail')
    expect(detail).toContain('Corriger la fiche')
    expect(detail).toContain('Classer sans suite')
    expect(detail).toContain('Les horaires affichés sont faux (1)')
    expect(detail).not.toContain('Aucune différence')
    expect(await page.locator('#approve').count()).toBe(0)
    await detailShown()
    await page.keyboard.press('a')
    await expect.poll(() => page.textContent('#flash')).toContain('Corriger la fiche')
    expect(await rows()).toBe(2)
    await page.screenshot({ path: `${SHOTS}/queue-${kind}-report.png`, fullPage: true })
    for (const [n, remaining] of [
      [1, 1],
      [2, 0],
    ]) {
      // What a person does: read the item shown before deciding.
      await expect.poll(title).toBe(`Signalement — Point numérique signalé ${n}`)
      await detailShown()
      await page.keyboard.press('r')
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('reject-reason')
      await page.keyboard.type('Information déjà à jour')
      await page.keyboard.press('Enter')
      await expect.poll(() => page.locator('#queue-list tr[data-row]').count(), { timeout: 20_000 }).toBe(remaining)
    }
    await page.waitForSelector('#queue-empty')
    console.log(`[${kind}] 10 éléments traités au clavier en ${Date.now() - started} ms`)
    await page.screenshot({ path: `${SHOTS}/queue-${kind}-empty.png` })

    const closed = await db()
      .selectFrom('submissions')
      .select(['id', 'status', 'decision_reason'])
      .where('id', 'in', [createId, ...updates.map((u) => u.id), ...reports])
      .execute()
    const status = Object.fromEntries(closed.map((s) => [s.id, s.status]))
    expect(status[createId]).toBe('approved')
    for (const [i, u] of updates.entries()) expect(status[u.id], `update ${i + 1}`).toBe(i === 5 ? 'rejected' : 'approved')
    for (const r of reports) expect(status[r]).toBe('rejected')
    expect(closed.find((s) => s.id === updates[5].id)!.decision_reason).toBe('Doublon d’une autre proposition')
    const names = await db()
      .selectFrom('venues')
      .select(['id', 'nom'])
      .where(
        'id',
        'in',
        updates.map((u) => u.venueId),
      )
      .execute()
    for (const [i, u] of updates.entries())
      expect(names.find((v) => v.id === u.venueId)!.nom).toBe(i === 5 ? 'Espace numérique 6' : `Espace numérique ${i + 1} (corrigé)`)
    expect(await db().selectFrom('venues').select('id').where('nom', '=', 'Nouvel EPN de Pessac').executeTakeFirst()).toBeTruthy()
  }, 180_000)

  it('says on /gouvernance where data is not yet collected, states the series start, and passes axe-core', {
    timeout: 240_000,
  }, async () => {
    await page.goto(`${e2e.baseUrl}/gouvernance/?territory=dep:44`)
    await page.waitForSelector('body[data-ready="true"]', { timeout: 180_000 })
    expect(await page.textContent('#collection-note')).toContain('Données non encore collectées')
    expect(await page.textContent('#white-summary')).toContain('données non encore collectées')
    expect(await page.locator('#white-table tr').count()).toBe(0)
    expect(await axeViolations(page)).toEqual([])
    await page.screenshot({ path: `${SHOTS}/queue-${kind}-gouvernance-44.png`, fullPage: true })
    await page.selectOption('#territory', 'dep:33')
    await expect.poll(() => page.textContent('#collection-note'), { timeout: 120_000 }).toContain('collectées sur tout le territoire')
    expect(await page.textContent('#chart-series')).toContain('La série commence au premier import de données')
    expect(await axeViolations(page)).toEqual([])
  })
})
