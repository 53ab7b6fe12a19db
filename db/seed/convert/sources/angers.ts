// Ville d'Angers: its "guide des services numériques" (one row per place).
import { cleanContacts } from '../contacts.ts'
import { frenchHoursToOsm } from '../hours.ts'
import { labelled, text } from '../text.ts'
import { isoDate, mednumSource } from './mednum.ts'

// Publics of the guide with no v1 equivalent are kept as text.
const PUBLICS_KEPT_AS_TEXT = /demandeur d'emploi|rsa|professionnel|résident|usager|précarité/i

export const angers = mednumSource({
  slug: 'angers',
  producer: "Ville d'Angers",
  region: 'Pays de la Loire',
  dateFallback: '2023-01-25',
  notes: [
    'Règle écartée : « Personne en situation de précarité » ne veut pas dire « Langues étrangères ».',
    'Quartier → `complement_adresse` ; desserte en transports et publics sans équivalent → `presentation_detail` ; ' +
      'la page du guide de la ville est ajoutée à `site_web`.',
  ],
  dropRule: (field, choice) => field === 'prise_en_charge_specifique' && (choice.termes ?? []).some((t) => t.includes('précarité')),
  row(row) {
    const contacts = cleanContacts({
      telephones: [row.TELEPHONE],
      courriels: [row.MAIL],
      sites: [row.SITE_INTER, row.LIEN],
      codePostal: text(row.code_postal),
    })
    const horaires = frenchHoursToOsm(text(row.HORAIRE))
    const publics = text(row.PUBLIC_)
    return {
      key: String(row.TYPO_UID),
      fields: {
        nom: text(row.USER_NOM),
        adresse: text(row.USER_ADRES),
        complement_adresse: text(row.USER_QUART),
        code_postal: text(row.code_postal),
        commune: text(row.commune),
        latitude: row.LAT,
        longitude: row.LNG,
        telephone: contacts.telephone,
        courriels: contacts.courriels,
        site_web: contacts.site_web,
        horaires,
        date_maj: isoDate(row.DATE_MAJ),
      },
      detail: [
        labelled('Accès', row.TRANSPORT),
        publics !== null && PUBLICS_KEPT_AS_TEXT.test(publics) ? labelled('Publics', publics) : null,
        horaires === null ? labelled('Horaires', row.HORAIRE) : null,
        ...contacts.notes,
      ],
    }
  },
})
