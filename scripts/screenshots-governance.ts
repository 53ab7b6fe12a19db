// Screenshots of the governance dashboard, the yearly report (screen and print) and the sponsorship pages
// into screenshots/ (git-ignored). Starts its own app on embedded PGlite with the bundled demo venues,
// a few member companies and sponsorships, and a back-dated history so the time series has a shape.
//   npx tsx scripts/screenshots-governance.ts [--base-url URL]
import { mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { sql } from 'kysely'
import type { Browser } from 'playwright-core'
import { insertCompany, insertSponsorship } from '../db/sponsors/repository.ts'
import { readFileSync } from 'node:fs'
import { importFile } from '../db/import/importer.ts'
import { launchChromium, startE2E, type E2E } from '../test-support/start.ts'

const OUT = resolve(import.meta.dirname, '../screenshots')
const argIndex = process.argv.indexOf('--base-url')
const given = argIndex > 0 ? process.argv[argIndex + 1] : null
const YEAR = new Date().getUTCFullYear() - 1

async function prepare(db: import('kysely').Kysely<import('../db/types.ts').Database>): Promise<string> {
  // A national spread of the bundled real venues (the whole demo seed is 9,000 rows: slow on embedded PGlite).
  for (const file of ['france-services-2020.csv', 'hinaura.csv', 'gironde.csv', 'hub-francilin-2020.csv', 'corse.csv', 'la-creuse.csv']) {
    const bytes = readFileSync(new URL(`../db/seed/data/venues/${file}`, import.meta.url))
    await importFile(db, bytes, { fileName: file, source: file.replace(/\.csv$/, ''), actor: 'script', partial: true })
  }
  // Spread the venues' first versions over the last two years, so the monthly series is not flat.
  await sql`UPDATE venue_versions SET changed_at = now() - (abs(hashtext(venue_id::text)) % 700) * interval '1 day'
    WHERE version = 1`.execute(db)
  const context = { actor: 'script', reason: 'démonstration' }
  const venues = (await sql<{ id: string }>`SELECT id FROM venues WHERE status = 'published' ORDER BY id LIMIT 12`.execute(db)).rows.map(
    (r) => r.id,
  )
  const a = await insertCompany(
    db,
    { siret: '73282932000074', nom: 'Numérique Solidaire', code_insee: '75102', cinov_member_since: '2023-05-01', code_naf: '62.02A' },
    context,
  )
  const b = await insertCompany(
    db,
    { siret: '44306184100047', nom: 'Ateliers Reconditionnés', code_insee: '69381', cinov_member_since: '2024-01-10' },
    context,
  )
  for (const [i, venue] of venues.entries()) {
    const company = i % 2 ? a : b
    if (i % 4 === 0)
      await insertSponsorship(
        db,
        {
          company_id: company,
          venue_id: venue,
          kind: 'emploi_avenir',
          started_on: '2025-09-01',
          ended_on: '2028-09-01',
          youth_count: 1 + (i % 3),
          tutor_name: 'Tuteur',
          sponsor_name: 'Parrain',
        },
        context,
      )
    else if (i % 4 === 1)
      await insertSponsorship(
        db,
        {
          company_id: company,
          venue_id: venue,
          kind: 'don_materiel',
          started_on: '2025-03-01',
          devices_count: 10 + i,
          refurbisher: 'Ateliers du Bocage',
        },
        context,
      )
    else if (i % 4 === 2)
      await insertSponsorship(
        db,
        { company_id: company, venue_id: venue, kind: 'fonds_solidarites_numeriques', started_on: '2025-06-01', amount_eur: 2500 },
        context,
      )
    else
      await insertSponsorship(
        db,
        {
          company_id: company,
          venue_id: venue,
          kind: 'mecenat',
          started_on: '2025-02-01',
          description: 'Ateliers animés par des salariés',
        },
        context,
      )
  }
  return a
}

async function main() {
  mkdirSync(OUT, { recursive: true })
  let e2e: E2E | null = null
  let browser: Browser
  let baseUrl: string
  let companyId: string | null = null
  if (given) {
    baseUrl = given.replace(/\/$/, '')
    browser = await launchChromium()
  } else {
    e2e = await startE2E({
      seed: 'none',
      prepare: async (database) => {
        companyId = await prepare(database.db)
      },
    })
    baseUrl = e2e.baseUrl
    browser = e2e.browser
  }
  try {
    const shots = [
      { name: 'gouvernance-tableau-de-bord', path: '/gouvernance/', ready: 'body[data-choropleth-ready="true"]', height: 3200 },
      { name: 'gouvernance-rapport', path: `/gouvernance/rapport/${YEAR}`, ready: 'h1', height: 3200 },
      { name: 'parrainages', path: '/parrainages/', ready: 'body[data-map-ready="true"]', height: 1400 },
      ...(companyId
        ? [
            {
              name: 'parrainages-entreprise',
              path: `/parrainages/entreprises/${companyId}`,
              ready: 'body[data-map-ready="true"]',
              height: 1600,
            },
          ]
        : []),
    ]
    for (const shot of shots) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1, locale: 'fr-FR' })
      const page = await context.newPage()
      await page.goto(baseUrl + shot.path)
      await page.waitForSelector(shot.ready, { timeout: 240_000 })
      await page.waitForTimeout(1500) // let the maps paint their last tiles
      await page.screenshot({ path: resolve(OUT, `${shot.name}.png`), fullPage: true })
      if (shot.name === 'gouvernance-rapport') {
        await page.emulateMedia({ media: 'print' })
        await page.screenshot({ path: resolve(OUT, `${shot.name}-impression.png`), fullPage: true })
        await page.pdf({ path: resolve(OUT, `${shot.name}.pdf`), format: 'A4' }).catch(() => {})
      }
      console.log(`screenshots/${shot.name}.png`)
      await context.close()
    }
  } finally {
    if (e2e) await e2e.close()
    else await browser.close()
  }
}

await main()
