// Département de Maine-et-Loire: its directory of digital mediation places (Lambert-93 coordinates).
import { cleanContacts } from '../contacts.ts'
import { lambert93ToWgs84 } from '../lambert93.ts'
import { labelled, padCode, text } from '../text.ts'
import { decimal, isoDate, mednumSource } from './mednum.ts'

// Sub-categories that no typology rule covers: kept as text.
const UNMAPPED_CATEGORIES = /^(Collectivité|Opérateur|EHPAD)/

export const maineEtLoire = mednumSource({
  slug: 'maine-et-loire',
  producer: 'Département de Maine-et-Loire',
  region: 'Pays de la Loire',
  dateFallback: '2023-05-24',
  notes: [
    'Coordonnées Lambert-93 (x, y) converties en WGS84.',
    'Lieux marqués INACTIF par le producteur écartés ; « Accueil : non » → modalité d’accès « Ce lieu n’accueille pas de public ».',
    'Sous-catégorie « France Services » → typologie RFS et dispositif France Services ; « Cybercentre » → EPN.',
    'Règle écartée : « Adhérent » ne veut pas dire « Payant » ; gardé en clair (« Accès réservé aux adhérents »), ' +
      'comme le public en insertion.',
    'Date « 09/0102023 » lue 09/01/2023.',
  ],
  dropRule: (field) => field === 'frais_a_charge',
  row(row) {
    const key = String(row.ID_LieuMed)
    if (text(row.AFFICHAGE) === 'INACTIF') return { key, skip: 'lieu marqué INACTIF par le producteur', fields: {} }
    const codePostal = padCode(row.CP)
    const contacts = cleanContacts({ telephones: [row.NUM_TEL], courriels: [row.MAIL_STRUC], sites: [row.SITE_WEB], codePostal })
    const x = decimal(row.x)
    const y = decimal(row.y)
    const position = x === null || y === null ? null : lambert93ToWgs84(x, y)
    const category = text(row.SS_CAT) ?? ''
    const franceServices = category.includes('France Services')
    return {
      key,
      departement: '49',
      fields: {
        nom: text(row.NOM_STRUCTURE),
        adresse: [text(row['N°']), text(row.ADRESSE)].filter(Boolean).join(' ') || null,
        complement_adresse: [text(row.COMP_ADRESSE), text(row.BP)].filter(Boolean).join(', ') || null,
        code_postal: codePostal,
        commune: text(row.COMMUNE),
        latitude: position?.latitude ?? null,
        longitude: position?.longitude ?? null,
        telephone: contacts.telephone,
        courriels: contacts.courriels,
        site_web: contacts.site_web,
        date_maj: isoDate(text(row.DAT_MaJ)?.replace(/^(\d{2}\/\d{2})0(\d{4})$/, '$1/$2')),
      },
      values: {
        typologie: [...(franceServices ? ['RFS'] : []), ...(category.includes('Cybercentre') ? ['EPN'] : [])],
        dispositif_programmes_nationaux: franceServices ? ['France Services'] : [],
        modalites_acces: text(row.Accueil) === 'non' ? ["Ce lieu n'accueille pas de public"] : [],
      },
      detail: [
        text(row.PBC_Adh) !== null ? 'Accès réservé aux adhérents.' : null,
        text(row.PBC_Insert) !== null ? 'Public : personnes en insertion.' : null,
        UNMAPPED_CATEGORIES.test(category) ? labelled('Catégorie', row.SS_CAT) : null,
        ...contacts.notes,
      ],
    }
  },
})
