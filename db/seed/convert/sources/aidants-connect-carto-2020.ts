// The 2020 "lieux de l'inclusion numérique" files of betagouv/Aidants_Connect_Carto (one column
// layout for the regional hubs and the national France Services list).
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { parse } from 'csv-parse/sync'
import { PIVOT_PLACEHOLDER } from '../../../standard/index.ts'
import { cleanContacts } from '../contacts.ts'
import { frenchHoursToOsm, validOsmHours } from '../hours.ts'
import { VENUES_INPUT_DIR } from '../paths.ts'
import type { Candidate, SourceDefinition } from '../source.ts'
import { labelled, padCode, paragraphs, splitAddress, text } from '../text.ts'
import { canonicalValues } from '../vocabulary.ts'

type Row = Record<string, string>

// `type_lieu` of the Hauts-de-France hub → typology codes, only where the category is one type.
const TYPE_LIEU: Record<string, string> = {
  'Commune (Ville, CCAS, Centre Culturel...)': 'MUNI',
  Association: 'ASSO',
  'Pôle Emploi': 'FT',
  'Maison de Service au Public (MSAP)': 'MSAP',
  'Intercommunalité (EPCI)': 'EPCI',
  'Maison de quartier': 'MQ',
  'Département (UTPAS, MDS, MDSI, UTAS...)': 'DEPT',
  'Organisme de formations': 'OF',
  'Point Information Médiation Multi Services (PIMMS)': 'PIMMS',
  'Préfecture, Sous-Préfecture': 'PREF',
}

// `public_cible` words with the same meaning in v1.0.2; the others stay in presentation_detail.
const PUBLIC_CIBLE: Record<string, string> = { Jeunes: 'Jeunes', Séniors: 'Seniors' }

interface Ac2020Options {
  slug: string
  producer: string
  file: string
  region: string
  // The data carries no update date: the day the file entered the repository.
  dateMaj: string
  extra?: (row: Row) => Record<string, unknown>
  notes?: string[]
}

function readRows(file: string): Row[] {
  return parse(readFileSync(resolve(VENUES_INPUT_DIR, file), 'utf8'), { columns: true, bom: true, skip_empty_lines: true }) as Row[]
}

function toCandidate(row: Row, index: number, options: Ac2020Options): Candidate {
  const fromBrut = splitAddress(text(row.adresse_brut))
  const numero = text(row.adresse_numero)
  const rue = text(row.adresse_rue)
  const adresse = rue === null ? fromBrut.adresse : numero === null ? rue : `${numero} ${rue}`
  const codePostal = padCode(row.adresse_code_postal) ?? fromBrut.code_postal
  const contacts = cleanContacts({
    telephones: [row.contact_telephone],
    courriels: [row.contact_email],
    sites: [row.contact_web, row.contact_facebook],
    codePostal,
  })
  // The plain-text hours are the producer's; the OSM column is the 2020 pipeline's translation of
  // them, sometimes wrong ("Mo-Fr 08:30-12:00; 14:00-17:30"): ours first, when it reads them.
  const horaires =
    frenchHoursToOsm(row.horaires_ouverture_brut) ?? validOsmHours(row.horaires_ouverture_osm) ?? validOsmHours(row.horaires_ouverture_brut)
  const labels = (text(row.labels) ?? '')
    .split(',')
    .map((l) => l.trim())
    .filter((l) => l !== '')
  const { targeted, unknown: otherLabels } = canonicalValues('dispositif_programmes_nationaux', labels)
  const publics = (text(row.public_cible) ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '')
  const typeLieu = text(row.type_lieu)
  const typologie = typeLieu === null ? undefined : TYPE_LIEU[typeLieu]
  const otherPublics = publics.filter((p) => PUBLIC_CIBLE[p] === undefined && p !== 'Tout public')
  const raw: Record<string, unknown> = {
    pivot: text(row.siret) ?? PIVOT_PLACEHOLDER,
    nom: text(row.nom),
    commune: text(row.adresse_commune) ?? fromBrut.commune,
    code_postal: codePostal,
    code_insee: padCode(row.adresse_code_insee),
    adresse,
    latitude: text(row.latitude),
    longitude: text(row.longitude),
    typologie: typologie === undefined ? [] : [typologie],
    telephone: contacts.telephone,
    courriels: contacts.courriels,
    site_web: contacts.site_web,
    horaires,
    presentation_resume: text(row.description),
    presentation_detail: paragraphs(
      typologie === undefined ? labelled('Type de lieu', typeLieu === 'Autre / Inconnu' ? null : typeLieu) : null,
      otherPublics.length > 0 ? labelled('Publics', otherPublics.join(', ')) : null,
      row.accessibilite === 'oui' ? 'Accessible aux personnes à mobilité réduite (selon le producteur).' : null,
      horaires === null ? labelled('Horaires', row.horaires_ouverture_brut) : null,
      ...contacts.notes,
    ),
    structure_parente: text(row.structure_porteuse),
    itinerance: row.itinerant === 'Oui' ? ['Itinérant'] : [],
    date_maj: options.dateMaj,
    publics_specifiquement_adresses: publics.map((p) => PUBLIC_CIBLE[p]).filter((p) => p !== undefined),
    dispositif_programmes_nationaux: targeted.dispositif_programmes_nationaux ?? [],
    autres_formations_labels: otherLabels,
    ...options.extra?.(row),
  }
  return { key: String(index + 1), format: 'v1', raw }
}

function ac2020Source(options: Ac2020Options): SourceDefinition {
  return {
    slug: options.slug,
    producer: options.producer,
    input: options.file,
    region: options.region,
    licence:
      'Données ouvertes des hubs régionaux et de l’ANCT/CGET, republiées par betagouv/Aidants_Connect_Carto (licence ' +
      'non précisée dans le dépôt)',
    origin: `betagouv/Aidants_Connect_Carto, fichier transformé publié le ${options.dateMaj}`,
    notes: [
      'Pas de date de mise à jour dans le fichier : `date_maj` est la date de publication du fichier dans le dépôt.',
      'Pas de SIRET : `pivot` vaut la valeur d’attente 00000000000000.',
      'Certaines adresses se réduisent au nom de la commune (tel que publié par le producteur) ; elles sont gardées.',
      'Horaires : horaires en clair du producteur traduits en OSM quand ils sont sans condition ni ambiguïté, sinon ' +
        'la colonne OSM de 2020 si la bibliothèque `opening_hours` la lit sans avertissement (et sans règle sans jour ' +
        'après une règle avec jours), sinon texte conservé dans `presentation_detail`.',
      ...(options.notes ?? []),
    ],
    candidates(): Candidate[] {
      return readRows(options.file).map((row, index) => toCandidate(row, index, options))
    },
  }
}

export const francilin = ac2020Source({
  slug: 'hub-francilin-2020',
  producer: "Hub Francil'IN",
  file: 'aidants-connect-carto-2020/hub_hub_francilin_source_source_fichier_normalise_transformed.csv',
  region: 'Île-de-France',
  dateMaj: '2020-11-06',
  notes: ['Le label APTIC (chèques numériques) n’a pas d’équivalent v1.0.2 : reporté dans `autres_formations_labels`.'],
})

export const lesAssembleurs = ac2020Source({
  slug: 'hub-les-assembleurs-2020',
  producer: 'Les Assembleurs (hub Hauts-de-France)',
  file: 'aidants-connect-carto-2020/hub_hub_les_assembleurs_siilab-hdf_export_transformed.csv',
  region: 'Hauts-de-France',
  dateMaj: '2020-11-13',
  notes: [
    '`type_lieu` devient une typologie quand la catégorie désigne un seul type (Association → ASSO, Pôle Emploi → ' +
      'FT, MSAP, EPCI, MQ, DEPT, OF, PIMMS, PREF, Commune → MUNI) ; sinon elle reste dans `presentation_detail`.',
    '`public_cible` : Jeunes et Séniors repris ; Demandeurs d’emploi, Allocataires, Personnes en situation de ' +
      'handicap (sans précision) restent dans `presentation_detail`.',
    '`nature_juridique` (« Groupement d’intérêt public » pour 957 lieux, manifestement la nature du hub et non des ' +
      'lieux) n’est pas reprise.',
  ],
})

export const franceServices2020 = ac2020Source({
  slug: 'france-services-2020',
  producer: 'ANCT (France Services)',
  file: 'aidants-connect-carto-2020/national_france_services_france_services_cget-carto_transformed.csv',
  region: 'France entière',
  dateMaj: '2020-11-16',
  // The France Services programme, as the national pipeline describes it (mednum-cli france-services.config.json).
  extra: () => ({
    typologie: ['RFS'],
    frais_a_charge: ['Gratuit'],
    services: [
      'Aide aux démarches administratives',
      'Insertion professionnelle via le numérique',
      'Maîtrise des outils numériques du quotidien',
      'Compréhension du monde numérique',
    ],
  }),
  notes: [
    'Typologie RFS, frais « Gratuit » et services du programme France Services, comme dans la configuration ' +
      '`france-services` du pipeline national (mednum-cli).',
  ],
})
