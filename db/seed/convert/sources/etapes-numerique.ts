// La Poste: post offices labelled "Étapes numériques" (digital corner with an advisor).
import { padCode, text } from '../text.ts'
import { mednumSource } from './mednum.ts'

export const etapesNumerique = mednumSource({
  slug: 'etapes-numerique',
  producer: 'La Poste (Étapes numériques)',
  region: 'France entière',
  dateFallback: '2024-05-30',
  notes: [
    'Nom du bureau préfixé par « La Poste – » (le fichier ne donne que le nom du bureau) ; typologie LA_POSTE.',
    'Label et services du programme tels que la configuration du pipeline national les attribue à chaque bureau.',
  ],
  row(row) {
    return {
      key: String(row.ID),
      fields: {
        pivot: text(row.SIRET),
        nom: `La Poste – ${text(row.Nom)}`,
        commune: text(row.Commune),
        code_postal: padCode(row['Code postal']),
        code_insee: padCode(row['Code INSEE']),
        adresse: text(row.Adresse),
        latitude: row.latitude,
        longitude: row.longitude,
      },
      values: { typologie: ['LA_POSTE'] },
    }
  },
})
