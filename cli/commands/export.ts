// `maillage export [--format csv|json|data-inclusion] [--out FILE]`: the published venues, streamed.
import { createWriteStream } from 'node:fs'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { parseArgs } from 'node:util'
import { standardCsv, standardJson } from '../../db/export/standard.ts'
import { withDatabase, type Command } from '../command.ts'
import { EXTRA_EXPORT_FORMATS } from './export-formats.ts'

export const exportCommand: Command = {
  summary: 'exporte les lieux publiés (csv, json, data-inclusion)',
  async run(args) {
    const { values } = parseArgs({ args, options: { format: { type: 'string', default: 'csv' }, out: { type: 'string' }, full: { type: 'boolean' } } })
    const extra = EXTRA_EXPORT_FORMATS[values.full ? 'full' : values.format ?? 'csv']
    const known = ['csv', 'json', ...Object.keys(EXTRA_EXPORT_FORMATS)]
    if (!values.full && !known.includes(values.format ?? 'csv')) {
      console.error(`Format inconnu « ${values.format} » ; formats possibles : ${known.join(', ')}`)
      return 2
    }
    await withDatabase(async (handle) => {
      const chunks = extra ? extra(handle) : values.format === 'json' ? standardJson(handle.db) : standardCsv(handle.db)
      const target = values.out ? createWriteStream(values.out) : process.stdout
      await pipeline(Readable.from(chunks), target, { end: !!values.out })
    })
    if (values.out) console.error(`Export écrit dans ${values.out}`)
  },
}
