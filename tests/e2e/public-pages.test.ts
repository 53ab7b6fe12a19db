// End to end, in Chromium: accessibility audits (axe-core) of the public pages, the venue page without
// JavaScript, the referral sheet and the embeddable map.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { BrowserContext, Page } from 'playwright-core'
import { startE2E, type E2E } from './helpers/start.ts'
import { axeViolations } from './helpers/browser.ts'

let e2e: E2E
let context: BrowserContext
let venueId: string

const WAIT = { timeout: 60_000 }
// A browser path waits on several searches; on a loaded CI machine each may take seconds.
vi.setConfig({ testTimeout: 240_000 })
const SEARCH = '/?lat=45.89920&lon=6.12940&lieu=Annecy'

async function waitForResults(page: Page): Promise<void> {
  // The results region says when it is drawn (results and counts): data-state="ready".
  await page.waitForFunction(
    () =>
      document.querySelector<HTMLElement>('#results-panel')?.dataset.state === 'ready' &&
      document.querySelectorAll('#results li.result').length > 0,
    null,
    WAIT,
  )
}

function describeViolations(violations: Awaited<ReturnType<typeof axeViolations>>): string {
  return violations.map((v) => `${v.id} (${v.impact}) ${v.help}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`).join('\n')
}

beforeAll(async () => {
  e2e = await startE2E({ seed: 'demo-subset' })
  // axe-core is injected as a script: the strict CSP (script-src 'self') would block it otherwise.
  context = await e2e.browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 }, bypassCSP: true })
  const response = await fetch(`${e2e.baseUrl}/api/v1/venues?near=45.8992,6.1294&limit=1`)
  venueId = ((await response.json()) as { items: { id: string }[] }).items[0].id
}, 300_000)

afterAll(async () => {
  await context?.close()
  await e2e?.close()
})

describe('accessibility (axe-core, WCAG 2.1 A and AA)', () => {
  it('/ with results, filters closed then open', async () => {
    const page = await context.newPage()
    await page.goto(`${e2e.baseUrl}${SEARCH}`)
    await waitForResults(page)
    expect(describeViolations(await axeViolations(page))).toBe('')
    await page.click('#filters-toggle')
    await page.waitForFunction(() => /\(\d+\)/.test(document.querySelector('[data-count-for^="services|"]')?.textContent ?? ''), null, WAIT)
    expect(describeViolations(await axeViolations(page))).toBe('')
    await page.close()
  })

  it('/ on a phone (map view)', async () => {
    const phone = await e2e.browser.newContext({
      locale: 'fr-FR',
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      bypassCSP: true,
    })
    const page = await phone.newPage()
    await page.goto(`${e2e.baseUrl}${SEARCH}`)
    await waitForResults(page)
    expect(await page.isVisible('#map')).toBe(false)
    await page.click('#show-map')
    expect(await page.isVisible('#map')).toBe(true)
    expect(await page.isVisible('#results')).toBe(false)
    expect(page.url()).toContain('vue=carte')
    expect(describeViolations(await axeViolations(page))).toBe('')
    await phone.close()
  })

  it('/lieux/{id}', async () => {
    const page = await context.newPage()
    await page.goto(`${e2e.baseUrl}/lieux/${venueId}`)
    expect(describeViolations(await axeViolations(page))).toBe('')
    await page.close()
  })

  it('/embed/ and its documentation page', async () => {
    const page = await context.newPage()
    await page.goto(`${e2e.baseUrl}/embed/?territoire=dep:74&lat=45.89920&lon=6.12940&lieu=Annecy`)
    await waitForResults(page)
    expect(describeViolations(await axeViolations(page))).toBe('')
    await page.goto(`${e2e.baseUrl}/integrer/`)
    expect(describeViolations(await axeViolations(page))).toBe('')
    await page.close()
  })
})

describe('venue page without JavaScript', () => {
  it('shows everything and takes an error report with a confirmation', async () => {
    const nojs = await e2e.browser.newContext({ locale: 'fr-FR', javaScriptEnabled: false })
    const page = await nojs.newPage()
    await page.goto(`${e2e.baseUrl}/lieux/${venueId}`)
    expect(await page.$$eval('.lieu-hours tbody tr', (rows) => rows.length)).toBe(7)
    expect(await page.isVisible('#horaires')).toBe(true)
    await page.fill('#report-message', 'L’adresse a changé : 3 rue du Lac.')
    await page.click('#report-form button[type="submit"]')
    await page.waitForURL(/signalement=envoye/, WAIT)
    expect(await page.textContent('.fr-alert--success')).toContain('Merci, votre signalement a bien été envoyé.')
    await nojs.close()
  })
})

describe('referral sheet', () => {
  it('collects venues picked on the map, prints with the first name and note, stores nothing on the server', async () => {
    const page = await context.newPage()
    await page.goto(`${e2e.baseUrl}${SEARCH}`)
    await waitForResults(page)
    const names = await page.$$eval('#results li.result h3 a', (links) =>
      links.slice(0, 2).map((a) => (a.textContent ?? '').replace(/^\d+\.\s*/, '')),
    )
    const labels = page.locator('#results li.result .fr-checkbox-group label')
    await labels.nth(0).click()
    await labels.nth(1).click()
    const posts: string[] = []
    page.on('request', (request) => {
      if (request.method() !== 'GET') posts.push(request.url())
    })
    await page.goto(`${e2e.baseUrl}/fiche/`)
    await page.waitForFunction((n) => document.querySelectorAll('.sheet-venue').length === n, names.length, WAIT)
    expect(await page.$$eval('.sheet-venue h3', (h) => h.map((x) => x.textContent))).toEqual(names)
    await page.fill('#sheet-name', 'Yvette')
    await page.fill('#sheet-note', 'Apportez votre carte Vitale.')
    await page.emulateMedia({ media: 'print' })
    expect(await page.isVisible('#sheet-form')).toBe(false)
    expect(await page.textContent('#sheet-for')).toBe('Pour Yvette')
    expect(await page.textContent('#sheet-note-print')).toBe('Apportez votre carte Vitale.')
    expect(await page.isVisible('.fr-header')).toBe(false)
    await page.emulateMedia({ media: 'screen' })
    expect(describeViolations(await axeViolations(page))).toBe('')
    expect(posts).toEqual([])
    await page.close()
  })
})

describe('embed', () => {
  it('runs the same search without the site chrome, limited to the territory given in the URL', async () => {
    const page = await context.newPage()
    await page.goto(`${e2e.baseUrl}/embed/?territoire=dep:74&lat=45.89920&lon=6.12940&lieu=Annecy&frais_a_charge=Gratuit`)
    await waitForResults(page)
    expect(await page.isVisible('.fr-header')).toBe(false)
    const requests: string[] = []
    page.on('request', (r) => {
      if (r.url().includes('/api/v1/venues?')) requests.push(r.url())
    })
    await page.reload()
    await waitForResults(page)
    expect(requests.some((u) => u.includes('departement=74') && u.includes('frais_a_charge=Gratuit'))).toBe(true)
    expect(await page.getAttribute('#results li.result h3 a', 'target')).toBe('_blank')
    await page.close()
  })
})
