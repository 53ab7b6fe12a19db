// Kysely table types: the single TypeScript description of the database (see migrations/).
import type { Role, UserRole } from '../domain/roles.ts'
import type { SponsorshipKind } from '../domain/sponsorship.ts'
import type { VenueStatus } from '../domain/venue-status.ts'
import { LIST_FIELDS } from '../domain/standard/fields.ts'
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely'

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
type DateOnly = ColumnType<string, string, string>
type Json<T> = ColumnType<T, string, string>
/** PostGIS geometry: read it through SQL helpers (db/geometry.ts), never as raw EWKB in app code. */
type Geometry = ColumnType<string, never, never>

export interface CommunesTable {
  code_insee: string
  nom: string
  nom_normalise: string
  departement: string
  region: string
  codes_postaux: string[]
  population: number
  latitude: number
  longitude: number
  geom: ColumnType<string, never, never>
}

// The standard's multi-valued fields are text[] columns of the same names.
export const VENUE_LIST_COLUMNS = LIST_FIELDS
export type VenueListColumn = (typeof VENUE_LIST_COLUMNS)[number]

export type { VenueStatus }

export interface VenuesTable {
  id: Generated<string>
  source: string
  source_id: string
  pivot: string
  nom: string
  commune: string
  code_postal: string
  code_insee: string | null
  adresse: string
  complement_adresse: string | null
  latitude: number | null
  longitude: number | null
  telephone: string | null
  horaires: string | null
  presentation_resume: string | null
  presentation_detail: string | null
  structure_parente: string | null
  date_maj: DateOnly
  fiche_acces_libre: string | null
  prise_rdv: string | null
  typologie: string[]
  courriels: string[]
  site_web: string[]
  itinerance: string[]
  services: string[]
  publics_specifiquement_adresses: string[]
  prise_en_charge_specifique: string[]
  frais_a_charge: string[]
  dispositif_programmes_nationaux: string[]
  formations_labels: string[]
  autres_formations_labels: string[]
  modalites_acces: string[]
  modalites_accompagnement: string[]
  geom: Geometry
  location_approximate: Generated<boolean>
  status: Generated<VenueStatus>
  version: Generated<number>
  /** Derived from code_insee by a trigger. */
  departement: ColumnType<string | null, never, never>
  region: ColumnType<string | null, never, never>
  search_text: ColumnType<string, never, never>
  merged_into: string | null
  created_at: Timestamp
  updated_at: Timestamp
}

export interface VenueVersionsTable {
  venue_id: string
  version: number
  data: Json<Record<string, unknown>>
  status: string
  changed_at: Timestamp
  changed_by: string
  reason: string
  /** Issue 14 (migration 0862): interface, api, import, sync, harvest, merge, moderation, system; null before. */
  channel: ColumnType<string | null, string | null | undefined, string | null>
  channel_detail: ColumnType<string | null, string | null | undefined, string | null>
}

export interface LabelsTable {
  id: Generated<number>
  slug: string
  nom: string
  issuer: Generated<string>
  criteria: Generated<string>
  logo_url: string | null
  default_validity_months: number | null
  standard_field: 'dispositif_programmes_nationaux' | 'formations_labels' | null
  standard_value: string | null
  created_at: Timestamp
}

export interface VenueLabelsTable {
  id: Generated<number>
  venue_id: string
  label_id: number
  granted_on: DateOnly
  expires_on: DateOnly | null
  revoked_on: DateOnly | null
  revoked_reason: string | null
  evidence: string | null
  created_by: Generated<string>
  created_at: Timestamp
  revoked_by: string | null
  updated_at: Generated<Date>
}

export interface CompaniesTable {
  id: Generated<string>
  siret: string
  nom: string
  code_naf: string | null
  adresse: string | null
  code_postal: string | null
  commune: string | null
  code_insee: string | null
  latitude: number | null
  longitude: number | null
  geom: ColumnType<string | null, string | null | undefined, string | null>
  cinov_member_since: DateOnly | null
  cinov_status: Generated<string>
  contact_nom: string | null
  contact_courriel: string | null
  contact_telephone: string | null
  site_web: string | null
  /** A fictional demo company (`maillage demo partners`): marked « exemple fictif », never exported. */
  is_example: Generated<boolean>
  /** Set by a trigger (migration 0600): true when placed at the commune's centre. */
  location_approximate: Generated<boolean>
  version: Generated<number>
  archived_at: Timestamp | null
  created_at: Timestamp
  updated_at: Timestamp
}

/** Snapshots of companies and sponsorships per version (migration 0600), like venue_versions. */
export interface CompanyVersionsTable {
  company_id: string
  version: number
  data: Json<Record<string, unknown>>
  changed_at: Timestamp
  changed_by: string
  reason: string
}
export interface SponsorshipVersionsTable {
  sponsorship_id: string
  version: number
  data: Json<Record<string, unknown>>
  changed_at: Timestamp
  changed_by: string
  reason: string
}

export type { SponsorshipKind }

export interface SponsorshipsTable {
  id: Generated<string>
  company_id: string
  venue_id: string
  kind: SponsorshipKind
  status: Generated<string>
  started_on: DateOnly
  ended_on: DateOnly | null
  youth_count: number | null
  devices_count: number | null
  amount_eur: ColumnType<string | null, string | number | null, string | number | null>
  description: string | null
  tutor_name: string | null
  sponsor_name: string | null
  refurbisher: string | null
  /** Emploi d'avenir only: the aggregate outcome at the end of the contract (domain/committees.ts). */
  outcome: Generated<string | null>
  /** The venue's need this sponsorship answers (migration 0890); accepting it closes the need. */
  need_id: string | null
  /** Who proposed it (a company's representative); null when entered by the administration. */
  proposed_by: string | null
  is_example: Generated<boolean>
  version: Generated<number>
  archived_at: Timestamp | null
  created_at: Timestamp
  updated_at: Timestamp
}

export type { UserRole }
export type ApiKeyRole = Role

export interface UsersTable {
  id: Generated<string>
  email: string
  password_hash: string
  role: UserRole
  territories: string[]
  failed_logins: Generated<number>
  locked_until: Timestamp | null
  disabled_at: Timestamp | null
  created_at: Timestamp
  /** Base32 TOTP secret once enrolment is confirmed; the pending one until then. */
  totp_secret: string | null
  totp_pending_secret: string | null
  /** Last accepted 30-second step: a code is never accepted twice. */
  totp_last_step: number | null
  /** The member company a `company` representative speaks for (null for every other role). */
  company_id: Generated<string | null>
}

export interface SessionsTable {
  /** sha256 of the cookie's token: the token itself is never stored. */
  id: string
  user_id: string
  csrf_secret: string
  created_at: Generated<Timestamp>
  expires_at: Timestamp
  ip: string | null
  user_agent: string | null
}

export interface LoginThrottleTable {
  /** `ip:<address>` or `account:<sha256 of the lower-cased e-mail>` (known or not). */
  key: string
  failures: Generated<number>
  last_failure_at: Generated<Timestamp>
  locked_until: Timestamp | null
}

export interface ApiKeysTable {
  id: Generated<string>
  name: string
  prefix: string
  key_hash: string
  role: ApiKeyRole
  territories: string[]
  /** Added by 0700: producer sources the key is bound to (empty: not bound). */
  sources: Generated<string[]>
  created_by: Generated<string>
  created_at: Timestamp
  last_used_at: Timestamp | null
  revoked_at: Timestamp | null
}

export interface SubmissionsTable {
  id: Generated<string>
  /** `sync`: a whole-file sync by a writer who does not publish (migration 0850), its diff in the payload. */
  kind: 'create' | 'update' | 'archive' | 'restore' | 'report' | 'sync'
  venue_id: string | null
  base_version: number | null
  payload: Json<Record<string, unknown>>
  status: Generated<'pending' | 'approved' | 'rejected'>
  submitted_by: string
  reporter_name: string | null
  reporter_email: string | null
  message: string | null
  decision_reason: string | null
  reviewed_by: string | null
  reviewed_at: Timestamp | null
  created_at: Timestamp
  /** Added by 0500: stable submitter identity (`apikey:<id>`, `user:<id>`, `public`), territory, resulting venue. */
  submitter_id: string | null
  departement: string | null
  region: string | null
  result_venue_id: string | null
}

export interface ImportsTable {
  id: Generated<string>
  source: string
  actor: string
  dry_run: boolean
  partial: boolean
  status: string
  summary: Json<Record<string, unknown>>
  report: Json<unknown[]>
  created_at: Timestamp
  actor_id: string | null
}

export interface DuplicatesTable {
  id: Generated<number>
  venue_a: string
  venue_b: string
  reason: string
  score: Generated<number>
  status: Generated<'pending' | 'merged' | 'dismissed'>
  resolved_by: string | null
  resolved_at: Timestamp | null
  created_at: Timestamp
  merged_into: string | null
}

export interface AuditLogTable {
  id: Generated<string>
  at: Timestamp
  actor: string
  action: string
  entity: string
  entity_id: string | null
  detail: Json<Record<string, unknown>>
}

export interface AppMetaTable {
  key: string
  value: Json<unknown>
  updated_at: Timestamp
}

/** Member companies' job offers (migration 0900), placed at their commune's centre. */
export interface JobOffersTable {
  id: Generated<string>
  company_id: string
  titre: string
  type_contrat: string
  code_insee: string
  url: string
  date_cloture: DateOnly
  geom: ColumnType<string, string, string>
  version: Generated<number>
  created_by: string
  archived_at: Timestamp | null
  created_at: Generated<Date>
  updated_at: Generated<Date>
}

/** One snapshot per version of a job offer (migration 0941), as company_versions. */
export interface JobOfferVersionsTable {
  job_offer_id: string
  version: number
  data: Json<Record<string, unknown>>
  changed_at: Timestamp
  changed_by: string
  reason: string
}

export interface CommitteeMeetingsTable {
  id: Generated<string>
  committee: string
  held_on: DateOnly
  attendees: Json<{ organisation: string; participants: string[] }[]>
  agenda: Json<string[]>
  decisions: Json<string[]>
  minutes: Generated<string>
  report_year: number
  report_snapshot: Json<Record<string, unknown>>
  state_validated_by: string | null
  state_validated_at: Timestamp | null
  cinov_validated_by: string | null
  cinov_validated_at: Timestamp | null
  content_hash: string | null
  finalized_at: Timestamp | null
  version: Generated<number>
  created_by: string
  created_at: Generated<Date>
  updated_at: Generated<Date>
}

export interface NetworkCriteriaVersionsTable {
  version: number
  adopted_on: DateOnly
  meeting_id: string | null
  criteria: Json<{ code: string; libelle: string; mesure: string | null }[]>
  created_by: string
  created_at: Generated<Date>
}

/** What a venue asks a sponsor for (migration 0890); kinds are the sponsorship kinds. */
export interface VenueNeedsTable {
  id: Generated<string>
  venue_id: string
  kind: SponsorshipKind
  status: Generated<string>
  description: string | null
  local_project: string | null
  devices_count: number | null
  devices_kind: string | null
  amount_eur: ColumnType<string | null, string | number | null, string | number | null>
  skills: string | null
  is_example: Generated<boolean>
  created_by: string
  met_by_sponsorship: string | null
  created_at: Generated<Date>
  updated_at: Generated<Date>
  closed_at: Date | null
  version: Generated<number>
}
/** One snapshot per version of a need (migration 0940), as company_versions. */
export interface NeedVersionsTable {
  need_id: string
  version: number
  data: Json<Record<string, unknown>>
  changed_at: Timestamp
  changed_by: string
  reason: string
}

/** The hash of the file row a venue was last written from by an import or sync (migration 0920). */
export interface SourceRowHashesTable {
  venue_id: string
  hash: string
}

export interface Database {
  source_row_hashes: SourceRowHashesTable
  job_offers: JobOffersTable
  job_offer_versions: JobOfferVersionsTable
  committee_meetings: CommitteeMeetingsTable
  network_criteria_versions: NetworkCriteriaVersionsTable
  venue_needs: VenueNeedsTable
  need_versions: NeedVersionsTable
  communes: CommunesTable
  venues: VenuesTable
  venue_versions: VenueVersionsTable
  labels: LabelsTable
  venue_labels: VenueLabelsTable
  companies: CompaniesTable
  sponsorships: SponsorshipsTable
  company_versions: CompanyVersionsTable
  sponsorship_versions: SponsorshipVersionsTable
  users: UsersTable
  api_keys: ApiKeysTable
  sessions: SessionsTable
  login_throttle: LoginThrottleTable
  submissions: SubmissionsTable
  imports: ImportsTable
  duplicates: DuplicatesTable
  audit_log: AuditLogTable
  app_meta: AppMetaTable
}

export type VenueRow = Selectable<VenuesTable>
export type NewVenue = Insertable<VenuesTable>
export type VenueUpdate = Updateable<VenuesTable>
