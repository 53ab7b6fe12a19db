// Helpers of the demo data conversion (db/seed/convert): hours, addresses, projections, rules.
import { describe, expect, it } from 'vitest'
import { cleanContacts } from '../../../db/seed/convert/contacts.ts'
import { Gazetteer } from '../../../db/seed/convert/gazetteer.ts'
import { frenchHoursToOsm, frenchTimeRangesToOsm, osmFromDays, validOsmHours } from '../../../db/seed/convert/hours.ts'
import { lambert93ToWgs84 } from '../../../db/seed/convert/lambert93.ts'
import { applyChoices } from '../../../db/seed/convert/rules.ts'
import { communeName, resumeAndDetail, splitAddress } from '../../../db/seed/convert/text.ts'
import { canonicalValues } from '../../../db/seed/convert/vocabulary.ts'

describe('opening hours', () => {
  it.each([
    ['Du lundi au vendredi de 9h00 à 12h00 et de 14h00 à 17h00', 'Mo-Fr 09:00-12:00,14:00-17:00'],
    ['9h-12h et 14h-17h du lundi au vendredi', 'Mo-Fr 09:00-12:00,14:00-17:00'],
    ['Lundi et Jeudi : 14h à 18h Mardi et Vendredi : 9h à 12h30 et 14h à 18h', 'Mo,Th 14:00-18:00; Tu,Fr 09:00-12:30,14:00-18:00'],
    ['mardi 13:30-19:00\nmercredi 10:00-12:00 13:30-18:00', 'Tu 13:30-19:00; We 10:00-12:00,13:30-18:00'],
    ['mercredi de 14 à 18h', 'We 14:00-18:00'],
    ['Du lundi au jeudi : 08:30-16:30 / Vendredi : 09:00-12:00', 'Mo-Th 08:30-16:30; Fr 09:00-12:00'],
    ['Lundi-Vendredi 08:30-12:30\nLundi-Vendredi 13:30-17:00', 'Mo-Fr 08:30-12:30,13:30-17:00'],
    ['Mo-Fr 09:00-12:00', 'Mo-Fr 09:00-12:00'],
  ])('translates « %s »', (text, osm) => {
    expect(frenchHoursToOsm(text)).toBe(osm)
  })

  it.each([
    'Du lundi au vendredi de 9h à 12h, sauf pendant les vacances scolaires',
    'Le troisième jeudi du mois de 9h15 à 12h00',
    'Sur rendez-vous le lundi de 9h à 12h',
    '9h-12h / 14h-17h',
    'Tous les mercredis après-midis',
    'Mardi : 14h-19h / Mercredi au samedi : 10h-12h et 14h-18h / Jeudi : 14h-18h',
    'lundi 10-12',
    'le lundi',
  ])('leaves « %s » as text', (text) => {
    expect(frenchHoursToOsm(text)).toBeNull()
  })

  it('keeps only OSM the library reads without guessing', () => {
    expect(validOsmHours('Mo-Fr 09:00-12:00; PH off')).toBe('Mo-Fr 09:00-12:00; PH off')
    expect(validOsmHours('Mo-Fr 9:00-12:00')).toBe('Mo-Fr 9:00-12:00')
    expect(validOsmHours('lundi 9h-12h')).toBeNull()
    expect(validOsmHours('Mo-Fr 08:30-12:00; 14:00-17:30')).toBeNull()
    expect(validOsmHours('n’importe quoi')).toBeNull()
  })

  it('assembles per-day values', () => {
    expect(frenchTimeRangesToOsm('07:30-11:30, 12:15-16:00')).toBe('07:30-11:30,12:15-16:00')
    expect(frenchTimeRangesToOsm('8h - 16h')).toBe('08:00-16:00')
    expect(frenchTimeRangesToOsm('lundi 8h-16h')).toBeNull()
    expect(osmFromDays(['08:00-16:00', '08:00-16:00', null, '08:00-16:00', '08:00-12:00', null, null])).toBe(
      'Mo-Tu,Th 08:00-16:00; Fr 08:00-12:00',
    )
    expect(osmFromDays([null, null, null, null, null, null, null])).toBeNull()
  })
})

describe('addresses and text', () => {
  it.each([
    ['8 rue de la Boétie - 33000 Bordeaux', { adresse: '8 rue de la Boétie', code_postal: '33000', commune: 'Bordeaux' }],
    [
      '1 Rue Professeur Langevin, 51200, Épernay, Marne, Grand Est, FRA',
      { adresse: '1 Rue Professeur Langevin', code_postal: '51200', commune: 'Épernay' },
    ],
    ['ASEPT, CS 70407, 20705 AJACCIO CEDEX 9', { adresse: 'ASEPT, CS 70407', code_postal: '20705', commune: 'AJACCIO' }],
    ['Rue Robert Schuman', { adresse: 'Rue Robert Schuman', code_postal: null, commune: null }],
  ])('splits « %s »', (text, expected) => {
    expect(splitAddress(text)).toEqual(expected)
  })

  it('title-cases commune names written in capitals only', () => {
    expect(communeName('SAINT-JEAN-DE-LUZ')).toBe('Saint-Jean-De-Luz')
    expect(communeName("L'ÎLE-ROUSSE")).toBe("L'Île-Rousse")
    expect(communeName('Le Bouscat')).toBe('Le Bouscat')
  })

  it('keeps a long description whole in the detail and abridges the summary', () => {
    expect(resumeAndDetail('Court.')).toEqual({ resume: 'Court.', detail: null })
    const long = 'Atelier numérique '.repeat(20).trim()
    const { resume, detail } = resumeAndDetail(long)
    expect([...(resume ?? '')].length).toBeLessThanOrEqual(280)
    expect(detail).toBe(long)
  })
})

describe('coordinates and gazetteer', () => {
  it('projects Lambert-93 to WGS84', () => {
    expect(lambert93ToWgs84(700000, 6600000)).toEqual({ latitude: 46.5, longitude: 3 })
    const paris = lambert93ToWgs84(652469, 6862035)
    expect(paris.latitude).toBeCloseTo(48.8566, 3)
    expect(paris.longitude).toBeCloseTo(2.3522, 3)
  })

  it('finds a postcode by commune name, nearest centre when the name is shared', () => {
    const row = (insee: string, name: string, postcode: string, lat: number, lng: number) => ({
      insee,
      region: '75',
      departement: insee.slice(0, 2),
      name,
      article: name,
      postcode,
      lat,
      lng,
    })
    const gazetteer = new Gazetteer([
      row('33039', 'Bègles', '33130', 44.8, -0.55),
      row('64024', 'Saint-Palais', '64120', 43.33, -1.03),
      row('33398', 'Saint-Palais', '33820', 45.28, -0.59),
    ])
    expect(gazetteer.findPostcode('BEGLES')).toBe('33130')
    expect(gazetteer.findPostcode('St Palais', { lat: 43.32, lon: -1.04 })).toBe('64120')
    expect(gazetteer.findPostcode('Saint-Palais', { departement: '33' })).toBe('33820')
    expect(gazetteer.findPostcode('Saint-Palais')).toBeNull()
    expect(gazetteer.regionName({ code_insee: null, code_postal: '98800', commune: 'Nouméa' })).toBe('Nouvelle-Calédonie')
    expect(gazetteer.regionName({ code_insee: null, code_postal: '33130', commune: 'Bègles' })).toBe('Nouvelle-Aquitaine')
  })
})

describe('producer vocabularies', () => {
  const row = { Type: 'Association culturelle', Desc: 'Ateliers GRATUITS sauf adhésion', Vide: '', geo: { lat: 1 } }

  it('applies the national pipeline rules: terms, exceptions, defaults, non-empty columns', () => {
    expect(applyChoices(row, [{ colonnes: ['Type'], termes: ['association'], cible: 'ASSO' }])).toEqual(['ASSO'])
    expect(applyChoices(row, [{ colonnes: ['Desc'], termes: ['gratuit'], sauf: ['Adhésion'], cible: 'Gratuit' }])).toEqual([])
    expect(applyChoices(row, [{ cible: 'RFS' }])).toEqual(['RFS'])
    expect(
      applyChoices(row, [
        { colonnes: ['Vide'], cible: 'X' },
        { colonnes: ['geo.lat'], cible: 'Y' },
      ]),
    ).toEqual(['Y'])
  })

  it('brings v1 variants and v0 words to canonical v1 values', () => {
    expect(canonicalValues('services', ['Comprehension du monde numérique', 'Utiliser le numérique au quotidien', 'Inconnu'])).toEqual({
      targeted: { services: ['Compréhension du monde numérique', 'Maîtrise des outils numériques du quotidien'] },
      unknown: ['Inconnu'],
    })
    expect(canonicalValues('dispositif_programmes_nationaux', ['CNFS', 'Point relais CAF', 'France Services']).targeted).toEqual({
      dispositif_programmes_nationaux: ['Conseillers numériques', 'France Services'],
      autres_formations_labels: ['Point relais CAF'],
    })
    expect(canonicalValues('prise_en_charge_specifique', ['Surdité']).targeted).toEqual({ prise_en_charge_specifique: ['Surdité'] })
  })

  it('normalises contacts and keeps what does not fit as text', () => {
    const contacts = cleanContacts({
      telephones: ['05 59 80 58 84', '3949'],
      courriels: ['contact@lieu.fr; chambéry@accorderie.fr'],
      sites: ['www.lieu.fr', 'facebook'],
      codePostal: '64150',
    })
    expect(contacts).toEqual({
      telephone: '+33559805884',
      courriels: ['contact@lieu.fr'],
      site_web: ['https://www.lieu.fr'],
      notes: ['Autres numéros : 3949', 'Courriel : chambéry@accorderie.fr'],
    })
  })
})
