// Hinaura (Auvergne-Rhône-Alpes): a standard v0.1 file as JSON, read by fromLegacyV0.
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { cleanContacts } from '../contacts.ts'
import { VENUES_INPUT_DIR } from '../paths.ts'
import type { Candidate, SourceDefinition } from '../source.ts'
import { paragraphs, text } from '../text.ts'

export const hinaura: SourceDefinition = {
  slug: 'hinaura',
  producer: 'Hinaura',
  input: 'client-application-source-2022.json',
  region: 'Auvergne-Rhône-Alpes',
  licence: 'Licence Ouverte 2.0',
  origin: 'anct-cartographie-nationale/client-application (fichier source de la cartographie nationale, 2022)',
  notes: [
    'Standard v0.1 lu par `fromLegacyV0` : vocabulaire v0 traduit en v1.0.2 quand le sens est le même.',
    '« Adultes » n’est pas repris (tout public par défaut en v1.0.2) ; « Public langues étrangères » devient « ' +
      'Langues étrangères (anglais) » et « Langues étrangères (autres) ».',
    '« Adhésion », « Accepte le Pass numérique » et « A ma place » (sans équivalent v1.0.2) sont conservés en fin ' +
      'de `presentation_detail`.',
  ],
  candidates(): Candidate[] {
    const rows = JSON.parse(readFileSync(resolve(VENUES_INPUT_DIR, this.input), 'utf8')) as Array<Record<string, unknown>>
    return rows.map((row) => {
      // Invalid e-mails (e.g. with an accent) are kept as text rather than dropped.
      const contacts = cleanContacts({ courriels: [row.courriel], codePostal: text(row.code_postal) })
      const raw = {
        ...row,
        courriel: contacts.courriels,
        presentation_detail: paragraphs(text(row.presentation_detail), ...contacts.notes),
      }
      return { key: String(row.id), format: 'v0', raw }
    })
  },
}
