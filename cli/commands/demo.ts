// `maillage demo partners`: loads the fictional partners' data (companies, needs, sponsorships), marked « exemple fictif ».
import { loadDemoPartners } from '../../db/seed/demo-partners.ts'
import { withDatabase, type Command } from '../command.ts'

const USAGE = 'Usage : maillage demo partners'

export const demoCommand: Command = {
  summary: 'charge des données de démonstration (partners : entreprises, besoins et parrainages fictifs)',
  async run(args) {
    if (args[0] !== 'partners' || args.length !== 1) {
      console.error(USAGE)
      return 2
    }
    const result = await withDatabase((handle) => loadDemoPartners(handle.db))
    if (result.alreadyLoaded) console.error('Les données de démonstration des partenaires sont déjà chargées : rien à faire.')
    else
      console.error(
        `Chargé (exemple fictif) : ${result.companies} entreprise(s), ${result.needs} besoin(s), ${result.sponsorships} parrainage(s).`,
      )
    return 0
  },
}
