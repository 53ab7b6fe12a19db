// La Fibre64 (Pyrénées-Atlantiques): survey of the département's digital inclusion places.
import { cleanContacts } from '../contacts.ts'
import { frenchHoursToOsm } from '../hours.ts'
import { labelled, padCode, text } from '../text.ts'
import { mednumSource } from './mednum.ts'

export const fibre64 = mednumSource({
  slug: 'fibre-64',
  producer: 'Fibre 64',
  region: 'Nouvelle-Aquitaine',
  dateFallback: '2023-04-24',
  notes: [
    'Règle écartée : « Accompagnement de professionnels » ne veut pas dire « Insertion professionnelle via le ' +
      'numérique » ; gardé dans `presentation_detail`.',
    'Tarifs, publics spécifiques et horaires non traduisibles gardés en clair ; nom du référent non repris.',
  ],
  dropRule: (field, choice) => field === 'services' && (choice.colonnes ?? []).includes('Accompagnementdeprofessionnels'),
  row(row, index) {
    const codePostal = padCode(row.Codepostal)
    const contacts = cleanContacts({ telephones: [row.Telephone], courriels: [row.Adressemail], sites: [row.SiteWeb], codePostal })
    const horaires = frenchHoursToOsm(text(row.Leshorairesdemastructure))
    return {
      key: String(index + 1),
      departement: '64',
      fields: {
        nom: text(row.Nomdelastructure),
        adresse: text(row.Adressenumeronomdelavoie),
        complement_adresse: text(row['Complementdadresseexquartier...']),
        code_postal: codePostal,
        commune: text(row.Ville),
        latitude: row.latitude,
        longitude: row.longitude,
        telephone: contacts.telephone,
        courriels: contacts.courriels,
        site_web: contacts.site_web,
        horaires,
        presentation_detail: text(row.Jedecrislesactionsdinclusionnumeriquedemastructureenquelquesmots),
      },
      detail: [
        labelled('Activité principale', row.Monaccompagnementactiviteprincipaleuneseulereponse),
        labelled('Accompagnement de professionnels', row.Accompagnementdeprofessionnels),
        labelled('Publics', row.Precisezsiaccueildepublicspecifique),
        labelled('Tarifs', row.Lestarifsdemastructure),
        text(row.Surrendezvousinscription) === 'X' ? 'Sur rendez-vous ou inscription.' : null,
        horaires === null ? labelled('Horaires', row.Leshorairesdemastructure) : null,
        ...contacts.notes,
      ],
    }
  },
})
