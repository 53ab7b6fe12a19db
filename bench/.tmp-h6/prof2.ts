import { sql } from 'kysely'
import { connectDatabase } from '../../db/connect.ts'
import { computeIndicators, departementFigures } from '../../db/governance/indicators.ts'
const h = await connectDatabase({ databaseUrl: 'postgres://postgres@127.0.0.1:5432/gov_dev_helper6' })
let t = performance.now(); await departementFigures(h.db); console.log('deps', performance.now() - t)
t = performance.now(); const r = await computeIndicators(h.db, 'fr'); console.log('all', performance.now() - t, r.white_zones.count)
t = performance.now(); await computeIndicators(h.db, 'dep:33'); console.log('dep33', performance.now() - t)
await h.close()
