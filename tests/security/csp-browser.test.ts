// The strict CSP still lets the public map run: Chromium loads `/` and a venue page, MapLibre starts its
// blob: workers, draws its WebGL canvas and fetches styles and tiles, and no CSP violation is reported.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startE2E, type E2E } from '../e2e/helpers/start.ts'

describe('CSP in a real browser', () => {
  let e2e: E2E
  beforeAll(async () => {
    e2e = await startE2E({ kind: 'postgres', seed: 'demo-subset' })
  }, 120_000)
  afterAll(async () => {
    await e2e?.close()
  })

  it('renders the map on / with no CSP violation', async () => {
    const page = await e2e.browser.newPage({ viewport: { width: 1200, height: 800 } })
    const violations: string[] = []
    const consoleErrors: string[] = []
    const loaded: string[] = []
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        const w = window as unknown as { __csp?: string[] }
        w.__csp = [...(w.__csp ?? []), `${e.violatedDirective} ${e.blockedURI}`]
      })
    })
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text())
    })
    page.on('response', (r) => {
      if (r.ok()) loaded.push(new URL(r.url()).pathname)
    })
    for (const path of ['/', `/lieux/${(await e2e.database.db.selectFrom('venues').select('id').executeTakeFirstOrThrow()).id}`]) {
      const res = await page.goto(`${e2e.baseUrl}${path}`, { waitUntil: 'load' })
      expect(res?.status(), path).toBe(200)
      if (path === '/') {
        const canvas = await page.waitForSelector('canvas.maplibregl-canvas', { timeout: 30_000 })
        const box = await canvas.boundingBox()
        expect(box!.width).toBeGreaterThan(100)
        expect(box!.height).toBeGreaterThan(100)
        // The style, and data (tiles or venue search) arrived: the map's workers ran.
        const start = Date.now()
        while (!loaded.some((p) => /^\/(tiles\/|api\/v1\/venues)/.test(p)) && Date.now() - start < 30_000) await page.waitForTimeout(200)
        expect(
          loaded.filter((p) => /^\/(tiles\/|api\/v1\/venues)/.test(p)),
          loaded.join(' '),
        ).not.toEqual([])
        await page.waitForTimeout(500)
      }
      violations.push(...(await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? [])))
    }
    expect(violations).toEqual([])
    expect(consoleErrors.filter((e) => /Content Security Policy|Refused to/i.test(e))).toEqual([])
    expect(loaded.some((p) => p.endsWith('style.json'))).toBe(true)
    await page.close()
  })
})
