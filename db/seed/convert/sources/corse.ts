// Corse: places of digital mediation (EPN, France Services, missions locales, conseillers numériques).
import { cleanContacts } from '../contacts.ts'
import { frenchHoursToOsm } from '../hours.ts'
import { communeName, labelled, resumeAndDetail, splitAddress, text } from '../text.ts'
import { decimal, mednumSource, type Row } from './mednum.ts'

// `lat`/`long`, or the `pointgeo` text ("42.35473, 9.04258") when they are not numbers.
function position(row: Row): { latitude: number | null; longitude: number | null } {
  const latitude = decimal(row.lat)
  const longitude = decimal(row.long)
  if (latitude !== null && longitude !== null) return { latitude, longitude }
  const [lat, lon] = (text(row.pointgeo) ?? '').split(',').map((part) => decimal(part))
  return lat != null && lon != null ? { latitude: lat, longitude: lon } : { latitude: null, longitude: null }
}

export const corse = mednumSource({
  slug: 'corse',
  producer: 'Corse (inclusion numérique)',
  region: 'Corse',
  dateFallback: '2023-07-18',
  notes: [
    'Adresse, code postal et commune découpés dans la colonne `Adresse` ; codes CEDEX ou erronés remplacés par le ' +
      'code postal de la commune.',
    'Type « France Services » → dispositif France Services ; type « Conseiller numérique » ou colonne `Conseiller ' +
      'numérique` renseignée → dispositif Conseillers numériques (le nom du conseiller n’est pas repris).',
    'Permanences sans adresse ni code postal écartées ; coordonnées illisibles dans `lat`/`long` reprises de `pointgeo`.',
  ],
  row(row, index) {
    const address = splitAddress(text(row.Adresse))
    if (address.adresse === null || address.code_postal === null) {
      return { key: String(index + 1), skip: 'adresse et code postal absents', fields: {} }
    }
    const contacts = cleanContacts({
      telephones: [row['N° de téléphone']],
      courriels: [row['Adresse e-mail']],
      sites: [row['Site internet']],
      codePostal: address.code_postal,
    })
    const horaires = frenchHoursToOsm(text(row.Horaires))
    const activites = resumeAndDetail(text(row['Activités proposées']))
    const type = text(row.Type)
    const dispositifs = [
      ...(type === 'France Services' ? ['France Services'] : []),
      ...(type === 'Conseiller numérique' || text(row['Conseiller numérique']) !== null ? ['Conseillers numériques'] : []),
    ]
    return {
      key: String(index + 1),
      fields: {
        nom: text(row.Structure),
        adresse: address.adresse,
        code_postal: address.code_postal,
        commune: communeName(address.commune),
        ...position(row),
        telephone: contacts.telephone,
        courriels: contacts.courriels,
        site_web: contacts.site_web,
        horaires,
        presentation_resume: activites.resume,
      },
      values: { dispositif_programmes_nationaux: dispositifs },
      detail: [
        activites.detail,
        labelled('Matériel mis à disposition', row['Matériel mis à disposition']),
        horaires === null ? labelled('Horaires', row.Horaires) : null,
        ...contacts.notes,
      ],
    }
  },
})
