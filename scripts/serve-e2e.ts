// Development aid: starts the e2e app (seeded with the Haute-Savoie demo subset) and prints its address.
import { startE2E } from '../tests/e2e/helpers/start.ts'

const e2e = await startE2E({ seed: 'demo-subset', browser: false })
console.log(e2e.baseUrl)
process.on('SIGTERM', () => { void e2e.close().then(() => process.exit(0)) })
