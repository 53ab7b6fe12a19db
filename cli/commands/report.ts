// `maillage report --year Y [--territory fr|reg:XX|dep:XX] [--out FILE]`: the yearly review as one printable HTML file.
import { writeFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { renderReport } from '../../services/governance/report.ts'
import { parseTerritory } from '../../db/territory.ts'
import { withDatabase, type Command } from '../command.ts'

const USAGE = 'Usage : maillage report --year AAAA [--territory fr|reg:75|dep:33] [--out rapport.html]'

export const reportCommand: Command = {
  summary: 'écrit le rapport annuel du comité de gouvernance (HTML imprimable)',
  async run(args) {
    const { values } = parseArgs({
      args,
      options: { year: { type: 'string' }, territory: { type: 'string', default: 'fr' }, out: { type: 'string' } },
    })
    const year = Number(values.year)
    const currentYear = new Date().getUTCFullYear()
    if (!values.year || !/^\d{4}$/.test(values.year) || year < 2000 || year > currentYear) {
      console.error(`${USAGE}\n(année entre 2000 et ${currentYear})`)
      return 2
    }
    if (!parseTerritory(values.territory!)) {
      console.error(`Territoire invalide « ${values.territory} » (attendu fr, reg:75 ou dep:33)`)
      return 2
    }
    const html = await withDatabase((handle) => renderReport(handle.db, year, values.territory))
    if (values.out) {
      await writeFile(values.out, html)
      console.error(`Rapport ${year} écrit dans ${values.out}`)
    } else {
      process.stdout.write(html)
    }
    return 0
  },
}
