// End to end, in Chromium: the public map as people use it (issue 13) — hours and phones readable everywhere,
// a search that forgives, small things, embeds framed on their territory. Seeded with the demo venues of
// Haute-Savoie (74), Loire (42) and Rhône (69), so Saint-Étienne and Lyon have venues and Mouthe (25) has
// its nearest ones about 40 km away.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { BrowserContext, Page } from 'playwright-core'
import { importFile } from '../../db/import/importer.ts'
import { demoSubsetCsv } from './helpers/seed.ts'
import { startE2E, type E2E } from './helpers/start.ts'

let e2e: E2E
let context: BrowserContext

const WAIT = { timeout: 60_000 }
vi.setConfig({ testTimeout: 240_000 })
const OSM_DAYS = /\b(Mo|Tu|We|Th|Fr|Sa|Su|PH)\b|\d\d:\d\d/

interface Venue {
  id: string
  nom: string
  commune: string
  code_insee: string
  telephone: string | null
  horaires: string | null
  distance_m?: number
}

async function api<T>(path: string): Promise<T> {
  const response = await fetch(`${e2e.baseUrl}${path}`)
  if (!response.ok) throw new Error(`${path} → ${response.status} ${await response.text()}`)
  return response.json() as Promise<T>
}

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

/** A published venue with hours and a phone, near a point. */
async function venueWithHoursAndPhone(near = '45.8992,6.1294'): Promise<Venue> {
  const { items } = await api<{ items: Venue[] }>(`/api/v1/venues?near=${near}&limit=50`)
  const venue = items.find((v) => v.horaires && /^\+33/.test(v.telephone ?? '') && /\d\d:\d\d/.test(v.horaires))
  if (!venue) throw new Error('aucun lieu avec horaires et téléphone')
  return venue
}

beforeAll(async () => {
  e2e = await startE2E({
    seed: 'demo-subset',
    async prepare(database) {
      for (const prefix of ['42', '69']) {
        const report = await importFile(database.db, demoSubsetCsv('hinaura.csv', prefix), {
          fileName: `hinaura-${prefix}.csv`,
          source: 'hinaura',
          actor: 'test:e2e',
          partial: true,
        })
        if (report.file_error) throw new Error(report.file_error)
      }
    },
  })
  context = await e2e.browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } })
}, 300_000)

afterAll(async () => {
  await context?.close()
  await e2e?.close()
})

describe('hours and phones readable everywhere', () => {
  it('the venue page at 320 px: hours in French sentences, a week table not cut, the phone in national format', async () => {
    const venue = await venueWithHoursAndPhone()
    const phone = await e2e.browser.newContext({ locale: 'fr-FR', viewport: { width: 320, height: 700 }, isMobile: true, hasTouch: true })
    const page = await phone.newPage()
    await page.goto(`${e2e.baseUrl}/lieux/${venue.id}`)
    const hoursText = await page.textContent('section[aria-labelledby="horaires"]')
    expect(hoursText).not.toMatch(OSM_DAYS)
    expect(await page.textContent('.lieu-hours-sentence')).toMatch(/^(Ouvert|Aucune)/)
    // Not cut: the table fits in the page, nothing to scroll sideways.
    const widths = await page.evaluate(() => {
      const table = document.querySelector('.lieu-hours table') as HTMLElement
      return {
        table: table.getBoundingClientRect().right,
        page: document.documentElement.clientWidth,
        scroll: document.documentElement.scrollWidth,
      }
    })
    expect(widths.table).toBeLessThanOrEqual(widths.page)
    expect(widths.scroll).toBeLessThanOrEqual(320)
    const tel = page.locator('.lieu-contact a[href^="tel:"]')
    expect(await tel.getAttribute('href')).toBe(`tel:${venue.telephone}`)
    expect(await tel.textContent()).toMatch(/^0\d( \d\d){4}$/)
    await phone.close()
  })

  it('the list cards show hours in French and national phone numbers', async () => {
    const page = await context.newPage()
    await page.goto(`${e2e.baseUrl}/?lat=45.89920&lon=6.12940&lieu=Annecy`)
    await waitForResults(page)
    await page.waitForSelector('#results li.result .hours', WAIT)
    await page.waitForFunction(() => [...document.querySelectorAll('#results .hours')].every((p) => p.textContent), null, WAIT)
    const hours = await page.$$eval('#results li.result .hours', (ps) => ps.map((p) => p.textContent ?? ''))
    expect(hours.length).toBeGreaterThan(0)
    for (const text of hours) {
      expect(text).toMatch(/^Horaires : /)
      expect(text).not.toMatch(OSM_DAYS)
    }
    await page.waitForSelector('#results li.result .phone a', WAIT)
    const phones = await page.$$eval('#results li.result .phone a', (links) =>
      links.map((a) => ({ text: a.textContent ?? '', href: a.getAttribute('href') ?? '' })),
    )
    for (const { text, href } of phones.filter((p) => p.href.startsWith('tel:+33'))) {
      expect(text).toMatch(/^0\d( \d\d){4}$/)
      expect(href).toMatch(/^tel:\+33\d{9}$/)
    }
    await page.close()
  })

  it('the referral sheet: three venues on one A4 page, hours readable (no Mo/Tu/Th), the count in its link', async () => {
    const page = await context.newPage()
    await page.goto(`${e2e.baseUrl}/?lat=45.89920&lon=6.12940&lieu=Annecy`)
    await waitForResults(page)
    const labels = page.locator('#results li.result .fr-checkbox-group label')
    for (let i = 0; i < 3; i++) await labels.nth(i).click()
    await page.waitForFunction(() => /\(3 lieux\)/.test(document.querySelector('#sheet-link')?.textContent ?? ''), null, WAIT)
    await page.goto(`${e2e.baseUrl}/fiche/`)
    await page.waitForFunction(() => document.querySelectorAll('.sheet-venue').length === 3, null, WAIT)
    await page.fill('#sheet-name', 'Yvette')
    await page.fill('#sheet-note', 'Apportez votre carte Vitale et votre téléphone.')
    await page.emulateMedia({ media: 'print' })
    const printed = await page.textContent('.sheet')
    expect(printed).toContain('Horaires : ')
    expect(printed).not.toMatch(OSM_DAYS)
    expect(printed).not.toMatch(/\+33\d{9}/)
    const pdf = await page.pdf({ format: 'A4', printBackground: false })
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []
    expect(pages.length).toBe(1)
    await page.close()
  })
})

describe('a search that forgives', () => {
  it('"st etienne" + Enter lists the venues of Saint-Étienne sorted by distance, and the suggestions close', async () => {
    const page = await context.newPage()
    await page.goto(`${e2e.baseUrl}/`)
    await page.fill('#search-input', 'st etienne')
    await page.waitForSelector('#search-suggestions [role="option"]', WAIT)
    expect(await page.textContent('#search-suggestions [role="option"]')).toContain('Saint-Étienne (42')
    await page.press('#search-input', 'Enter')
    await page.waitForURL(/lieu=Saint-/, WAIT)
    await waitForResults(page)
    expect(await page.isVisible('#search-suggestions')).toBe(false)
    expect(new URL(page.url()).searchParams.get('lieu')).toMatch(/^Saint-Étienne \(42/)
    const distances = await page.$$eval('#results li.result', (items) => items.map((li) => Number((li as HTMLElement).dataset.distance)))
    expect(distances.length).toBeGreaterThan(0)
    expect(distances.every(Number.isFinite)).toBe(true)
    expect([...distances].sort((a, b) => a - b)).toEqual(distances)
    // The nearest venues are those of Saint-Étienne itself (INSEE 42218), whatever their producers' spelling.
    const firstId = await page.getAttribute('#results li.result', 'data-id')
    expect((await api<Venue>(`/api/v1/venues/${firstId}`)).code_insee).toBe('42218')
    // Typed again quickly then Enter before any suggestion arrives: the list never reopens over the results.
    await page.fill('#search-input', 'Annecy')
    await page.press('#search-input', 'Enter')
    await page.waitForURL(/lieu=Annecy/, WAIT)
    await page.waitForTimeout(800)
    expect(await page.isVisible('#search-suggestions')).toBe(false)
    await page.close()
  })

  it('"Lyon": the first suggestion is the whole city, then its arrondissements in order; Escape closes', async () => {
    const page = await context.newPage()
    await page.goto(`${e2e.baseUrl}/`)
    await page.fill('#search-input', 'Lyon')
    await page.waitForSelector('#search-suggestions [role="option"]', WAIT)
    const options = await page.$$eval('#search-suggestions [role="option"] > span:first-child', (spans) =>
      spans.map((s) => s.textContent ?? ''),
    )
    expect(options[0]).toBe('Lyon (toute la ville)')
    expect(options.slice(1, 4)).toEqual([
      'Lyon 1er Arrondissement (69001)',
      'Lyon 2e Arrondissement (69002)',
      'Lyon 3e Arrondissement (69003)',
    ])
    await page.press('#search-input', 'Escape')
    expect(await page.isVisible('#search-suggestions')).toBe(false)
    await page.press('#search-input', 'Enter')
    await page.waitForURL(/lieu=Lyon/, WAIT)
    await waitForResults(page)
    expect(new URL(page.url()).searchParams.get('lieu')).toBe('Lyon (toute la ville)')
    await page.close()
  })

  it('Mouthe (25): nothing within 10 or 20 km, the search widens to 50 km and says how far the nearest venue is', async () => {
    const page = await context.newPage()
    await page.goto(`${e2e.baseUrl}/`)
    await page.fill('#search-input', 'Mouthe')
    await page.waitForSelector('#search-suggestions [role="option"]', WAIT)
    await page.click('#search-suggestions [role="option"]')
    await page.waitForURL(/rayon=50/, WAIT)
    await waitForResults(page)
    const notice = await page.textContent('#widened')
    expect(notice).toMatch(
      /Aucun lieu à moins de 10 km, ni à moins de 20 km : la recherche est élargie à 50 km\. Le lieu le plus proche est à (39|40|41) km\./,
    )
    const first = Number(await page.getAttribute('#results li.result', 'data-distance'))
    expect(first).toBeGreaterThan(20_000)
    expect(first).toBeLessThan(50_000)
    expect(await page.$eval('#radius-select', (s) => (s as HTMLSelectElement).value)).toBe('50000')
    await page.close()
  })
})

describe('small things people notice', () => {
  it('"Gratuit" and "Ouvert le samedi" are one tap each, above the filters', async () => {
    const page = await context.newPage()
    const missing: string[] = []
    page.on('response', (r) => {
      if (r.status() === 404) missing.push(r.url())
    })
    await page.goto(`${e2e.baseUrl}/?lat=45.89920&lon=6.12940&lieu=Annecy`)
    await waitForResults(page)
    expect(await page.isVisible('#filters-panel')).toBe(false)
    await page.click('#chip-free')
    await page.waitForURL(/frais_a_charge=Gratuit/, WAIT)
    expect(await page.getAttribute('#chip-free', 'aria-pressed')).toBe('true')
    await waitForResults(page)
    for (const id of (
      await page.$$eval('#results li.result', (items) => items.map((li) => (li as HTMLElement).dataset.id as string))
    ).slice(0, 5)) {
      expect((await api<{ frais_a_charge: string[] }>(`/api/v1/venues/${id}`)).frais_a_charge).toContain('Gratuit')
    }
    await page.click('#chip-saturday')
    await page.waitForURL(/ouvert=samedi/, WAIT)
    expect(await page.getAttribute('#chip-saturday', 'aria-pressed')).toBe('true')
    await page.click('#chip-free')
    await page.waitForFunction(() => !location.search.includes('frais_a_charge'), null, WAIT)
    expect(await page.getAttribute('#chip-free', 'aria-pressed')).toBe('false')
    // Footer links and the favicon.
    expect(await page.getAttribute('footer a[href="/parrainages/"]', 'href')).toBe('/parrainages/')
    expect(await page.getAttribute('footer a[href="/gouvernance/"]', 'href')).toBe('/gouvernance/')
    expect((await page.request.get(`${e2e.baseUrl}/favicon.ico`)).status()).toBe(200)
    expect(missing).toEqual([])
    await page.close()
  })

  it('the public venue page says what is to be confirmed, never a completion score', async () => {
    const { items } = await api<{ items: (Venue & { services: string[] })[] }>('/api/v1/venues?near=45.8992,6.1294&limit=100')
    const incomplete = items.find((v) => !v.horaires || !v.telephone || v.services.length === 0)
    const page = await context.newPage()
    await page.goto(`${e2e.baseUrl}/lieux/${incomplete!.id}`)
    const text = await page.textContent('main')
    expect(text).not.toContain('Fiche complétée')
    expect(text).toContain('Informations à confirmer')
    expect(await page.getAttribute('footer a[href="/gouvernance/"]', 'href')).toBe('/gouvernance/')
    const report = await page.request.get(`${e2e.baseUrl}/gouvernance/rapport/`, { maxRedirects: 0 })
    expect(report.status()).toBe(302)
    expect(report.headers().location).toBe(`/gouvernance/rapport/${new Date().getUTCFullYear()}`)
    await page.close()
  })
})

describe('embeds framed on their territory', () => {
  it('/embed/?territoire=dep:69 starts within the département’s bounds', async () => {
    const page = await context.newPage()
    await page.goto(`${e2e.baseUrl}/embed/?territoire=dep:69`)
    await page.waitForFunction(() => Boolean(document.querySelector<HTMLElement>('#map')?.dataset.bounds), null, WAIT)
    const [west, south, east, north] = (await page.getAttribute('#map', 'data-bounds'))!.split(',').map(Number)
    // Rhône spans about 4.24–5.16 E, 45.45–46.31 N: the view holds it and is not all of France.
    expect(west).toBeLessThan(4.3)
    expect(east).toBeGreaterThan(5.1)
    expect(south).toBeLessThan(45.5)
    expect(north).toBeGreaterThan(46.25)
    expect(east - west).toBeLessThan(4)
    expect((west + east) / 2).toBeGreaterThan(4.2)
    expect((west + east) / 2).toBeLessThan(5.2)
    await page.close()
  })

  it('/integrer: a configurator previews the iframe live, copies the snippet, with this instance’s address; the table fits', async () => {
    const copyContext = await e2e.browser.newContext({
      locale: 'fr-FR',
      viewport: { width: 1280, height: 900 },
      permissions: ['clipboard-read', 'clipboard-write'],
    })
    const page = await copyContext.newPage()
    await page.goto(`${e2e.baseUrl}/integrer/`)
    expect(await page.textContent('main')).not.toContain('VOTRE-INSTANCE')
    const fits = await page.$eval(
      '.embed-params table',
      (t) => t.getBoundingClientRect().width <= (t.closest('.fr-container') as HTMLElement).clientWidth,
    )
    expect(fits).toBe(true)
    await page.fill('#embed-territory', 'dep:74')
    await page.click('label[for="embed-free"]')
    await page.selectOption('#embed-view', 'carte')
    await page.fill('#embed-height', '900')
    const snippet = await page.textContent('#snippet')
    expect(snippet).toContain(`src="${e2e.baseUrl}/embed/?territoire=dep%3A74&frais_a_charge=Gratuit&vue=carte"`)
    expect(snippet).toContain('height="900"')
    expect(await page.getAttribute('#embed-preview', 'src')).toBe(
      `${e2e.baseUrl}/embed/?territoire=dep%3A74&frais_a_charge=Gratuit&vue=carte`,
    )
    await page.click('#embed-copy')
    await page.waitForFunction(() => /copié|sélectionné/.test(document.querySelector('#embed-copied')?.textContent ?? ''), null, WAIT)
    await copyContext.close()
  })
})
