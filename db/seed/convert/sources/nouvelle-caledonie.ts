// Nouvelle-Calédonie: survey of the country's digital mediation places (2023).
import { cleanContacts } from '../contacts.ts'
import { frenchTimeRangesToOsm, osmFromDays } from '../hours.ts'
import { labelled, paragraphs, resumeAndDetail, text } from '../text.ts'
import { isoDate, mednumSource } from './mednum.ts'

const DAYS = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche']
// Structure types that the config maps to a typology code; the others stay as text.
const MAPPED_TYPES = new RegExp(
  'association|biblioth|médiath|ccas|centre communal|chambre consulaire|maison de quartier|municipalit|' +
    'organisme de formation|pij|bij|information jeunesse',
  'i',
)

export const nouvelleCaledonie = mednumSource({
  slug: 'nouvelle-caledonie',
  producer: 'Nouvelle-Calédonie (recensement de la médiation numérique)',
  region: 'Nouvelle-Calédonie',
  dateFallback: '2024-09-12',
  notes: [
    'Téléphones à 6 chiffres écrits +687 ; horaires par jour assemblés en une règle OSM quand chaque jour se lit.',
    'Règles écartées : « personnes en situation de handicap » et l’accessibilité PMR ne disent pas quelle prise en ' +
      'charge spécifique est assurée ; gardés en clair.',
    'Code postal 98800 (Nouméa) donné par le producteur pour toutes les communes, conservé tel quel.',
  ],
  dropRule: (field) => field === 'prise_en_charge_specifique',
  row(row, index) {
    const codePostal = text(row.code_postal)
    const contacts = cleanContacts({
      telephones: [row.telephone],
      courriels: [row.courriel],
      sites: [row.site_web, row.reseaux_sociaux],
      codePostal,
    })
    const dayTexts = DAYS.map((day) => text(row[`horaires_${day}`]))
    const dayRanges = dayTexts.map((t) => (t === null ? null : frenchTimeRangesToOsm(t)))
    const readable = dayTexts.every((t, i) => t === null || dayRanges[i] !== null)
    const horaires = readable ? osmFromDays(dayRanges) : null
    const resume = resumeAndDetail(text(row.presentation_resume))
    const geo = (row.geolocalisation ?? {}) as { lat?: unknown; lon?: unknown }
    const type = text(row.typologie)
    const publics = text(row.publics_accueillis)
    return {
      key: String(index + 1),
      fields: {
        nom: text(row.nom),
        adresse: text(row.adresse),
        complement_adresse: text(row.complement_adresse),
        code_postal: codePostal,
        commune: text(row.commune),
        latitude: geo.lat ?? null,
        longitude: geo.lon ?? null,
        telephone: contacts.telephone,
        courriels: contacts.courriels,
        site_web: contacts.site_web,
        horaires,
        structure_parente: text(row.structure_parente),
        presentation_resume: resume.resume,
        presentation_detail: text(row.presentation_detail),
        date_maj: isoDate(row.date_soumission),
      },
      detail: [
        resume.detail,
        type !== null && !MAPPED_TYPES.test(type) ? labelled('Type de structure', type) : null,
        publics !== null && /handicap|insertion|entreprise|personnes/i.test(publics)
          ? labelled('Publics', publics.replace(/\n\s*/g, ', '))
          : null,
        labelled('Accessibilité', row.accessibilite),
        labelled("Conditions d'accès (précision)", row.conditions_acces_detail),
        labelled('Transports en commun', row.transport_en_commun),
        labelled('Adresse postale', row.adresse_postale),
        horaires === null
          ? labelled('Horaires', paragraphs(...DAYS.map((day, i) => (dayTexts[i] === null ? null : `${day} : ${dayTexts[i]}`))))
          : null,
        ...contacts.notes,
      ],
    }
  },
})
