// Hub-LO (Centre-Val de Loire): the regional hub's map of digital inclusion places (2020-2021).
import { cleanContacts } from '../contacts.ts'
import { frenchHoursToOsm } from '../hours.ts'
import { communeName, labelled, padCode, paragraphs, text } from '../text.ts'
import { isoDate, mednumSource } from './mednum.ts'

export const hubLo = mednumSource({
  slug: 'hub-lo',
  producer: 'Hub-LO (Centre-Val de Loire)',
  region: 'Centre-Val de Loire',
  dateFallback: '2023-02-09',
  notes: [
    '`pivot` : le SIREN du site quand il est donné (9 chiffres, admis par le motif du schéma), sinon la valeur d’attente.',
    'Règle écartée : un accès PMR n’est pas une « prise en charge spécifique » des handicaps moteurs ; gardé en clair.',
    'Détails du matériel, de l’accompagnement, du télétravail, horaires et jours d’ouverture gardés dans ' +
      '`presentation_detail` ; noms des contacts non repris.',
  ],
  dropRule: (field, choice) => field === 'prise_en_charge_specifique' && (choice.colonnes ?? []).includes('c_acces_pmr'),
  row(row) {
    const codePostal = padCode(row.c_postcode)
    const contacts = cleanContacts({
      telephones: [row.c_telephone, row.c_mobile],
      courriels: [row.c_courriel],
      sites: [row.c_site_web],
      codePostal,
    })
    const horaires = frenchHoursToOsm(text(row.c_horaire_ouverture))
    const siren = text(row.c_siren_site)
    const jours = text(row.c_jours_semaine)?.replace(/[{}]/g, '').replace(/,/g, ', ')
    return {
      key: String(row.gid),
      departement: codePostal?.slice(0, 2),
      fields: {
        pivot: siren === null || /^0+$/.test(siren) ? null : siren,
        nom: text(row.c_nom),
        adresse: text(row.c_adresse),
        code_postal: codePostal,
        commune: communeName(text(row.c_city)),
        latitude: row.c_lat_coor1,
        longitude: row.c_long_coor1,
        telephone: contacts.telephone,
        courriels: contacts.courriels,
        site_web: contacts.site_web,
        horaires,
        date_maj: isoDate(row.c__edit_datemaj),
        structure_parente: text(row.c_raison_sociale),
        presentation_detail: text(row.c_formation_detail),
      },
      detail: [
        labelled('Matériel informatique', row.c_materiel_info_detail),
        labelled('Accompagnement', row.c_accompagnement_personnel_detail),
        labelled('Télétravail', row.c_accompagnement_teletravail),
        labelled('Public', paragraphs(text(row.c_varchar_public_cible), text(row.c_public_cible))),
        labelled('Accès PMR', row.c_acces_pmr),
        horaires === null ? labelled('Horaires', paragraphs(text(row.c_horaire_ouverture), text(row.c_autres_horaires))) : null,
        horaires === null ? labelled("Jours d'ouverture", jours) : null,
        ...contacts.notes,
      ],
    }
  },
})
