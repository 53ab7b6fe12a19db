// Ultra Num (La Réunion): the island's map of digital mediation places.
import { cleanContacts } from '../contacts.ts'
import { frenchTimeRangesToOsm, osmFromDays } from '../hours.ts'
import { communeName, labelled, padCode, resumeAndDetail, text } from '../text.ts'
import { mednumSource, type Row } from './mednum.ts'

const DAYS = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche']
const TYPE_DE_LIEU: Record<string, string> = {
  'Espace Public Numérique autre': 'EPN',
  'Cyberbase/Cybercase': 'EPN',
  'Fablab/Hackerspace': 'FABLAB',
  "Maison de l'Emploi": 'MDE',
  'Organisme de formation': 'OF',
  'Espace Culturel/Médiathèque': 'BIB',
}

// Morning and afternoon opening columns per day; a day marked open without times is unreadable.
function dayRanges(row: Row, day: string): string | null | undefined {
  const open = text(row[day.charAt(0).toUpperCase() + day.slice(1)])
  const pairs = [
    [row[`Ouverture matin (ou journée continue) ${day}`], row[`Fermeture matin ${day}`]],
    [row[`Ouverture après-midi (sauf si une seule tranche horaire) ${day}`], row[`Fermeture après-midi ${day}`]],
  ]
    .map(([from, to]) => [text(from), text(to)])
    .filter(([from, to]) => from !== null && to !== null)
  if (pairs.length === 0) return open === null ? null : undefined
  return frenchTimeRangesToOsm(pairs.map(([from, to]) => `${from}-${to}`).join(', ')) ?? undefined
}

export const ultraNum = mednumSource({
  slug: 'ultra-num',
  producer: 'Ultra Num (La Réunion)',
  region: 'La Réunion',
  dateFallback: '2023-04-06',
  notes: [
    'Règles de la configuration écrites avec le vocabulaire v0.1 : traduites en v1.0.2 comme par `fromLegacyV0` ; ' +
      'la règle « Créer et développer mon entreprise » (sans équivalent v1.0.2, et déjà couverte par « Favoriser mon ' +
      'insertion professionnelle » pour les mêmes thèmes) est écartée.',
    '`Type de lieu` → typologie (EPN, FABLAB, MDE, OF, BIB) ; coordonnées issues du géocodage du pipeline national ' +
      '; horaires par jour assemblés en OSM.',
    'Thèmes (tags) gardés dans `presentation_detail` ; nom, courriel et rôle du contact non repris (le téléphone ' +
      'du contact sert seulement faute d’autre numéro).',
  ],
  // Its job-search tags already give "Favoriser mon insertion professionnelle"; business creation has no v1 service.
  dropRule: (field, choice) => field === 'services' && choice.cible === 'Créer et développer mon entreprise',
  row(row, index) {
    const codePostal = padCode(row['Code postal'])
    const contacts = cleanContacts({
      telephones: [text(row.Fixe) ?? text(row.Mobile) ?? text(row['Contact : téléphone'])],
      courriels: [row.Email],
      sites: [row['Site web']],
      codePostal,
    })
    const ranges = DAYS.map((day) => dayRanges(row, day))
    const horaires = ranges.includes(undefined) ? null : osmFromDays(ranges as Array<string | null>)
    const nom = text(row["Nom de l'organisation"])
    const courte = text(row['Description courte'])
    const longue = text(row['Description longue'])
    const resume = resumeAndDetail(courte === nom ? null : courte)
    const tags = Object.keys(row)
      .filter((key) => /^Tag \d+$/.test(key))
      .map((key) => text(row[key]))
      .filter((tag): tag is string => tag !== null)
    const type = TYPE_DE_LIEU[text(row['Type de lieu']) ?? '']
    const association = text(row['Type (Association, Groupe informel, Entreprise ou Service public)']) === 'Association'
    return {
      key: String(index + 1),
      fields: {
        nom,
        adresse: text(row.Rue),
        code_postal: codePostal,
        commune: communeName(text(row.Ville)),
        latitude: text(row.latitude) ?? text(row.Latitude),
        longitude: text(row.longitude) ?? text(row.Longitude),
        telephone: contacts.telephone,
        courriels: contacts.courriels,
        site_web: contacts.site_web,
        horaires,
        presentation_resume: resume.resume,
        presentation_detail: longue === courte || longue === nom ? null : longue,
      },
      values: { typologie: [...(type === undefined ? [] : [type]), ...(association ? ['ASSO'] : [])] },
      detail: [resume.detail, labelled('Thèmes', [...new Set(tags)].join(', ') || null), ...contacts.notes],
    }
  },
})
