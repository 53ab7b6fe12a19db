// End to end, in Chromium: the public map from the search field to a venue page and an error report,
// by mouse and by keyboard alone, with filters checked against the API.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { BrowserContext, Page } from 'playwright-core'
import { startE2E, type E2E } from './helpers/start.ts'
import { tabTo } from './helpers/browser.ts'

let e2e: E2E
let context: BrowserContext

const WAIT = { timeout: 60_000 }
// A browser path waits on several searches; on a loaded CI machine each may take seconds.
vi.setConfig({ testTimeout: 240_000 })

async function api<T>(path: string): Promise<T> {
  const response = await fetch(`${e2e.baseUrl}${path}`)
  if (!response.ok) throw new Error(`${path} → ${response.status} ${await response.text()}`)
  return response.json() as Promise<T>
}

interface Venue {
  id: string
  nom: string
  services: string[]
  frais_a_charge: string[]
  distance_m?: number
}

/** DSFR draws its own box over a visually hidden input: click the label, as a person does. */
async function tick(page: Page, selector: string): Promise<void> {
  const id = await page.getAttribute(selector, 'id')
  await page.click(`label[for="${id}"]`)
}

async function listedIds(page: Page): Promise<string[]> {
  return page.$$eval('#results li.result', (items) => items.map((li) => (li as HTMLElement).dataset.id as string))
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

beforeAll(async () => {
  e2e = await startE2E({ seed: 'demo-subset' })
  context = await e2e.browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } })
}, 300_000)

afterAll(async () => {
  await context?.close()
  await e2e?.close()
})

describe('public map', () => {
  it('searching a commune lists venues sorted by distance, with the distance shown', async () => {
    const page = await context.newPage()
    await page.goto(`${e2e.baseUrl}/`)
    await page.fill('#search-input', 'Annecy')
    await page.waitForSelector('#search-suggestions [role="option"]', WAIT)
    const first = await page.textContent('#search-suggestions [role="option"]')
    expect(first).toContain('Annecy')
    await page.click('#search-suggestions [role="option"]')
    await waitForResults(page)
    const distances = await page.$$eval('#results li.result', (items) => items.map((li) => Number((li as HTMLElement).dataset.distance)))
    expect(distances.length).toBe(20)
    expect(distances.every(Number.isFinite)).toBe(true)
    expect([...distances].sort((a, b) => a - b)).toEqual(distances)
    expect(distances[distances.length - 1]).toBeLessThanOrEqual(10_000)
    expect(await page.textContent('#results li.result .distance')).toMatch(/^à \d+(,\d)? (m|km)$/)
    // The same search through the API: same venues in the same order.
    const url = new URL(page.url())
    const lat = url.searchParams.get('lat')
    const lon = url.searchParams.get('lon')
    expect(url.searchParams.get('lieu')).toContain('Annecy')
    const { items } = await api<{ items: Venue[] }>(`/api/v1/venues?near=${lat},${lon}&radius=10000&limit=20`)
    expect(await listedIds(page)).toEqual(items.map((v) => v.id))
    // Markers on the map, numbered like the list.
    await page.waitForFunction(() => document.querySelectorAll('#map .venue-marker').length === 20, null, WAIT)
    await page.close()
  })

  it('two filters: every result matches both, and the counts agree with the API', async () => {
    const page = await context.newPage()
    const near = '45.89920,6.12940'
    await page.goto(`${e2e.baseUrl}/?lat=45.89920&lon=6.12940&lieu=Annecy&rayon=20`)
    await waitForResults(page)
    await page.click('#filters-toggle')
    const service = 'Aide aux démarches administratives'
    const fee = 'Gratuit'
    // Counts shown before choosing: those of the API for the current search.
    const base = await api<{ total: number; facets: Record<string, Record<string, number>> }>(
      `/api/v1/venues/facets?near=${near}&radius=20000`,
    )
    const serviceBox = page.locator(`input[name="services"][value="${service}"]`)
    const feeBox = page.locator(`input[name="frais_a_charge"][value="${fee}"]`)
    await page.waitForFunction(
      (s) => /\(\d+\)/.test(document.querySelector(`[data-count-for="services|${s}"]`)?.textContent ?? ''),
      service,
      WAIT,
    )
    expect(await page.textContent(`[data-count-for="services|${service}"]`)).toBe(`(${base.facets.services[service]})`)
    expect(await page.textContent(`[data-count-for="frais_a_charge|${fee}"]`)).toBe(`(${base.facets.frais_a_charge[fee] ?? 0})`)
    await tick(page, `input[name="services"][value="${service}"]`)
    await page.waitForURL(/services=/, WAIT)
    await waitForResults(page)
    // With the service chosen, the fee count is that of the API with the service filter.
    const withService = await api<{ total: number; facets: Record<string, Record<string, number>> }>(
      `/api/v1/venues/facets?near=${near}&radius=20000&services=${encodeURIComponent(service)}`,
    )
    await page.waitForFunction(
      ([f, n]) => document.querySelector(`[data-count-for="frais_a_charge|${f}"]`)?.textContent === `(${n})`,
      [fee, withService.facets.frais_a_charge[fee] ?? 0] as const,
      WAIT,
    )
    await page.click('details[data-group="frais_a_charge"] > summary')
    await tick(page, `input[name="frais_a_charge"][value="${fee}"]`)
    await page.waitForURL(/frais_a_charge=/, WAIT)
    const both = await api<{ total: number }>(
      `/api/v1/venues/facets?near=${near}&radius=20000&services=${encodeURIComponent(service)}&frais_a_charge=${fee}`,
    )
    expect(both.total).toBeGreaterThan(0)
    expect(both.total).toBeLessThan(base.total)
    await page.waitForFunction((n) => document.querySelector('#results-summary')?.textContent?.startsWith(`${n} lieu`), both.total, WAIT)
    await waitForResults(page)
    const ids = await listedIds(page)
    expect(ids.length).toBe(Math.min(20, both.total))
    for (const id of ids) {
      const venue = await api<Venue>(`/api/v1/venues/${id}`)
      expect(venue.services).toContain(service)
      expect(venue.frais_a_charge).toContain(fee)
    }
    // The state is in the URL: reloading gives the same list; the back button removes the last filter.
    await page.reload()
    await waitForResults(page)
    expect(await listedIds(page)).toEqual(ids)
    expect(await feeBox.isChecked()).toBe(true)
    await page.goBack()
    await page.waitForFunction(() => !location.search.includes('frais_a_charge'), null, WAIT)
    await page.waitForFunction(
      (n) => document.querySelector('#results-summary')?.textContent?.startsWith(`${n} lieu`),
      withService.total,
      WAIT,
    )
    expect(await feeBox.isChecked()).toBe(false)
    expect(await serviceBox.isChecked()).toBe(true)
    await page.close()
  })

  it('an empty result says which filter to relax and offers a wider radius', async () => {
    const page = await context.newPage()
    await page.goto(
      `${e2e.baseUrl}/?lat=45.89920&lon=6.12940&lieu=Annecy&rayon=2&prise_en_charge_specifique=` +
        `${encodeURIComponent('Déficience visuelle')}&services=` +
        `${encodeURIComponent('Insertion professionnelle via le numérique')}`,
    )
    await page.waitForSelector('#empty .fr-callout', WAIT)
    const text = await page.textContent('#empty')
    expect(text).toContain('Aucun lieu ne correspond')
    expect(text).toMatch(/Retirer le filtre « (Besoins|Prise en charge spécifique) : /)
    const wider = page.locator('#empty button', { hasText: 'Élargir la recherche à 5 km' })
    if (await wider.count()) {
      await wider.click()
      await page.waitForURL(/rayon=5/, WAIT)
    } else {
      await page.locator('#empty button').first().click()
      await waitForResults(page)
    }
    await page.close()
  })

  it('opens a venue page from the list', async () => {
    const page = await context.newPage()
    await page.goto(`${e2e.baseUrl}/?lat=45.89920&lon=6.12940&lieu=Annecy`)
    await waitForResults(page)
    const name = (await page.textContent('#results li.result h3 a'))!.replace(/^\d+\.\s*/, '')
    await page.click('#results li.result h3 a')
    await page.waitForURL(/\/lieux\/[0-9a-f-]{36}$/, WAIT)
    expect(await page.textContent('h1')).toBe(name)
    expect(await page.title()).toContain(name)
    await page.close()
  })

  it('reports an error from the venue page and confirms', async () => {
    const page = await context.newPage()
    const { items } = await api<{ items: Venue[] }>('/api/v1/venues?near=45.8992,6.1294&limit=1')
    await page.goto(`${e2e.baseUrl}/lieux/${items[0].id}`)
    // An empty message is refused on the spot, with the field marked.
    await page.click('#report-form button[type="submit"]')
    expect(await page.isVisible('#report-message-error')).toBe(true)
    await page.selectOption('#report-champ', 'horaires')
    await page.fill('#report-message', 'Le lieu est fermé le mercredi après-midi.')
    await page.fill('#report-courriel', 'agent@example.fr')
    await page.click('#report-form button[type="submit"]')
    await page.waitForSelector('.fr-alert--success', WAIT)
    expect(await page.textContent('.fr-alert--success')).toContain('Merci, votre signalement a bien été envoyé.')
    await page.close()
  })

  it('says clearly when geolocation is refused', async () => {
    const page = await context.newPage()
    await page.goto(`${e2e.baseUrl}/`)
    await page.click('#locate-button')
    await page.waitForFunction(
      () =>
        /géolocalisation|position/.test(document.querySelector('#status')?.textContent ?? '') &&
        !/Recherche de votre position/.test(document.querySelector('#status')?.textContent ?? ''),
      null,
      WAIT,
    )
    expect(await page.textContent('#status')).toMatch(/Saisissez votre commune ou votre code postal/)
    await page.close()
  })

  it('"Autour de moi" searches around the position when allowed', async () => {
    const geo = await e2e.browser.newContext({
      locale: 'fr-FR',
      geolocation: { latitude: 45.9, longitude: 6.13 },
      permissions: ['geolocation'],
    })
    const page = await geo.newPage()
    await page.goto(`${e2e.baseUrl}/`)
    await page.click('#locate-button')
    await waitForResults(page)
    // The summary is written once the facet counts arrive, after the list itself.
    await page.waitForFunction(() => document.querySelector('#results-summary')?.textContent?.includes('de ma position'), null, WAIT)
    expect(await page.textContent('#results-summary')).toContain('de ma position')
    await geo.close()
  })

  it('the whole path by keyboard alone: search, filter, open a venue, report an error', async () => {
    const page = await context.newPage()
    await page.goto(`${e2e.baseUrl}/`)
    await tabTo(page, '#search-input')
    await page.keyboard.type('Annecy')
    await page.waitForSelector('#search-suggestions [role="option"]', WAIT)
    await page.keyboard.press('ArrowDown')
    expect(await page.getAttribute('#search-input', 'aria-activedescendant')).toBe('suggestion-0')
    await page.keyboard.press('Enter')
    await waitForResults(page)
    await tabTo(page, '#filters-toggle')
    await page.keyboard.press('Enter')
    expect(await page.getAttribute('#filters-toggle', 'aria-expanded')).toBe('true')
    await tabTo(page, 'details[data-group="frais_a_charge"] > summary', { max: 120 })
    await page.keyboard.press('Enter')
    await tabTo(page, 'input[name="frais_a_charge"][value="Gratuit"]')
    await page.keyboard.press('Space')
    await page.waitForURL(/frais_a_charge=Gratuit/, WAIT)
    await waitForResults(page)
    await tabTo(page, '#results li.result h3 a', { max: 120 })
    const name = (await page.evaluate(() => document.activeElement?.textContent ?? '')).replace(/^\d+\.\s*/, '')
    await page.keyboard.press('Enter')
    await page.waitForURL(/\/lieux\//, WAIT)
    expect(await page.textContent('h1')).toBe(name)
    await tabTo(page, '#report-message', { max: 120 })
    await page.keyboard.type('Le numéro de téléphone a changé.')
    await tabTo(page, '#report-form button[type="submit"]')
    await page.keyboard.press('Enter')
    await page.waitForSelector('.fr-alert--success', WAIT)
    // Focus moves to the confirmation so a screen reader reads it.
    expect(await page.evaluate(() => document.activeElement?.classList.contains('fr-alert--success'))).toBe(true)
    await page.close()
  })
})
