// `maillage export [--format csv|json|data-inclusion] [--out FILE] [--since CURSOR]`: the published venues, streamed;
// with --since, only the changes after that cursor (the changes feed as one JSON document).
import { createWriteStream } from 'node:fs'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { parseArgs } from 'node:util'
import { changesSince } from '../../db/changes/export.ts'
import { parseCursor, UnknownCursorError } from '../../db/changes/feed.ts'
import { standardCsv, standardJson } from '../../db/export/standard.ts'
import { withDatabase, type Command } from '../command.ts'
import { EXTRA_EXPORT_FORMATS } from './export-formats.ts'

export const exportCommand: Command = {
  summary: 'exporte les lieux publiés (csv, json, data-inclusion) ; --since CURSEUR : seulement les changements après ce curseur',
  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        format: { type: 'string', default: 'csv' },
        out: { type: 'string' },
        full: { type: 'boolean' },
        since: { type: 'string' },
      },
    })
    const extra = EXTRA_EXPORT_FORMATS[values.full ? 'full' : (values.format ?? 'csv')]
    const known = ['csv', 'json', ...Object.keys(EXTRA_EXPORT_FORMATS)]
    if (!values.full && !known.includes(values.format ?? 'csv')) {
      console.error(`Format inconnu « ${values.format} » ; formats possibles : ${known.join(', ')}`)
      return 2
    }
    const since = values.since === undefined ? undefined : parseCursor(values.since)
    if (since === null) {
      console.error(`Curseur invalide « ${values.since} » : un nombre entier positif (next_cursor du flux des changements) est attendu`)
      return 2
    }
    try {
      await withDatabase(async (handle) => {
        const chunks =
          since !== undefined
            ? changesSince(handle.db, since)
            : extra
              ? extra(handle)
              : values.format === 'json'
                ? standardJson(handle.db)
                : standardCsv(handle.db)
        const target = values.out ? createWriteStream(values.out) : process.stdout
        await pipeline(Readable.from(chunks), target, { end: !!values.out })
      })
    } catch (error) {
      if (!(error instanceof UnknownCursorError)) throw error
      console.error(error.message)
      return 2
    }
    if (values.out) console.error(`Export écrit dans ${values.out}`)
  },
}
