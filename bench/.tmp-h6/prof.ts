import { connectDatabase } from '../../db/connect.ts'
import { monthlyPublished, computeIndicators } from '../../db/governance/indicators.ts'
const h = await connectDatabase({ databaseUrl: 'postgres://postgres@127.0.0.1:5432/gov_dev_helper6' })
let t = performance.now()
await monthlyPublished(h.db, { kind: 'fr' }, null); console.log('timeseries', performance.now() - t)
t = performance.now(); await computeIndicators(h.db, 'fr'); console.log('all', performance.now() - t)
await h.close()
