import { launchChromium } from '/work/main/tests/e2e/helpers/start.ts'
const b = await launchChromium()
const p = await b.newPage({ viewport: { width: 1280, height: 900 } })
await p.goto(process.argv[2] + '/?lat=45.89920&lon=6.12940&lieu=Annecy&rayon=20')
await p.waitForSelector('#results li.result')
await p.click('#filters-toggle')
await p.waitForTimeout(1500)
const sel = 'input[name="services"][value="Aide aux démarches administratives"]'
const id = await p.getAttribute(sel, 'id')
console.log(id, await p.evaluate((id) => { const l = document.querySelector(`label[for="${id}"]`) as HTMLElement; const r = l.getBoundingClientRect(); return [l.outerHTML.slice(0, 200), r.width, r.height, getComputedStyle(l).visibility, document.getElementById('filters-panel')!.hidden] }, id))
try { await p.click(`label[for="${id}"]`, { timeout: 5000 }); console.log('clicked', p.url()) } catch (e) { console.log(String(e).slice(0, 1500)) }
console.log(await p.evaluate(() => document.querySelectorAll('label[for^=filtre]').length), await p.evaluate((id) => document.querySelectorAll(`[id="${id}"]`).length, id))
await b.close()
