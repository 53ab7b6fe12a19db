// Bus France Services (Charente, Emmaüs Ruffec): a v0.1 layout plus geocoder columns; one row per stop.
import { validOsmHours } from '../hours.ts'
import type { Candidate, SourceDefinition } from '../source.ts'
import { labelled, paragraphs, text } from '../text.ts'
import { readInput } from './mednum.ts'

// Stops served every other week (same rule as mednum-cli's `semaine_ouverture`).
const WEEKS: Record<string, string> = { 'Semaine impaire': 'week 1-53/2 ', 'Semaine paire': 'week 2-52/2 ' }

export const busFranceServicesCharente: SourceDefinition = {
  slug: 'bus-france-services-charente',
  producer: 'Bus France Services Charente (Emmaüs Ruffec)',
  input: 'mednum-cli-inputs/bus-france-services-charente.json',
  region: 'Nouvelle-Aquitaine',
  licence: 'Données ouvertes du producteur, republiées par anct-cartographie-nationale/mednum-cli (MIT)',
  origin: 'anct-cartographie-nationale/mednum-cli, `assets/input/bus-france-services-charente`',
  notes: [
    'Standard v0.1 lu par `fromLegacyV0` ; colonnes du géocodeur (`result_*`) non reprises ; `SIRET` → `pivot`.',
    'Typologie RFS et itinérance « Itinérant » (arrêts d’un bus), comme la configuration du pipeline national.',
    'Semaine paire / impaire écrite dans les horaires OSM (`week 2-52/2` / `week 1-53/2`).',
    'Pas de date dans le fichier : `date_maj` = 2023-09-20, date d’entrée du fichier dans mednum-cli.',
  ],
  candidates(): Candidate[] {
    return readInput('bus-france-services-charente').map((row): Candidate => {
      const kept = Object.fromEntries(Object.entries(row).filter(([key]) => !key.startsWith('result_')))
      const { SIRET, ouverture, horaires, ...rest } = kept
      const week = WEEKS[text(ouverture) ?? ''] ?? ''
      const osm = validOsmHours(text(horaires) === null ? null : `${week}${text(horaires)}`)
      return {
        key: String(row.id),
        format: 'v0',
        raw: {
          ...rest,
          pivot: SIRET,
          typologie: 'RFS',
          itinerance: ['Itinérant'],
          horaires: osm,
          date_maj: text(row.date_maj) ?? '2023-09-20',
          presentation_detail: paragraphs(
            text(row.presentation_detail),
            osm === null ? labelled('Horaires', [ouverture, horaires].map(text).filter(Boolean).join(', ')) : null,
          ),
        },
      }
    })
  },
}
