import { startE2E } from '../../tests/e2e/helpers/start.ts'
const e2e = await startE2E({ seed: 'demo-subset', browser: false })
for (const q of ['territory=dep:74', 'territory=dep:74', 'territory=fr']) {
  const t = performance.now(); const r = await fetch(`${e2e.baseUrl}/api/v1/governance/indicators?${q}`); await r.text(); console.log(q, r.status, Math.round(performance.now() - t))
}
await e2e.close()
