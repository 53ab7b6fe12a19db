// End to end in Chromium: an admin creates a company and sponsors two venues through the API; the sponsors
// appear on the venue pages, the company page, the /parrainages list and the governance dashboard.
import { afterAll, beforeAll, expect, it, describe } from 'vitest'
import type { Page } from 'playwright-core'
import { createApiKey } from '../../db/auth/api-keys.ts'
import { startE2E, type E2E } from './helpers/start.ts'

describe('sponsorships end to end [pglite, chromium]', () => {
  let e2e: E2E
  let key: string
  let page: Page
  const company = { nom: 'Alpes Numérique Solidaire', siret: '73282932000074' }
  let companyId = ''
  let venues: { id: string; nom: string }[] = []

  beforeAll(async () => {
    e2e = await startE2E({ seed: 'demo-subset' })
    key = (await createApiKey(e2e.database.db, { name: 'e2e admin', role: 'admin', territories: [], createdBy: 'test' })).key
    page = await e2e.browser.newPage()
  }, 180_000)
  afterAll(async () => {
    await e2e?.close()
  })

  async function api(method: string, path: string, body?: unknown) {
    const response = await fetch(`${e2e.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    })
    return { status: response.status, body: await response.json() }
  }

  it('creates a company and sponsors two venues with an admin key', async () => {
    const created = await api('POST', '/api/v1/companies', {
      ...company,
      adresse: '2 rue de la Gare',
      code_postal: '74000',
      commune: 'Annecy',
      cinov_member_since: '2024-03-01',
    })
    expect(created.status).toBe(201)
    companyId = created.body.id
    expect(created.body.code_insee).toBe('74010')
    // In Haute-Savoie itself: the demo subset has a few venues of neighbouring départements, and the
    // dashboard below is read for dep:74.
    venues = (await (await fetch(`${e2e.baseUrl}/api/v1/venues?limit=2&departement=74`)).json()).items
    expect(venues).toHaveLength(2)
    const ea = await api('POST', '/api/v1/sponsorships', {
      company_id: companyId,
      venue_id: venues[0].id,
      kind: 'emploi_avenir',
      started_on: '2025-09-01',
      youth_count: 2,
      tutor_name: 'Camille Martin',
      sponsor_name: 'Louis Durand',
    })
    expect(ea.status).toBe(201)
    const don = await api('POST', '/api/v1/sponsorships', {
      company_id: companyId,
      venue_id: venues[1].id,
      kind: 'don_materiel',
      started_on: '2025-10-01',
      devices_count: 15,
      refurbisher: 'Ateliers du Bocage',
    })
    expect(don.status).toBe(201)
  })

  it('shows the sponsor on each venue page', async () => {
    for (const venue of venues) {
      await page.goto(`${e2e.baseUrl}/lieux/${venue.id}`)
      await expect(page.locator('body')).toBeDefined()
      expect(await page.textContent('body')).toContain(company.nom)
    }
  })

  it('shows both venues on the company page, with its map', async () => {
    await page.goto(`${e2e.baseUrl}/parrainages/entreprises/${companyId}`)
    expect(await page.textContent('h1')).toBe(company.nom)
    const listed = await page.locator('#company-venues li').allTextContents()
    for (const venue of venues) expect(listed.join('\n')).toContain(venue.nom)
    await page.waitForSelector('body[data-map-ready="true"]', { timeout: 30_000 })
    await page.waitForFunction(() => !document.querySelector('#nearby-venues')?.textContent?.includes('Chargement'), undefined, {
      timeout: 30_000,
    })
    expect(await page.locator('#nearby-venues li').count()).toBeGreaterThan(0)
  })

  it('lists the company and what it sponsors on /parrainages', async () => {
    await page.goto(`${e2e.baseUrl}/parrainages/`)
    await page.waitForSelector('#companies li')
    const text = await page.textContent('#companies')
    expect(text).toContain(company.nom)
    for (const venue of venues) expect(text).toContain(venue.nom)
    expect(await page.textContent('#summary')).toMatch(/2 parrainage\(s\) en cours, 2 lieu\(x\) parrainé\(s\)/)
  })

  // The dashboard computes national figures on PGlite, which takes a while on a busy machine.
  it('counts the sponsorships on the governance dashboard', { timeout: 240_000 }, async () => {
    await page.goto(`${e2e.baseUrl}/gouvernance/?territory=dep:74`)
    await page.waitForSelector('body[data-ready="true"]', { timeout: 120_000 })
    const figures = await page.textContent('#figures')
    expect(figures).toMatch(/2 \/ 2\s000/) // French thousands separator (narrow no-break space)
    expect(figures).toMatch(/15\s*Appareils donnés/)
    const csv = await page.getAttribute('a.csv[data-figure="sponsorships"]', 'href')
    const download = await (await fetch(`${e2e.baseUrl}${csv}`)).text()
    expect(download).toContain('emploi_avenir,1')
    expect(download).toContain('don_materiel,1')
    expect(await page.locator('#chart-sponsors svg').count()).toBe(1)
  })
})
