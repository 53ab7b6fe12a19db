// Writes screenshots of the public map (desktop and phone), a search with results, a venue page, and the partners'
// and committees' pages (scripts/screenshots-partners.ts) into screenshots/ (git-ignored), so anyone can look at the
// pages without running a browser themselves.
//   npx tsx scripts/screenshots.ts                 # starts its own app (demo venues of Haute-Savoie and Rhône)
//   npx tsx scripts/screenshots.ts --base-url URL  # or shoots a running instance
import { mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Browser } from 'playwright-core'
import { importFile } from '../db/import/importer.ts'
import { demoSubsetCsv } from '../test-support/seed.ts'
import { launchChromium, startE2E, type E2E } from '../test-support/start.ts'
import { shootPartners } from './screenshots-partners.ts'

const OUT = resolve(import.meta.dirname, '../screenshots')
const argIndex = process.argv.indexOf('--base-url')
const given = argIndex > 0 ? process.argv[argIndex + 1] : null

async function main() {
  mkdirSync(OUT, { recursive: true })
  let e2e: E2E | null = null
  let browser: Browser
  let baseUrl: string
  if (given) {
    baseUrl = given.replace(/\/$/, '')
    browser = await launchChromium()
  } else {
    // Rhône too: the /integrer preview opens on dep:69 (with Haute-Savoie alone it said "Aucun lieu"), and Lyon
    // is the street-level search.
    e2e = await startE2E({
      seed: 'demo-subset',
      async prepare(database) {
        const report = await importFile(database.db, demoSubsetCsv('hinaura.csv', '69'), {
          fileName: 'hinaura-69.csv',
          source: 'hinaura',
          actor: 'screenshots',
          partial: true,
        })
        if (report.file_error) throw new Error(report.file_error)
      },
    })
    baseUrl = e2e.baseUrl
    browser = e2e.browser
  }
  try {
    const search = '/?lat=45.89920&lon=6.12940&lieu=Annecy&rayon=10'
    const shots: {
      name: string
      path: string
      width: number
      height: number
      mobile?: boolean
      before?: (page: import('playwright-core').Page) => Promise<void>
    }[] = [
      { name: 'accueil-bureau', path: '/', width: 1280, height: 900 },
      { name: 'accueil-telephone', path: '/', width: 390, height: 844, mobile: true },
      { name: 'recherche-bureau', path: search, width: 1280, height: 900 },
      { name: 'recherche-filtres-bureau', path: `${search}&filtres=ouverts&frais_a_charge=Gratuit`, width: 1280, height: 1100 },
      { name: 'recherche-telephone-liste', path: search, width: 390, height: 844, mobile: true },
      { name: 'recherche-telephone-carte', path: `${search}&vue=carte`, width: 390, height: 844, mobile: true },
      {
        name: 'lyon-rue-bureau',
        path: '/?lat=45.76400&lon=4.83570&lieu=Lyon&rayon=2&carte=16.00/45.76400/4.83570',
        width: 1280,
        height: 900,
      },
      { name: 'lyon-ville-bureau', path: '/?lat=45.76400&lon=4.83570&lieu=Lyon&rayon=5', width: 1280, height: 900 },
      {
        name: 'lyon-rue-telephone-carte',
        path: '/?lat=45.76400&lon=4.83570&lieu=Lyon&rayon=2&carte=15.00/45.76400/4.83570&vue=carte',
        width: 390,
        height: 844,
        mobile: true,
      },
      { name: 'embed-lyon', path: '/embed/?territoire=com:69123', width: 1000, height: 700 },
      { name: 'embed', path: '/embed/?territoire=dep:74&lat=45.89920&lon=6.12940&lieu=Annecy', width: 1000, height: 700 },
    ]
    for (const shot of shots) {
      const context = await browser.newContext({
        viewport: { width: shot.width, height: shot.height },
        isMobile: shot.mobile ?? false,
        hasTouch: shot.mobile ?? false,
        deviceScaleFactor: 1,
        locale: 'fr-FR',
      })
      const page = await context.newPage()
      await page.goto(baseUrl + shot.path)
      if (shot.path !== '/')
        await page.waitForSelector('#results li.result, #empty .fr-callout', { timeout: 20_000 }).catch(() => undefined)
      // The map is drawn when MapLibre says every tile of the view is in (a busy machine needs more than 2.5 s).
      await page
        .waitForFunction(
          () => (document.querySelector('#map') as unknown as { maplibre?: { loaded(): boolean } } | null)?.maplibre?.loaded() === true,
          null,
          { timeout: 60_000 },
        )
        .catch(() => undefined)
      await page.waitForTimeout(1000)
      await page.screenshot({ path: resolve(OUT, `${shot.name}.png`), fullPage: false })
      await context.close()
    }
    // A venue page: the first result of the search.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR' })
    const page = await context.newPage()
    const response = await page.request.get(`${baseUrl}/api/v1/venues?near=45.8992,6.1294&limit=1`)
    const { items } = (await response.json()) as { items: { id: string }[] }
    if (items[0]) {
      await page.goto(`${baseUrl}/lieux/${items[0].id}`)
      await page.screenshot({ path: resolve(OUT, 'lieu-bureau.png'), fullPage: true })
      await page.setViewportSize({ width: 390, height: 844 })
      await page.screenshot({ path: resolve(OUT, 'lieu-telephone.png'), fullPage: false })
    }
    // The referral sheet with three venues, as printed (print media, A4 width), and its PDF.
    await page.setViewportSize({ width: 794, height: 1123 })
    await page.goto(`${baseUrl}/`)
    await page.evaluate(
      (ids) => localStorage.setItem('maillage:fiche-orientation', JSON.stringify(ids.map((id) => ({ id, nom: id })))),
      (
        (await (await page.request.get(`${baseUrl}/api/v1/venues?near=45.764,4.8357&limit=3`)).json()) as { items: { id: string }[] }
      ).items.map((v) => v.id),
    )
    await page.goto(`${baseUrl}/fiche/`)
    await page
      .waitForFunction(() => document.querySelectorAll('.sheet-venue').length === 3, null, { timeout: 20_000 })
      .catch(() => undefined)
    await page.emulateMedia({ media: 'print' })
    await page.screenshot({ path: resolve(OUT, 'fiche-impression.png'), fullPage: true })
    await page.pdf({ path: resolve(OUT, 'fiche-impression.pdf'), format: 'A4' })
    await page.emulateMedia({ media: 'screen' })
    await page.setViewportSize({ width: 1280, height: 900 })
    await page.goto(`${baseUrl}/integrer/`)
    // The preview iframe loads lazily: bring it into view and wait for its list.
    await page.locator('#embed-preview').scrollIntoViewIfNeeded()
    await page
      .frameLocator('#embed-preview')
      .locator('#results li.result, #empty .fr-callout')
      .first()
      .waitFor({ timeout: 30_000 })
      .catch(() => undefined)
    await page.waitForTimeout(2000)
    await page.screenshot({ path: resolve(OUT, 'integrer.png'), fullPage: true })
    await page.setViewportSize({ width: 390, height: 844 })
    await page.screenshot({ path: resolve(OUT, 'integrer-telephone.png'), fullPage: false })
    await context.close()
    await shootPartners(browser, baseUrl, OUT, e2e)
    console.log(`Captures écrites dans ${OUT}`)
  } finally {
    if (e2e) await e2e.close()
    else await browser.close()
  }
}
await main()
