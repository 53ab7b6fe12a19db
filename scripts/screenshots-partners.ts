// The partners' and committees' pages for scripts/screenshots.ts: /parrainages, /emplois, /gouvernance/comites
// (logged out, with a meeting; and as an admin, with the edit and criteria forms), /entreprise logged in as a member
// company's representative (with the declaration form), the admin partners forms and the venue editor's needs.
// Logged-in pages need accounts: they are shot only when the script started its own app (it creates them).
import { resolve } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { createUser } from '../db/auth/users.ts'
import { loadDemoPartners } from '../db/seed/demo-partners.ts'
import type { E2E } from '../test-support/start.ts'

const PASSWORD = 'captures-mot-de-passe'

async function login(context: BrowserContext, baseUrl: string, email: string): Promise<string> {
  const res = await context.request.post(`${baseUrl}/api/v1/auth/login`, { data: { email, password: PASSWORD } })
  if (!res.ok()) throw new Error(`connexion de ${email} : ${res.status()}`)
  return ((await (await context.request.get(`${baseUrl}/api/v1/auth/me`)).json()) as { csrf_token: string }).csrf_token
}

/** Accounts and data the logged-in pages show: the demo partners, a meeting, a representative of a demo company. */
async function prepare(e2e: E2E): Promise<void> {
  const db = e2e.database.db
  await loadDemoPartners(db)
  const company = await db.selectFrom('companies').select('id').where('is_example', '=', true).orderBy('nom').executeTakeFirstOrThrow()
  for (const [email, role] of [
    ['admin@captures.example.fr', 'admin'],
    ['etat@captures.example.fr', 'state'],
  ] as const)
    await createUser(db, { email, password: PASSWORD, role, territories: [], createdBy: 'captures' })
  await createUser(db, {
    email: 'representant@captures.example.fr',
    password: PASSWORD,
    role: 'company',
    territories: [],
    companyId: company.id,
    createdBy: 'captures',
  })
}

async function recordMeeting(browser: Browser, baseUrl: string): Promise<void> {
  const context = await browser.newContext()
  const csrf = await login(context, baseUrl, 'admin@captures.example.fr')
  const res = await context.request.post(`${baseUrl}/api/v1/committees/meetings`, {
    headers: { 'x-csrf-token': csrf },
    data: {
      committee: 'pilotage',
      held_on: '2026-03-12',
      attendees: [
        { organisation: 'État — DGE', participants: ['Mme Martin, cheffe de bureau'] },
        { organisation: 'CINOV-IT', participants: ['M. Durand, président'] },
      ],
      agenda: ['Bilan 2025', 'Orientations 2026'],
      decisions: ['Objectif de 300 emplois d’avenir en 2026, adopté à l’unanimité'],
      minutes: 'La séance est ouverte à 10 h. Le bilan de l’année écoulée est présenté par les deux parties.',
    },
  })
  if (res.status() !== 201) throw new Error(`séance : ${res.status()} ${await res.text()}`)
  await context.close()
}

async function shoot(page: Page, out: string, name: string, wait: string): Promise<void> {
  await page.waitForSelector(wait, { timeout: 30_000 }).catch(() => console.warn(`${name} : « ${wait} » n’est pas venu`))
  await page.waitForTimeout(800)
  await page.screenshot({ path: resolve(out, `${name}.png`), fullPage: true })
}

export async function shootPartners(browser: Browser, baseUrl: string, out: string, e2e: E2E | null): Promise<void> {
  if (e2e) {
    await prepare(e2e)
    await recordMeeting(browser, baseUrl)
  }
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR', deviceScaleFactor: 1 })
  const page = await context.newPage()
  await page.goto(`${baseUrl}/parrainages/`)
  await shoot(page, out, 'parrainages', '#needs-list li, #needs-status')
  await page.goto(`${baseUrl}/emplois/`)
  await shoot(page, out, 'emplois', '#status')
  await page.goto(`${baseUrl}/gouvernance/comites/`)
  await shoot(page, out, 'comites', '#meetings article, #meetings p')
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'fr-FR' })
  const small = await phone.newPage()
  await small.goto(`${baseUrl}/parrainages/`)
  await shoot(small, out, 'parrainages-telephone', '#needs-list li, #needs-status')
  await phone.close()
  await context.close()
  if (!e2e) {
    console.log('Pages connectées (espace entreprise, formulaires d’administration) : seulement quand le script lance son application.')
    return
  }

  const admin = await browser.newContext({ viewport: { width: 1300, height: 900 }, locale: 'fr-FR', deviceScaleFactor: 1 })
  await login(admin, baseUrl, 'admin@captures.example.fr')
  const adminPage = await admin.newPage()
  await adminPage.goto(`${baseUrl}/gouvernance/comites/`)
  await adminPage.waitForSelector('[data-edit]', { timeout: 30_000 })
  await adminPage.click('[data-edit]')
  await shoot(adminPage, out, 'comites-administrateur', '#criteria-form')
  await adminPage.goto(`${baseUrl}/admin/`)
  await adminPage.waitForSelector('#app:not([hidden])')
  await adminPage.click('[data-view="partners"]')
  await adminPage.waitForSelector('#view-partners[data-ready="true"]', { timeout: 30_000 })
  for (const summary of await adminPage.locator('#view-partners details > summary').all()) await summary.click()
  await shoot(adminPage, out, 'admin-parrainages', '#sponsorship-create-form')
  const need = (await (await admin.request.get(`${baseUrl}/api/v1/needs?limit=1`)).json()) as { items: { venue_id: string }[] }
  if (need.items[0]) {
    await adminPage.goto(`${baseUrl}/admin/#venue/${need.items[0].venue_id}`)
    await adminPage.waitForSelector('#need-form', { timeout: 30_000 })
    await adminPage.waitForTimeout(800)
    await adminPage.locator('#venue-needs').screenshot({ path: resolve(out, 'admin-besoins-du-lieu.png') })
  }
  await admin.close()

  const company = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR', deviceScaleFactor: 1 })
  await login(company, baseUrl, 'representant@captures.example.fr')
  const companyPage = await company.newPage()
  await companyPage.goto(`${baseUrl}/entreprise/`)
  await companyPage.waitForSelector('#declare-form', { timeout: 30_000 })
  await companyPage.fill('#declare-venue-q', 'Lyon')
  await companyPage.press('#declare-venue-q', 'Enter')
  await shoot(companyPage, out, 'entreprise', '#declare-venue-choices, #declare-venues p')
  await company.close()
}
