// Épernay and its area: answers to an online survey of local digital mediation actors.
import { cleanContacts } from '../contacts.ts'
import { frenchHoursToOsm } from '../hours.ts'
import { labelled, splitAddress, text, type SplitAddress } from '../text.ts'
import { canonicalValues } from '../vocabulary.ts'
import { decimal, isoDate, mednumSource } from './mednum.ts'

const LABELS = 'Possédez-vous des labels nationaux ou régionaux ?'
const ACCOMPAGNANTS = 'Qui sont les personnes qui accompagnent les usagers ?'
const HORAIRES = "Horaires d'ouverture__1"

// The survey's geocoder writes "voie, [code postal,] commune, département, région, FRA".
function surveyAddress(value: string | null): SplitAddress {
  const parts = (value ?? '').split(',').map((p) => p.trim())
  if (parts.at(-1) !== 'FRA' || parts.length < 5) return splitAddress(value)
  const head = parts.slice(0, -3)
  const commune = head.pop() ?? null
  const codePostal = head.length > 0 && /^\d{5}$/.test(head.at(-1) ?? '') ? (head.pop() as string) : null
  return { adresse: head.join(', ') || null, code_postal: codePostal, commune }
}

export const epernay = mednumSource({
  slug: 'epernay',
  producer: "Épernay (recensement de l'inclusion numérique)",
  region: 'Grand Est',
  dateFallback: '2023-08-23',
  notes: [
    'Labels nationaux lus avec le vocabulaire v0.1 (CNFS → Conseillers numériques, France Services, Aidants ' +
      'Connect) ; « Point relais CAF » n’est pas un « Point d’accès numérique CAF » : reporté dans ' +
      '`autres_formations_labels`.',
    'Accompagnants « Conseillers numériques France Services » → dispositif Conseillers numériques.',
    'Équipements, capacité d’accueil et réponses libres (« Autre ») gardés dans `presentation_detail`.',
  ],
  dropRule: (field) => field === 'dispositif_programmes_nationaux',
  row(row) {
    const address = surveyAddress(text(row['Adresse de la structure']))
    const contacts = cleanContacts({
      telephones: [row['Numéro de téléphone de la structure']],
      courriels: [row['Adresse mail de la structure']],
      sites: [row['Site Web de la structure']],
      codePostal: address.code_postal,
    })
    const horaires = frenchHoursToOsm(text(row[HORAIRES]))
    const labels = (text(row[LABELS]) ?? '').split(',').map((l) => l.replace(/_/g, ' ').trim())
    const { targeted } = canonicalValues(
      'dispositif_programmes_nationaux',
      labels.filter((l) => !/^(non|je ne sais pas)$/i.test(l) && l !== ''),
    )
    const conseillers = /Conseillers_numériques/i.test(text(row[ACCOMPAGNANTS]) ?? '') ? ['Conseillers numériques'] : []
    return {
      key: String(row.GlobalID),
      fields: {
        nom: text(row['Nom de votre structure']),
        adresse: address.adresse,
        code_postal: address.code_postal,
        commune: address.commune,
        latitude: decimal(row.y),
        longitude: decimal(row.x),
        telephone: contacts.telephone,
        courriels: contacts.courriels,
        site_web: contacts.site_web,
        horaires,
        date_maj: isoDate(row.EditDate),
      },
      values: {
        dispositif_programmes_nationaux: [...(targeted.dispositif_programmes_nationaux ?? []), ...conseillers],
        formations_labels: targeted.formations_labels ?? [],
        autres_formations_labels: targeted.autres_formations_labels ?? [],
      },
      detail: [
        labelled('Équipements numériques', row['Quels sont vos équipements numériques ?']),
        labelled("Capacité d'accueil", text(row["Quelle est votre capacité d'accueil des publics ?"])?.replace(/_/g, ' ')),
        labelled('Publics (précision)', row['Autre - Quel(s) type(s) de public accompagnez-vous  ?']),
        labelled("Conditions d'accès (précision)", row["Autre - Quelles sont vos conditions d'accès ?"]),
        labelled('Rendez-vous (précision)', row['Autre - Doit-on prendre rendez-vous pour accéder à vos services ? Et si oui, comment ?']),
        labelled('Actions hors les murs', row["Organisez-vous des actions itinérantes ou 'hors les murs' en dehors de votre structure ?"]),
        horaires === null ? labelled('Horaires', row[HORAIRES]) : null,
        ...contacts.notes,
      ],
    }
  },
})
