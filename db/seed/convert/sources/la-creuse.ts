// Département de la Creuse: digital workshops across the département.
import { cleanContacts } from '../contacts.ts'
import { frenchHoursToOsm } from '../hours.ts'
import { labelled, padCode, text } from '../text.ts'
import { mednumSource } from './mednum.ts'

export const laCreuse = mednumSource({
  slug: 'la-creuse',
  producer: 'Département de la Creuse',
  region: 'Nouvelle-Aquitaine',
  dateFallback: '2023-04-06',
  notes: [
    'Services et modalités v0.1 du fichier traduits par les règles du pipeline national ; description gardée dans `presentation_detail`.',
  ],
  row(row) {
    const codePostal = padCode(row.code_postal)
    const contacts = cleanContacts({ telephones: [row['téléphone']], codePostal })
    const horaires = frenchHoursToOsm(text(row.horaires))
    return {
      key: String(row.id),
      departement: '23',
      fields: {
        nom: text(row.nom),
        adresse: text(row.adresse),
        code_postal: codePostal,
        // One row reads "0 Pontarion" (the 6th digit of a mistyped postcode).
        commune: text(row.commune)?.replace(/^\d+\s+/, ''),
        latitude: row.latitude,
        longitude: row.longitude,
        telephone: contacts.telephone,
        horaires,
        presentation_detail: text(row.description),
      },
      detail: [horaires === null ? labelled('Horaires', row.horaires) : null, ...contacts.notes],
    }
  },
})
