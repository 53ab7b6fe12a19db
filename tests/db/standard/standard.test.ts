// The national standard v1.0.2 module (db/standard): constants, reading, legacy v0.1, writing.
import { readFileSync } from 'node:fs'
import { isValidCourriel, isValidUrl } from '@gouvfr-anct/lieux-de-mediation-numerique'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  detectFormat,
  ENUM_FIELDS,
  formatNumber,
  formatStandardCsv,
  fromLegacyV0,
  LEGACY_V0_FIELDS,
  LIST_FIELDS,
  loadTableSchema,
  parseStandardCsv,
  parseStandardRecord,
  STANDARD_CSV_HEADER,
  STANDARD_FIELDS,
  TELEPHONE_PATTERN,
  toStandardRow,
  TYPOLOGIES,
  type StandardRecord,
} from '../../../db/standard/index.ts'

const EXAMPLE = readFileSync(new URL('../../../db/standard/exemple-valide-v1.0.2.csv', import.meta.url), 'utf8')

// A valid minimal venue; tests override one field at a time.
const BASE: Record<string, unknown> = {
  id: 'lieu-1',
  pivot: '43493312300029',
  nom: 'Médiathèque',
  commune: 'Reims',
  code_postal: '51100',
  adresse: '12 rue de la Paix',
  date_maj: '2024-04-02',
}

const parse = (overrides: Record<string, unknown>) => parseStandardRecord({ ...BASE, ...overrides })
const fieldsOf = (issues: Array<{ field: string }>) => issues.map((issue) => issue.field)

describe('constants', () => {
  it('lists the 32 fields in official order and the exact CSV header', () => {
    expect(STANDARD_FIELDS).toHaveLength(32)
    expect(STANDARD_FIELDS.slice(0, 3)).toEqual(['id', 'pivot', 'nom'])
    expect(STANDARD_FIELDS.at(-1)).toBe('prise_rdv')
    expect(STANDARD_FIELDS).toEqual(loadTableSchema().fields.map((field) => field.name))
    expect(STANDARD_CSV_HEADER.startsWith('id,pivot,nom,commune,code_postal,code_insee,adresse,')).toBe(true)
    expect(STANDARD_CSV_HEADER).not.toContain('"')
    expect(STANDARD_CSV_HEADER.split(',')).toHaveLength(32)
  })

  it('has 13 list fields and 92 typologies', () => {
    expect(LIST_FIELDS).toHaveLength(13)
    expect(LIST_FIELDS).toContain('courriels')
    expect(LIST_FIELDS).not.toContain('horaires')
    expect(TYPOLOGIES).toHaveLength(92)
    expect(TYPOLOGIES).toEqual(expect.arrayContaining(['BIB', 'TIERS_LIEUX', 'Autre', 'RFS', 'FT']))
  })

  it('writes every enumerated value as the official schema pattern accepts it', () => {
    const schema = loadTableSchema()
    for (const [field, values] of Object.entries(ENUM_FIELDS)) {
      const pattern = schema.fields.find((f) => f.name === field)?.constraints?.pattern
      expect(pattern, field).toBeDefined()
      const regex = new RegExp(`^(?:${pattern})$`, 'u')
      for (const value of values) expect(regex.test(value), `${field}: ${value}`).toBe(true)
      expect(regex.test(values.join('|'))).toBe(true)
    }
    expect(ENUM_FIELDS.formations_labels).toContain('Étapes numériques(La Poste)')
    expect(ENUM_FIELDS.modalites_acces).toContain("Ce lieu n'accueille pas de public")
    expect(ENUM_FIELDS.services).toHaveLength(9)
  })
})

describe('parseStandardRecord', () => {
  it('reads the official valid example without error or warning', () => {
    const { format, rows } = parseStandardCsv(EXAMPLE)
    expect(format).toBe('v1')
    expect(rows).toHaveLength(1)
    const [row] = rows
    expect(row.errors).toEqual([])
    expect(row.warnings).toEqual([])
    expect(row.record).toMatchObject({
      id: 'structure-1',
      pivot: '43493312300029',
      code_insee: '51454',
      latitude: 43.52609,
      longitude: 5.41423,
      typologie: ['TIERS_LIEUX', 'ASSO'],
      courriels: ['contact@laquincaillerie.tl', 'responsable@laquincaillerie.tl'],
      itinerance: ['Itinérant'],
      date_maj: '2024-04-02',
      frais_a_charge: ['Gratuit sous condition', 'Payant'],
      autres_formations_labels: ['Label et la bête'],
      prise_rdv: 'https://www.rdv-solidarites.fr/',
    })
  })

  it.each([
    ['formations_labels', 'Étapes numériques (La Poste)', ['Étapes numériques(La Poste)']],
    ['formations_labels', 'étapes numériques(la poste)', ['Étapes numériques(La Poste)']],
    ['formations_labels', 'Formé à Mon Espace Santé', ['Formé à « Mon Espace Santé »']],
    ['modalites_acces', 'Ce lieu n’accueille pas de public', ["Ce lieu n'accueille pas de public"]],
    ['modalites_acces', 'ce lieu n ‘accueille pas de public', ["Ce lieu n'accueille pas de public"]],
    ['services', 'Comprehension du monde numérique', ['Compréhension du monde numérique']],
    ['services', '  aide aux  démarches administratives ', ['Aide aux démarches administratives']],
    ['services', 'MAITRISE DES OUTILS NUMERIQUES DU QUOTIDIEN', ['Maîtrise des outils numériques du quotidien']],
    ['dispositif_programmes_nationaux', 'Point d’accès numérique CAF', ["Point d'accès numérique CAF"]],
    ['dispositif_programmes_nationaux', 'Emmaus Connect', ['Emmaüs Connect']],
    ['modalites_accompagnement', 'A distance', ['À distance']],
    ['itinerance', 'itinerant', ['Itinérant']],
    ['publics_specifiquement_adresses', 'etudiants', ['Étudiants']],
    ['prise_en_charge_specifique', 'Langues etrangeres (anglais)', ['Langues étrangères (anglais)']],
  ])('reads the %s variant « %s » as canonical', (field, value, expected) => {
    const result = parse({ [field]: value })
    expect(result.errors).toEqual([])
    expect(result.record?.[field as keyof StandardRecord]).toEqual(expected)
  })

  it('reads the ambiguous « Langues étrangères » as both values and reports it', () => {
    const result = parse({ prise_en_charge_specifique: 'Langues étrangères|Surdité' })
    expect(result.errors).toEqual([])
    expect(result.record?.prise_en_charge_specifique).toEqual(['Langues étrangères (anglais)', 'Langues étrangères (autres)', 'Surdité'])
    expect(result.warnings).toHaveLength(1)
    expect(result.warnings[0].field).toBe('prise_en_charge_specifique')
    expect(result.warnings[0].message).toContain('ambiguë')
  })

  it('rejects a bad postcode, naming the field', () => {
    for (const code of ['ABCDE', '750011', '7500']) {
      const result = parse({ code_postal: code })
      expect(result.record).toBeNull()
      expect(fieldsOf(result.errors)).toEqual(['code_postal'])
      expect(result.errors[0].message).toContain(code)
    }
  })

  it('puts back the leading zero of a postcode stored as a JSON number', () => {
    const result = parse({ code_postal: 1000, code_insee: 1053 })
    expect(result.record?.code_postal).toBe('01000')
    expect(result.record?.code_insee).toBe('01053')
    expect(fieldsOf(result.warnings)).toEqual(['code_postal', 'code_insee'])
  })

  it('rejects an unknown enumerated value, naming the field and the value and listing the allowed values', () => {
    const result = parse({ services: 'Aide aux démarches administratives|Cours de cuisine' })
    expect(result.record).toBeNull()
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0].field).toBe('services')
    expect(result.errors[0].value).toBe('Cours de cuisine')
    expect(result.errors[0].message).toContain('« Cours de cuisine »')
    expect(result.errors[0].message).toContain('Aide aux démarches administratives')
    expect(result.errors[0].message).toContain('Acquisition de matériel informatique à prix solidaire')
  })

  it('rejects a missing or blank required field, naming it', () => {
    for (const nom of [undefined, '', '   ', null]) {
      const result = parse({ nom })
      expect(result.record).toBeNull()
      expect(fieldsOf(result.errors)).toEqual(['nom'])
    }
    const empty = parseStandardRecord({})
    expect(fieldsOf(empty.errors).sort()).toEqual(['adresse', 'code_postal', 'commune', 'date_maj', 'id', 'nom', 'pivot'])
  })

  it('checks the pivot pattern', () => {
    expect(fieldsOf(parse({ pivot: '1234' }).errors)).toEqual(['pivot'])
    expect(fieldsOf(parse({ pivot: 'W12345678-9' }).errors)).toEqual(['pivot'])
    expect(parse({ pivot: 'W123456789' }).record?.pivot).toBe('W123456789')
    const spaced = parse({ pivot: '401 092 267 00020' })
    expect(spaced.record?.pivot).toBe('40109226700020')
    expect(fieldsOf(spaced.warnings)).toEqual(['pivot'])
  })

  it.each([
    ['01 23 45 67 89', '+33123456789'],
    ['0123456789', '+33123456789'],
    ['01.23.45.67.89', '+33123456789'],
    ['+33 (0)1 23 45 67 89', '+33123456789'],
    ['0033 1 23 45 67 89', '+33123456789'],
    ['06 12 34 56 78', '+33612345678'],
    ['0590 12 34 56', '+590590123456'],
    ['0590 12 34 56 78', null],
    ['0692 12 34 56', '+262692123456'],
    ['0262 12 34 56', '+262262123456'],
  ])('normalises the French telephone « %s »', (input, expected) => {
    const result = parse({ telephone: input })
    if (expected === null) {
      expect(fieldsOf(result.errors)).toEqual(['telephone'])
    } else {
      expect(result.errors).toEqual([])
      expect(result.record?.telephone).toBe(expected)
      expect(result.record?.telephone).toMatch(TELEPHONE_PATTERN)
      expect(fieldsOf(result.warnings)).toEqual(['telephone'])
    }
  })

  it('keeps an E.164 telephone as it is, uses the country code of the Pacific, and rejects garbage', () => {
    const ok = parse({ telephone: '+33180059880' })
    expect(ok.record?.telephone).toBe('+33180059880')
    expect(ok.warnings).toEqual([])
    expect(parse({ telephone: '25 12 34', code_postal: '98800' }).record?.telephone).toBe('+687251234')
    expect(parse({ telephone: '0262 21 12 34' }).record?.telephone).toBe('+262262211234')
    expect(fieldsOf(parse({ telephone: '3949' }).errors)).toEqual(['telephone'])
    expect(fieldsOf(parse({ telephone: 'pas de téléphone' }).errors)).toEqual(['telephone'])
    const two = parse({ telephone: '01 23 45 67 89 / 06 12 34 56 78' })
    expect(two.record?.telephone).toBe('+33123456789')
    expect(two.warnings.map((w) => w.value)).toContain('06 12 34 56 78')
  })

  it('limits presentation_resume to 280 characters', () => {
    expect(parse({ presentation_resume: 'é'.repeat(280) }).errors).toEqual([])
    const long = parse({ presentation_resume: 'é'.repeat(281) })
    expect(long.record).toBeNull()
    expect(fieldsOf(long.errors)).toEqual(['presentation_resume'])
  })

  it('reads dates: ISO, DD/MM/YYYY with a warning, impossible dates rejected', () => {
    expect(parse({ date_maj: '2024-02-29' }).record?.date_maj).toBe('2024-02-29')
    const french = parse({ date_maj: '02/04/2024' })
    expect(french.record?.date_maj).toBe('2024-04-02')
    expect(fieldsOf(french.warnings)).toEqual(['date_maj'])
    expect(fieldsOf(parse({ date_maj: '2023-02-29' }).errors)).toEqual(['date_maj'])
    expect(fieldsOf(parse({ date_maj: 'hier' }).errors)).toEqual(['date_maj'])
  })

  it('checks coordinates: numbers within range, decimal comma accepted with a warning', () => {
    const ok = parse({ latitude: '43.5', longitude: 5.25 })
    expect([ok.record?.latitude, ok.record?.longitude]).toEqual([43.5, 5.25])
    const comma = parse({ latitude: '43,5', longitude: '5,25' })
    expect([comma.record?.latitude, comma.record?.longitude]).toEqual([43.5, 5.25])
    expect(fieldsOf(comma.warnings)).toEqual(['latitude', 'longitude'])
    expect(fieldsOf(parse({ latitude: '91', longitude: '5' }).errors)).toEqual(['latitude'])
    expect(fieldsOf(parse({ latitude: '45', longitude: '-181' }).errors)).toEqual(['longitude'])
    expect(fieldsOf(parse({ latitude: 'nord', longitude: '5' }).errors)).toEqual(['latitude'])
  })

  it('trims, turns blanks into null or empty lists, deduplicates lists in order', () => {
    const result = parse({
      nom: '  Médiathèque  ',
      complement_adresse: '   ',
      services: '',
      publics_specifiquement_adresses: 'Seniors|Jeunes|Seniors| |jeunes',
      site_web: ' https://a.fr | https://a.fr ',
    })
    expect(result.errors).toEqual([])
    expect(result.record).toMatchObject({
      nom: 'Médiathèque',
      complement_adresse: null,
      services: [],
      publics_specifiquement_adresses: ['Seniors', 'Jeunes'],
      site_web: ['https://a.fr'],
      latitude: null,
      horaires: null,
    })
  })

  it('reads JSON input: arrays or `|` strings for lists, numbers for numbers', () => {
    const result = parse({
      services: ['Aide aux démarches administratives', 'Loisirs et créations numériques|Accès internet et matériel informatique'],
      latitude: 48.1,
      longitude: -1.5,
      typologie: ['bib'],
    })
    expect(result.errors).toEqual([])
    expect(result.record?.services).toEqual([
      'Aide aux démarches administratives',
      'Loisirs et créations numériques',
      'Accès internet et matériel informatique',
    ])
    expect(result.record?.typologie).toEqual(['BIB'])
    expect(result.record?.latitude).toBe(48.1)
  })

  it('warns, without rejecting, on unknown columns, typologies, e-mails, URLs and opening hours', () => {
    const result = parse({ couleur: 'bleu', typologie: 'BIB|XYZ', courriels: 'a@@b', site_web: 'pas-une-url', horaires: 'le lundi' })
    expect(result.errors).toEqual([])
    expect(fieldsOf(result.warnings).sort()).toEqual(['couleur', 'courriels', 'horaires', 'site_web', 'typologie'])
    expect(result.record).toMatchObject({ typologie: ['BIB'], courriels: [], site_web: [], horaires: 'le lundi' })
    // The OSM library "reads" French words with corrections: that is still a warning, with its reading.
    const french = parse({ horaires: 'lundi 9h-12h' })
    expect(french.warnings).toHaveLength(1)
    expect(french.warnings[0].message).toContain('Mo 09:00-12:00')
    expect(parse({ horaires: 'Mo-Fr 09:00-12:00; PH off' }).warnings).toEqual([])
    expect(parse({ site_web: 'www.exemple.fr' }).record?.site_web).toEqual(['https://www.exemple.fr'])
  })

  it('honours another list separator', () => {
    const result = parseStandardRecord(
      { ...BASE, services: 'Aide aux démarches administratives;Loisirs et créations numériques' },
      { listSeparator: ';' },
    )
    expect(result.record?.services).toEqual(['Aide aux démarches administratives', 'Loisirs et créations numériques'])
  })
})

describe('detectFormat', () => {
  it('tells v0.1 from v1.0.2 headers', () => {
    expect(detectFormat([...LEGACY_V0_FIELDS])).toBe('v0')
    expect(detectFormat([...STANDARD_FIELDS])).toBe('v1')
    expect(detectFormat(['id', 'nom', 'courriel', 'publics_accueillis'])).toBe('v0')
    expect(detectFormat(['id', 'nom', 'courriels'])).toBe('v1')
  })
})

describe('fromLegacyV0', () => {
  const V0: Record<string, unknown> = {
    id: '7',
    nom: 'Espace numérique',
    commune: 'Annecy',
    code_postal: '74000',
    adresse: '1 place de la Mairie',
    cle_ban: '74010_0001_00001',
    telephone: '04 50 00 00 00',
    courriel: 'contact@espace.fr;accueil@espace.fr',
    site_web: 'https://espace.fr',
    date_maj: '2022-06-02',
    services:
      'Réaliser des démarches administratives avec un accompagnement;Prendre en main un ordinateur;Créer et ' +
      'développer mon entreprise;Accéder à du matériel',
    publics_accueillis: 'Seniors (+ 65 ans);Surdité;Adultes;Familles/enfants',
    conditions_acces:
      "Gratuit : Je peux accéder gratuitement au lieu et à ses services;Adhésion : L'accès au lieu et/ou à ses " +
      "services nécessite d'y adhérer",
    labels_nationaux: 'CNFS;France Services;APTIC;Fabriques de Territoire',
    labels_autres: 'SudLabs',
    modalites_accompagnement:
      "Avec de l'aide : je suis accompagné seul dans l'usage du numérique;Dans un atelier : j'apprends " +
      "collectivement à utiliser le numérique;Seul : j'ai accès à du matériel et une connexion",
    accessibilite: 'https://acceslibre.beta.gouv.fr/app/74-annecy/a/mairie/erp/mairie-1/',
  }

  it('maps the v0 vocabulary onto v1 where the meaning is the same', () => {
    const result = fromLegacyV0(V0)
    expect(result.errors).toEqual([])
    expect(result.record).toMatchObject({
      id: '7',
      pivot: '00000000000000',
      telephone: '+33450000000',
      courriels: ['contact@espace.fr', 'accueil@espace.fr'],
      services: [
        'Aide aux démarches administratives',
        'Maîtrise des outils numériques du quotidien',
        'Accès internet et matériel informatique',
      ],
      publics_specifiquement_adresses: ['Seniors', 'Familles et/ou enfants'],
      prise_en_charge_specifique: ['Surdité'],
      frais_a_charge: ['Gratuit'],
      dispositif_programmes_nationaux: ['Conseillers numériques', 'France Services'],
      formations_labels: ['Fabriques de Territoire'],
      autres_formations_labels: ['SudLabs', 'APTIC'],
      modalites_accompagnement: ['Accompagnement individuel', 'Dans un atelier collectif', 'En autonomie'],
      fiche_acces_libre: 'https://acceslibre.beta.gouv.fr/app/74-annecy/a/mairie/erp/mairie-1/',
    })
  })

  it('reports what it cannot map, naming the field and the value, and never drops it silently', () => {
    const result = fromLegacyV0(V0)
    const warned = result.warnings.map((w) => `${w.field}=${String(w.value ?? '')}`)
    expect(warned).toEqual(
      expect.arrayContaining([
        'pivot=',
        'cle_ban=74010_0001_00001',
        'services=Créer et développer mon entreprise',
        'publics_accueillis=Adultes',
        "conditions_acces=Adhésion : L'accès au lieu et/ou à ses services nécessite d'y adhérer",
        'labels_nationaux=APTIC',
      ]),
    )
    const kept = fromLegacyV0(V0, { keepUnmappedInDetail: true })
    expect(kept.record?.presentation_detail).toContain('Créer et développer mon entreprise')
    expect(kept.record?.presentation_detail).toContain('Adhésion')
    expect(kept.record?.presentation_detail).not.toContain('Adultes')
  })

  it('reads short v0 labels, v1 values in a v0 file, and moves a long summary to the detail', () => {
    const result = fromLegacyV0({
      ...V0,
      conditions_acces: 'Payant',
      modalites_accompagnement: 'Seul',
      publics_accueillis: 'Public langues étrangères',
      services: 'Aide aux démarches administratives',
      presentation_resume: 'mot '.repeat(100).trim(),
    })
    expect(result.errors).toEqual([])
    expect(result.record?.frais_a_charge).toEqual(['Payant'])
    expect(result.record?.modalites_accompagnement).toEqual(['En autonomie'])
    expect(result.record?.prise_en_charge_specifique).toEqual(['Langues étrangères (anglais)', 'Langues étrangères (autres)'])
    expect(result.record?.services).toEqual(['Aide aux démarches administratives'])
    expect([...(result.record?.presentation_resume ?? '')].length).toBeLessThanOrEqual(280)
    expect(result.record?.presentation_resume?.endsWith('…')).toBe(true)
    expect(result.record?.presentation_detail).toBe('mot '.repeat(100).trim())
  })

  it('still rejects what v1 requires, naming the field', () => {
    const result = fromLegacyV0({ ...V0, code_postal: 'Annecy' })
    expect(result.record).toBeNull()
    expect(fieldsOf(result.errors)).toEqual(['code_postal'])
  })

  it('reads the whole 2022 Hinaura v0.1 file when it is at hand', () => {
    const file = new URL('../../../../shared/data/venues/client-application-source-2022.json', import.meta.url)
    let rows: Array<Record<string, unknown>>
    try {
      rows = JSON.parse(readFileSync(file, 'utf8'))
    } catch {
      return // the shared data folder is not part of the project
    }
    const results = rows.map((row) => fromLegacyV0(row))
    expect(results.filter((r) => r.record === null)).toEqual([])
    expect(results.filter((r) => r.record?.telephone !== null).length).toBe(rows.filter((r) => r.telephone).length)
  })
})

describe('toStandardRow', () => {
  it('writes values in field order, lists with `|`, nulls as empty strings', () => {
    const record = parse({
      services: 'Loisirs et créations numériques|Aide aux démarches administratives',
      latitude: '48.85',
      longitude: '2.35',
    }).record as StandardRecord
    const row = toStandardRow(record)
    expect(row).toHaveLength(32)
    expect(row[0]).toBe('lieu-1')
    expect(row[STANDARD_FIELDS.indexOf('services')]).toBe('Loisirs et créations numériques|Aide aux démarches administratives')
    expect(row[STANDARD_FIELDS.indexOf('latitude')]).toBe('48.85')
    expect(row[STANDARD_FIELDS.indexOf('code_insee')]).toBe('')
  })

  it('prints numbers without exponent and without losing precision', () => {
    expect(formatNumber(43.52609)).toBe('43.52609')
    expect(formatNumber(1e-7)).toBe('0.0000001')
    expect(formatNumber(-1.5e-10)).toBe('-0.00000000015')
    expect(formatNumber(1e21)).toBe('1000000000000000000000')
    expect(formatNumber(-0)).toBe('0')
    expect(Number(formatNumber(0.1 + 0.2))).toBe(0.1 + 0.2)
  })

  it('round-trips the official example byte for byte through formatStandardCsv', () => {
    const record = parseStandardCsv(EXAMPLE).rows[0].record as StandardRecord
    const csv = formatStandardCsv([record])
    expect(csv.split('\n')[0]).toBe(STANDARD_CSV_HEADER)
    const again = parseStandardCsv(csv).rows[0].record as StandardRecord
    expect(again).toEqual(record)
    expect(formatStandardCsv([again])).toBe(csv)
  })
})

describe('round trip property', () => {
  const char = fc.constantFrom('a', 'Z', '7', ' ', 'é', '’', "'", '"', ',', ';', '\n', 'œ', '«', '»', '-', '/', '.', ':')
  const text = fc
    .string({ unit: char, minLength: 1, maxLength: 40 })
    .map((s) => s.trim())
    .filter((s) => s !== '')
  const nullable = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null })
  const noPipe = text.map((s) => s.replace(/\|/g, '/'))
  const coordinate = (max: number) => fc.double({ min: -max, max, noNaN: true }).map((v) => (v === 0 ? 0 : v))
  const url = fc.webUrl().filter((u) => isValidUrl(u) && !/[\s|]/.test(u))
  const email = fc.emailAddress().filter((e) => isValidCourriel(e) && !/[\s|;,]/.test(e))
  const enumList = (field: keyof typeof ENUM_FIELDS) => fc.subarray([...ENUM_FIELDS[field]])

  const record: fc.Arbitrary<StandardRecord> = fc
    .record({
      id: text,
      pivot: fc.stringMatching(/^[a-zA-Z0-9]{9,14}$/),
      nom: text,
      commune: text,
      code_postal: fc.stringMatching(/^\d{5}$/),
      code_insee: nullable(fc.stringMatching(/^([013-9]\d|2[AB1-9])\d{3}$/)),
      adresse: text,
      complement_adresse: nullable(text),
      position: nullable(fc.tuple(coordinate(90), coordinate(180))),
      typologie: fc.subarray([...TYPOLOGIES]),
      telephone: nullable(fc.stringMatching(/^(\+33|\+590|\+594|\+262|\+596|\+269|\+687|\+689|\+508|\+681)\d{6,9}$/)),
      courriels: fc.uniqueArray(email, { maxLength: 3 }),
      site_web: fc.uniqueArray(url, { maxLength: 3 }),
      horaires: nullable(fc.constantFrom('Mo-Fr 09:00-12:00,14:00-18:30; Sa 08:30-12:00', '24/7', 'We 14:00-17:00')),
      presentation_resume: nullable(
        fc
          .string({ unit: char, maxLength: 280 })
          .map((s) => s.trim())
          .filter((s) => s !== ''),
      ),
      presentation_detail: nullable(text),
      source: nullable(text),
      itinerance: enumList('itinerance'),
      structure_parente: nullable(text),
      date_maj: fc
        .date({ min: new Date('1990-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10)),
      services: enumList('services'),
      publics_specifiquement_adresses: enumList('publics_specifiquement_adresses'),
      prise_en_charge_specifique: enumList('prise_en_charge_specifique'),
      frais_a_charge: enumList('frais_a_charge'),
      dispositif_programmes_nationaux: enumList('dispositif_programmes_nationaux'),
      formations_labels: enumList('formations_labels'),
      autres_formations_labels: fc.uniqueArray(noPipe, { maxLength: 3 }),
      modalites_acces: enumList('modalites_acces'),
      modalites_accompagnement: enumList('modalites_accompagnement'),
      fiche_acces_libre: nullable(url),
      prise_rdv: nullable(url),
    })
    .map(({ position, ...rest }) => {
      const fields = { ...rest, latitude: position?.[0] ?? null, longitude: position?.[1] ?? null }
      return Object.fromEntries(STANDARD_FIELDS.map((f) => [f, fields[f]])) as unknown as StandardRecord
    })

  it('parse(toStandardRow(record)) gives back the record, with no error', () => {
    fc.assert(
      fc.property(record, (r) => {
        const row = toStandardRow(r)
        const result = parseStandardRecord(Object.fromEntries(STANDARD_FIELDS.map((f, i) => [f, row[i]])))
        expect(result.errors).toEqual([])
        expect(result.record).toEqual(r)
      }),
      { numRuns: 300 },
    )
  })

  it('reads its own JSON shape back (arrays and numbers)', () => {
    fc.assert(
      fc.property(record, (r) => {
        expect(parseStandardRecord(JSON.parse(JSON.stringify(r))).record).toEqual(r)
      }),
      { numRuns: 100 },
    )
  })

  it('a CSV file of generated records reads back and rewrites to the same bytes', () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 5 }), (records) => {
        const unique = [...new Map(records.map((r) => [r.id, r])).values()]
        const csv = formatStandardCsv(unique)
        const parsed = parseStandardCsv(csv)
        expect(parsed.rows.map((row) => row.record)).toEqual(unique)
        expect(formatStandardCsv(parsed.rows.map((row) => row.record as StandardRecord))).toBe(csv)
      }),
      { numRuns: 100 },
    )
  })
})
