import { startE2E } from '../../tests/e2e/helpers/start.ts'
import { insertCompany } from '../../api/sponsors/repository.ts'
const e2e = await startE2E({ seed: 'none' })
const id = await insertCompany(e2e.database.db, { siret: '73282932000074', nom: 'X', code_insee: '74010' }, { actor: 't', reason: 't' })
const page = await e2e.browser.newPage()
page.on('console', (m) => console.log('console', m.type(), m.text()))
page.on('pageerror', (e) => console.log('pageerror', e.message))
page.on('requestfailed', (r) => console.log('failed', r.url()))
page.on('response', (r) => { if (r.status() >= 400) console.log('status', r.status(), r.url()) })
await page.goto(`${e2e.baseUrl}/parrainages/entreprises/${id}`)
await page.waitForTimeout(8000)
console.log(await page.evaluate(() => document.body.dataset.mapReady), (await page.content()).slice(0, 1500))
await e2e.close()
