import { startE2E } from '../../tests/e2e/helpers/start.ts'
const e2e = await startE2E({ seed: 'none', browser: false })
const doc = await (await fetch(`${e2e.baseUrl}/openapi.json`)).json()
console.log(Object.keys(doc.paths).filter((p) => /compan|sponsor|governance/.test(p)))
const r = await fetch(`${e2e.baseUrl}/api/v1/companies`); console.log(r.status, await r.text())
const g = await fetch(`${e2e.baseUrl}/gouvernance/`); console.log(g.status)
const p = await fetch(`${e2e.baseUrl}/parrainages/`); console.log(p.status)
await e2e.close()
