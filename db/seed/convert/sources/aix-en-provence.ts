// Ville d'Aix-en-Provence: a standard v0.1 file (with two misspelt column names), read by fromLegacyV0.
import { validOsmHours } from '../hours.ts'
import type { Candidate, SourceDefinition } from '../source.ts'
import { labelled, paragraphs, text } from '../text.ts'
import { readInput } from './mednum.ts'

// v0 typology written with an old code: Pôle emploi is now France Travail (FT).
const TYPOLOGIE: Record<string, string> = { PE: 'FT' }

export const aixEnProvence: SourceDefinition = {
  slug: 'aix-en-provence',
  producer: 'Mairie Aix en Provence',
  input: 'mednum-cli-inputs/aix-en-provence.json',
  region: "Provence-Alpes-Côte d'Azur",
  licence: 'Données ouvertes du producteur, republiées par anct-cartographie-nationale/mednum-cli (MIT)',
  origin: 'anct-cartographie-nationale/mednum-cli, `assets/input/aix-en-provence`',
  notes: [
    'Standard v0.1 (colonnes `Adresse` et `public_accueillis` renommées) lu par `fromLegacyV0` ; `source` est celle du fichier.',
    'Typologie v0 « PE » (Pôle emploi) écrite FT (France Travail).',
  ],
  candidates(): Candidate[] {
    return readInput('aix-en-provence').map((row): Candidate => {
      const { Adresse, public_accueillis, typologie, horaires, ...rest } = row
      const osm = validOsmHours(text(horaires))
      return {
        key: String(row.id),
        format: 'v0',
        raw: {
          ...rest,
          adresse: Adresse,
          publics_accueillis: public_accueillis,
          typologie: (text(typologie) ?? '').split(';').map((t) => TYPOLOGIE[t.trim()] ?? t.trim()),
          horaires: osm,
          presentation_detail: paragraphs(text(row.presentation_detail), osm === null ? labelled('Horaires', horaires) : null),
        },
      }
    })
  },
}
