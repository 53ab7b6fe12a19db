import { connectDatabase } from '../../db/connect.ts'
import { dataStamp } from '../../db/governance/cache.ts'
const h = await connectDatabase({ databaseUrl: 'postgres://postgres@127.0.0.1:5432/gov_dev_helper6' })
for (let i = 0; i < 3; i++) { const t = performance.now(); await dataStamp(h.db); console.log('stamp', performance.now() - t) }
await h.close()
