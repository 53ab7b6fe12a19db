// End to end, in Chromium: the public map's context (issue 13, item 1) — the offline basemap draws commune
// boundaries and names at city zoom, an unreachable BASEMAP_STYLE_URL falls back to it, the searched place
// and its radius are drawn with a legend, "Carte" fills a phone's screen; embeds framed on a commune; the
// /integrer preview lists venues; directions on the referral sheet. Seeded with the demo venues of
// Haute-Savoie (74) and Rhône (69).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { BrowserContext, Page } from 'playwright-core'
import { importFile } from '../../db/import/importer.ts'
import { axeViolations } from './helpers/browser.ts'
import { demoSubsetCsv } from './helpers/seed.ts'
import { startE2E, type E2E } from './helpers/start.ts'

let e2e: E2E
let context: BrowserContext

const WAIT = { timeout: 60_000 }
vi.setConfig({ testTimeout: 240_000 })
const LYON = { lat: 45.764, lon: 4.8357 }

beforeAll(async () => {
  e2e = await startE2E({
    seed: 'demo-subset',
    async prepare(database) {
      const report = await importFile(database.db, demoSubsetCsv('hinaura.csv', '69'), {
        fileName: 'hinaura-69.csv',
        source: 'hinaura',
        actor: 'test:e2e',
        partial: true,
      })
      if (report.file_error) throw new Error(report.file_error)
    },
  })
  context = await e2e.browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 }, bypassCSP: true })
}, 300_000)

afterAll(async () => {
  await context?.close()
  await e2e?.close()
})

/** Waits until the map has drawn features of `layer`, and returns their `nom` properties. */
async function renderedNames(page: Page, layer: string): Promise<string[]> {
  await page.waitForFunction(
    (l) => {
      const map = (
        document.querySelector('#map') as unknown as {
          maplibre?: { loaded(): boolean; getLayer(id: string): unknown; queryRenderedFeatures(o: unknown): unknown[] }
        }
      ).maplibre
      // loaded(): every tile of the view is in, so the answer is the whole view's, not the first tile's.
      return Boolean(map?.getLayer(l) && map.loaded() && map.queryRenderedFeatures({ layers: [l] }).length > 0)
    },
    layer,
    WAIT,
  )
  return page.evaluate((l) => {
    const map = (
      document.querySelector('#map') as unknown as { maplibre: { queryRenderedFeatures(o: unknown): { properties: { nom?: string } }[] } }
    ).maplibre
    return [...new Set(map.queryRenderedFeatures({ layers: [l] }).map((f) => String(f.properties.nom ?? '')))]
  }, layer)
}

describe('offline basemap', () => {
  it('the map zoomed at Lyon renders commune names and boundaries (2018 boundaries, shipped tiles)', async () => {
    const page = await context.newPage()
    await page.goto(`${e2e.baseUrl}/?carte=12.5/${LYON.lat}/${LYON.lon}`)
    const names = await renderedNames(page, 'communes-labels')
    expect(names).toContain('Lyon')
    expect(names.length).toBeGreaterThanOrEqual(3)
    expect((await renderedNames(page, 'communes-line')).length).toBeGreaterThan(3)
    expect(await page.getAttribute('#map', 'data-basemap')).toBe('hors-ligne')
    await page.close()
  })

  it('at low zoom the map names the départements', async () => {
    const page = await context.newPage()
    await page.goto(`${e2e.baseUrl}/?carte=7.5/${LYON.lat}/${LYON.lon}`)
    expect(await renderedNames(page, 'departements-labels')).toEqual(expect.arrayContaining(['Rhône', 'Isère', 'Ain']))
    await page.close()
  })

  it('an unreachable BASEMAP_STYLE_URL falls back to the offline style, communes included', async () => {
    const offline = await startE2E({ seed: 'none', config: { basemapStyleUrl: 'https://127.0.0.1:9/styles/introuvable.json' } })
    try {
      const page = await (await offline.browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 900 } })).newPage()
      const config = (await (await page.request.get(`${offline.baseUrl}/api/v1/config`)).json()) as { basemap_style_url: string }
      expect(config.basemap_style_url).toBe('https://127.0.0.1:9/styles/introuvable.json')
      await page.goto(`${offline.baseUrl}/?carte=12.5/${LYON.lat}/${LYON.lon}`)
      expect(await renderedNames(page, 'communes-labels')).toContain('Lyon')
      expect(await page.getAttribute('#map', 'data-basemap')).toBe('hors-ligne')
      // The venues' layer came back on the fallback style.
      expect(
        await page.evaluate(() =>
          Boolean(
            (document.querySelector('#map') as unknown as { maplibre: { getLayer(id: string): unknown } }).maplibre.getLayer(
              'lieux-points',
            ),
          ),
        ),
      ).toBe(true)
    } finally {
      await offline.close()
    }
  })
})

describe('the searched place on the map', () => {
  it('a search in Lyon draws the place, its radius circle and a legend; no axe violation', async () => {
    const page = await context.newPage()
    await page.goto(`${e2e.baseUrl}/?lat=${LYON.lat}&lon=${LYON.lon}&lieu=Lyon&rayon=5`)
    await page.waitForSelector('#results li.result', WAIT)
    await page.waitForSelector('.you-are-here', { ...WAIT, state: 'attached' })
    expect(await page.getAttribute('.maplibregl-marker.you-are-here', 'title')).toBe('Point de recherche : Lyon')
    expect((await renderedNames(page, 'recherche-rayon')).length).toBe(1)
    const legend = await page.textContent('#map-legend')
    expect(legend).toContain('Lieu de la liste')
    expect(legend).toContain('Distance de recherche')
    expect(await page.isVisible('#map-legend ul')).toBe(true)
    expect(await axeViolations(page)).toEqual([])
    await page.close()
  })

  it('"Autour de moi" marks "Vous êtes ici"', async () => {
    const located = await e2e.browser.newContext({
      locale: 'fr-FR',
      viewport: { width: 1280, height: 900 },
      geolocation: { latitude: LYON.lat, longitude: LYON.lon },
      permissions: ['geolocation'],
    })
    const page = await located.newPage()
    await page.goto(`${e2e.baseUrl}/`)
    await page.click('#locate-button')
    await page.waitForSelector('.maplibregl-marker.you-are-here[title="Vous êtes ici"]', { ...WAIT, state: 'attached' })
    expect((await renderedNames(page, 'recherche-rayon')).length).toBe(1)
    await located.close()
  })

  it('on a phone, "Carte" gives the map the whole screen and "Liste" stays reachable', async () => {
    const phone = await e2e.browser.newContext({
      locale: 'fr-FR',
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      bypassCSP: true,
    })
    const page = await phone.newPage()
    await page.goto(`${e2e.baseUrl}/?lat=${LYON.lat}&lon=${LYON.lon}&lieu=Lyon`)
    await page.waitForSelector('#results li.result', WAIT)
    await page.click('#show-map')
    await page.waitForFunction(() => (document.querySelector('#map') as HTMLElement).getBoundingClientRect().height > 700, null, WAIT)
    const box = await page.evaluate(() => {
      const r = (document.querySelector('#map') as HTMLElement).getBoundingClientRect()
      const list = (document.querySelector('#show-list') as HTMLElement).getBoundingClientRect()
      return { top: r.top, bottom: r.bottom, width: r.width, listTop: list.top, listBottom: list.bottom }
    })
    expect(box.top).toBeLessThan(70)
    expect(box.bottom).toBeGreaterThanOrEqual(840)
    expect(box.width).toBeGreaterThanOrEqual(388)
    expect(box.listTop).toBeGreaterThanOrEqual(0)
    expect(box.listBottom).toBeLessThanOrEqual(box.top + 1)
    await page.click('#show-list')
    await page.waitForSelector('#results li.result', { ...WAIT, state: 'visible' })
    await phone.close()
  })
})

describe('embeds and the referral sheet', () => {
  it('/embed/?territoire=com:69123 opens framed on Lyon and lists only its venues', async () => {
    const page = await context.newPage()
    await page.goto(`${e2e.baseUrl}/embed/?territoire=com:69123`)
    await page.waitForSelector('#results li.result', WAIT)
    await page.waitForFunction(() => Boolean(document.querySelector<HTMLElement>('#map')?.dataset.bounds), null, WAIT)
    const [west, south, east, north] = (await page.getAttribute('#map', 'data-bounds'))!.split(',').map(Number)
    // Lyon spans about 4.77–4.90 E, 45.71–45.81 N: the view holds it, and not much more.
    expect(west).toBeLessThan(4.78)
    expect(east).toBeGreaterThan(4.89)
    expect(east - west).toBeLessThan(0.6)
    expect(north - south).toBeLessThan(0.4)
    const communes = await page.$$eval('#results li.result', (items) => items.map((li) => li.textContent ?? ''))
    expect(communes.every((text) => /lyon/i.test(text))).toBe(true)
    await page.close()
  })

  it('/integrer: the live preview for dep:69 lists venues', async () => {
    const page = await context.newPage()
    await page.goto(`${e2e.baseUrl}/integrer/`)
    await page.locator('#embed-preview').scrollIntoViewIfNeeded()
    const frame = page.frameLocator('#embed-preview')
    await frame.locator('#results li.result').first().waitFor(WAIT)
    // The count arrives with the facets, after the list.
    await frame.locator('#results-summary', { hasText: /\d+ lieux? dans ce territoire/ }).waitFor(WAIT)
    await page.close()
  })

  it('the referral sheet gives directions per venue and still fits three venues on one A4 page', async () => {
    const page = await context.newPage()
    await page.goto(`${e2e.baseUrl}/`)
    const { items } = (await (await page.request.get(`${e2e.baseUrl}/api/v1/venues?near=${LYON.lat},${LYON.lon}&limit=3`)).json()) as {
      items: { id: string; nom: string; latitude: number; longitude: number }[]
    }
    await page.evaluate(
      (list) => localStorage.setItem('maillage:fiche-orientation', JSON.stringify(list.map((v) => ({ id: v.id, nom: v.nom })))),
      items,
    )
    await page.goto(`${e2e.baseUrl}/fiche/`)
    await page.waitForFunction(() => document.querySelectorAll('.sheet-venue').length === 3, null, WAIT)
    const hrefs = await page.$$eval('.sheet-directions a', (links) => links.map((a) => (a as HTMLAnchorElement).href))
    expect(hrefs).toHaveLength(3)
    expect(hrefs[0]).toContain(`${items[0].latitude.toFixed(5)}%2C${items[0].longitude.toFixed(5)}`)
    expect(await axeViolations(page)).toEqual([])
    await page.emulateMedia({ media: 'print' })
    const gps = await page.$$eval('.sheet-directions .print-only', (spans) =>
      spans.map((s) => (getComputedStyle(s).display !== 'none' ? s.textContent : null)),
    )
    expect(gps.every((t) => /^Position GPS : -?\d+\.\d{5}, -?\d+\.\d{5}$/.test(t ?? ''))).toBe(true)
    const pdf = await page.pdf({ format: 'A4', printBackground: false })
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []
    expect(pages).toHaveLength(1)
    await page.close()
  })
})
