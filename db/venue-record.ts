// Maps between the national standard's record (db/standard) and the venues table.
import type { StandardRecord } from './standard/index.ts'
import { VENUE_LIST_COLUMNS, type VenueRow } from './types.ts'
import { fieldsExcept } from '../domain/standard/fields.ts'

/** The columns that make up a venue's content: what a version snapshots and a revert restores. */
export const VENUE_DATA_COLUMNS = [
  'source',
  'source_id',
  ...fieldsExcept('id', 'source', ...VENUE_LIST_COLUMNS),
  ...VENUE_LIST_COLUMNS,
  'location_approximate',
] as const
export type VenueDataColumn = (typeof VENUE_DATA_COLUMNS)[number]
export type VenueData = Pick<VenueRow, VenueDataColumn>

/** The venue content carried by a standard record; `source` falls back to the importer's source name. */
export function recordToVenueData(record: StandardRecord, fallbackSource: string, locationApproximate = false): VenueData {
  return {
    source: record.source ?? fallbackSource,
    source_id: record.id,
    pivot: record.pivot,
    nom: record.nom,
    commune: record.commune,
    code_postal: record.code_postal,
    code_insee: record.code_insee,
    adresse: record.adresse,
    complement_adresse: record.complement_adresse,
    latitude: record.latitude,
    longitude: record.longitude,
    telephone: record.telephone,
    horaires: record.horaires,
    presentation_resume: record.presentation_resume,
    presentation_detail: record.presentation_detail,
    structure_parente: record.structure_parente,
    date_maj: record.date_maj,
    fiche_acces_libre: record.fiche_acces_libre,
    prise_rdv: record.prise_rdv,
    typologie: record.typologie,
    courriels: record.courriels,
    site_web: record.site_web,
    itinerance: record.itinerance,
    services: record.services,
    publics_specifiquement_adresses: record.publics_specifiquement_adresses,
    prise_en_charge_specifique: record.prise_en_charge_specifique,
    frais_a_charge: record.frais_a_charge,
    dispositif_programmes_nationaux: record.dispositif_programmes_nationaux,
    formations_labels: record.formations_labels,
    autres_formations_labels: record.autres_formations_labels,
    modalites_acces: record.modalites_acces,
    modalites_accompagnement: record.modalites_accompagnement,
    location_approximate: locationApproximate,
  }
}

/** The standard record of a stored venue, as exported (the producer's id is the standard `id`). */
export function venueToRecord(venue: VenueData, exportedId = venue.source_id): StandardRecord {
  return {
    id: exportedId,
    pivot: venue.pivot,
    nom: venue.nom,
    commune: venue.commune,
    code_postal: venue.code_postal,
    code_insee: venue.code_insee,
    adresse: venue.adresse,
    complement_adresse: venue.complement_adresse,
    latitude: venue.latitude,
    longitude: venue.longitude,
    typologie: venue.typologie,
    telephone: venue.telephone,
    courriels: venue.courriels,
    site_web: venue.site_web,
    horaires: venue.horaires,
    presentation_resume: venue.presentation_resume,
    presentation_detail: venue.presentation_detail,
    source: venue.source,
    itinerance: venue.itinerance,
    structure_parente: venue.structure_parente,
    date_maj: venue.date_maj,
    services: venue.services,
    publics_specifiquement_adresses: venue.publics_specifiquement_adresses,
    prise_en_charge_specifique: venue.prise_en_charge_specifique,
    frais_a_charge: venue.frais_a_charge,
    dispositif_programmes_nationaux: venue.dispositif_programmes_nationaux,
    formations_labels: venue.formations_labels,
    autres_formations_labels: venue.autres_formations_labels,
    modalites_acces: venue.modalites_acces,
    modalites_accompagnement: venue.modalites_accompagnement,
    fiche_acces_libre: venue.fiche_acces_libre,
    prise_rdv: venue.prise_rdv,
  }
}

export function pickVenueData(row: VenueData): VenueData {
  const data = {} as Record<string, unknown>
  for (const column of VENUE_DATA_COLUMNS) data[column] = row[column]
  return data as VenueData
}

/**
 * Equality of two column values as their JSON forms would compare (absent = null, lists in order, numbers
 * exactly), without building the JSON for the common cases: a sync compares 30 columns of 30,000 rows.
 */
export function sameColumnValue(a: unknown, b: unknown): boolean {
  const x = a ?? null
  const y = b ?? null
  if (x === y) return true
  if (Array.isArray(x) && Array.isArray(y)) return x.length === y.length && x.every((item, i) => sameColumnValue(item, y[i]))
  if (typeof x === 'object' && typeof y === 'object' && x !== null && y !== null) return JSON.stringify(x) === JSON.stringify(y)
  // Different primitives (or a primitive and an object) differ, except where JSON.stringify maps both to `null`.
  return JSON.stringify(x) === JSON.stringify(y)
}

/** Field-by-field equality of venue content (lists compared in order, numbers exactly). */
export function sameVenueData(a: VenueData, b: VenueData): boolean {
  return VENUE_DATA_COLUMNS.every((column) => sameColumnValue(a[column], b[column]))
}

/** The columns whose values differ, for diffs shown to curators. */
export function changedColumns(before: VenueData, after: Partial<VenueData>): VenueDataColumn[] {
  return VENUE_DATA_COLUMNS.filter((c) => c in after && !sameColumnValue(before[c], after[c]))
}
