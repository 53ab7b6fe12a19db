// Département de la Gironde: its map of digital mediation places.
import { cleanContacts } from '../contacts.ts'
import { labelled, splitAddress, text } from '../text.ts'
import { isoDate, mednumSource } from './mednum.ts'

// `Type Structure` values the config leaves out but whose meaning is one typology code.
const TYPE_STRUCTURE: Record<string, string> = { 'La poste': 'LA_POSTE', CPAM: 'CPAM' }

export const gironde = mednumSource({
  slug: 'gironde',
  producer: 'Département de la Gironde',
  region: 'Nouvelle-Aquitaine',
  dateFallback: '2024-03-11',
  notes: [
    '`Coord. X` est la latitude et `Coord. Y` la longitude (comme dans la configuration du pipeline national).',
    'Code postal découpé dans l’adresse ; absent, retrouvé par le nom de la commune en Gironde.',
    'Types « La poste » et « CPAM » ajoutés aux typologies de la configuration ; second libellé et permanences ' +
      'gardés dans `presentation_detail`.',
  ],
  row(row, index) {
    const address = splitAddress(text(row['Adresse postale']))
    const contacts = cleanContacts({
      telephones: [row['Téléphone']],
      courriels: [row.Email],
      sites: [row['Site internet']],
      codePostal: address.code_postal,
    })
    const type = TYPE_STRUCTURE[text(row['Type Structure']) ?? '']
    return {
      key: String(index + 1),
      departement: '33',
      fields: {
        nom: text(row.Lieu),
        adresse: address.adresse,
        code_postal: address.code_postal,
        commune: text(row.Commune),
        latitude: row['Coord. X'],
        longitude: row['Coord. Y'],
        telephone: contacts.telephone,
        courriels: contacts.courriels,
        site_web: contacts.site_web,
        date_maj: isoDate(row['Dernière MAJ']),
        presentation_detail: text(row.Description),
      },
      values: { typologie: type === undefined ? [] : [type] },
      detail: [
        labelled('Autre nom', row['Libellé 2']),
        text(row['Proposition de permanence']) === 'Oui' ? 'Propose des permanences.' : null,
        ...contacts.notes,
      ],
    }
  },
})
