// The in-memory shape of one venue of the standard v1.0.2, and the result of reading one.

export interface StandardRecord {
  id: string
  pivot: string
  nom: string
  commune: string
  code_postal: string
  code_insee: string | null
  adresse: string
  complement_adresse: string | null
  latitude: number | null
  longitude: number | null
  typologie: string[]
  telephone: string | null
  courriels: string[]
  site_web: string[]
  horaires: string | null
  presentation_resume: string | null
  presentation_detail: string | null
  source: string | null
  itinerance: string[]
  structure_parente: string | null
  date_maj: string // YYYY-MM-DD
  services: string[]
  publics_specifiquement_adresses: string[]
  prise_en_charge_specifique: string[]
  frais_a_charge: string[]
  dispositif_programmes_nationaux: string[]
  formations_labels: string[]
  autres_formations_labels: string[]
  modalites_acces: string[]
  modalites_accompagnement: string[]
  fiche_acces_libre: string | null
  prise_rdv: string | null
}

// One problem found on one field; `message` is written for French-speaking users.
export interface FieldIssue {
  field: string
  message: string
  value?: unknown
}

export interface ParseResult {
  record: StandardRecord | null
  errors: FieldIssue[]
  warnings: FieldIssue[]
}

export interface ParseOptions {
  // Separator of multi-valued fields given as strings (default `|`, as in a v1 CSV).
  listSeparator?: string
}

// Collects issues while one record is read.
export class IssueLog {
  readonly errors: FieldIssue[] = []
  readonly warnings: FieldIssue[] = []

  error(field: string, message: string, value?: unknown): void {
    this.errors.push(value === undefined ? { field, message } : { field, message, value })
  }

  warn(field: string, message: string, value?: unknown): void {
    this.warnings.push(value === undefined ? { field, message } : { field, message, value })
  }
}
