// Companies and sponsorships as the API shows and accepts them (declared once, typed from here).
import { CINOV_STATUSES, SPONSORSHIP_KINDS, SPONSORSHIP_STATUSES } from '../../domain/sponsorship.ts'
import { Type, type Static } from '@fastify/type-provider-typebox'

const NullableString = Type.Union([Type.String(), Type.Null()])
const NullableNumber = Type.Union([Type.Number(), Type.Null()])
const NullableInteger = Type.Union([Type.Integer(), Type.Null()])
const NullableDate = Type.Union([Type.String({ format: 'date' }), Type.Null()])

export { CINOV_STATUSES, SPONSORSHIP_KINDS, SPONSORSHIP_STATUSES }
export const NAF_PATTERN = '^\\d{2}\\.?\\d{2}[A-Z]$'

export const CompanySchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    siret: Type.String({ description: 'SIRET (14 chiffres, clé de Luhn ; exception La Poste)' }),
    nom: Type.String(),
    code_naf: NullableString,
    adresse: NullableString,
    code_postal: NullableString,
    commune: NullableString,
    code_insee: NullableString,
    latitude: NullableNumber,
    longitude: NullableNumber,
    location_approximate: Type.Boolean({ description: 'Placée au centre de sa commune faute de coordonnées' }),
    cinov_member_since: NullableDate,
    cinov_status: Type.String({ enum: [...CINOV_STATUSES], description: 'Adhésion CINOV-IT' }),
    contact_nom: NullableString,
    contact_courriel: NullableString,
    contact_telephone: NullableString,
    site_web: NullableString,
    is_example: Type.Optional(Type.Boolean({ description: 'Donnée de démonstration (« exemple fictif »), jamais exportée' })),
    version: Type.Integer(),
    archived_at: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    created_at: Type.String({ format: 'date-time' }),
    updated_at: Type.String({ format: 'date-time' }),
    sponsorships_active: Type.Optional(Type.Integer({ description: 'Parrainages en cours' })),
    venues_sponsored: Type.Optional(Type.Integer({ description: 'Lieux parrainés (parrainages en cours)' })),
  },
  { additionalProperties: false },
)
export type Company = Static<typeof CompanySchema>

const companyFields = {
  siret: Type.String({ minLength: 14, maxLength: 20, examples: ['73282932000074'] }),
  nom: Type.String({ minLength: 1, maxLength: 300, examples: ['Numérique Solidaire SAS'] }),
  code_naf: Type.Union([Type.String({ pattern: NAF_PATTERN, examples: ['62.02A'] }), Type.Null()]),
  adresse: Type.Union([Type.String({ maxLength: 300 }), Type.Null()]),
  code_postal: Type.Union([Type.String({ pattern: '^\\d{5}$', examples: ['33000'] }), Type.Null()]),
  commune: Type.Union([Type.String({ maxLength: 200 }), Type.Null()]),
  code_insee: Type.Union([Type.String({ pattern: '^([013-9]\\d|2[AB1-9])\\d{3}$', examples: ['33063'] }), Type.Null()]),
  latitude: Type.Union([Type.Number({ minimum: -90, maximum: 90 }), Type.Null()]),
  longitude: Type.Union([Type.Number({ minimum: -180, maximum: 180 }), Type.Null()]),
  cinov_member_since: NullableDate,
  cinov_status: Type.String({ enum: [...CINOV_STATUSES] }),
  contact_nom: Type.Union([Type.String({ maxLength: 200 }), Type.Null()]),
  contact_courriel: Type.Union([Type.String({ format: 'email' }), Type.Null()]),
  contact_telephone: Type.Union([Type.String({ maxLength: 40 }), Type.Null()]),
  // Web links only (javascript:, data:, ftp: would be links a visitor clicks on the company page).
  site_web: Type.Union([Type.String({ format: 'uri', pattern: '^[Hh][Tt][Tt][Pp][Ss]?://' }), Type.Null()]),
}
export const COMPANY_INPUT_FIELDS = Object.keys(companyFields) as (keyof typeof companyFields)[]

const O = Type.Optional
export const CompanyCreateSchema = Type.Object(
  {
    siret: companyFields.siret,
    nom: companyFields.nom,
    code_naf: O(companyFields.code_naf),
    adresse: O(companyFields.adresse),
    code_postal: O(companyFields.code_postal),
    commune: O(companyFields.commune),
    code_insee: O(companyFields.code_insee),
    latitude: O(companyFields.latitude),
    longitude: O(companyFields.longitude),
    cinov_member_since: O(companyFields.cinov_member_since),
    cinov_status: O(companyFields.cinov_status),
    contact_nom: O(companyFields.contact_nom),
    contact_courriel: O(companyFields.contact_courriel),
    contact_telephone: O(companyFields.contact_telephone),
    site_web: O(companyFields.site_web),
  },
  {
    additionalProperties: false,
    examples: [
      {
        siret: '73282932000074',
        nom: 'Numérique Solidaire SAS',
        code_naf: '62.02A',
        adresse: '1 place de la Bourse',
        code_postal: '33000',
        commune: 'Bordeaux',
        cinov_member_since: '2024-01-15',
      },
    ],
  },
)
export type CompanyCreate = Static<typeof CompanyCreateSchema>
export const CompanyPatchSchema = Type.Partial(CompanyCreateSchema, { additionalProperties: false })
export type CompanyPatch = Static<typeof CompanyPatchSchema>

export const SponsorshipSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    company_id: Type.String({ format: 'uuid' }),
    company_nom: Type.String(),
    venue_id: Type.String({ format: 'uuid' }),
    venue_nom: Type.String(),
    venue_commune: Type.String(),
    venue_latitude: NullableNumber,
    venue_longitude: NullableNumber,
    kind: Type.String({ enum: [...SPONSORSHIP_KINDS] }),
    status: Type.String({ enum: [...SPONSORSHIP_STATUSES] }),
    active: Type.Boolean({ description: 'En cours aujourd’hui (statut actif, commencé, non terminé, non archivé)' }),
    started_on: Type.String({ format: 'date' }),
    ended_on: NullableDate,
    youth_count: NullableInteger,
    tutor_name: NullableString,
    sponsor_name: NullableString,
    devices_count: NullableInteger,
    refurbisher: NullableString,
    amount_eur: NullableNumber,
    description: NullableString,
    need_id: Type.Optional(Type.Union([Type.String({ format: 'uuid' }), Type.Null()], { description: 'Besoin du lieu auquel il répond' })),
    proposed_by: Type.Optional(Type.Union([Type.String(), Type.Null()], { description: 'Proposé par (représentant de l’entreprise)' })),
    is_example: Type.Optional(Type.Boolean({ description: 'Donnée de démonstration (« exemple fictif »)' })),
    version: Type.Integer(),
    archived_at: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    created_at: Type.String({ format: 'date-time' }),
    updated_at: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false },
)
export type Sponsorship = Static<typeof SponsorshipSchema>

const sponsorshipFields = {
  company_id: Type.String({ format: 'uuid' }),
  venue_id: Type.String({ format: 'uuid' }),
  kind: Type.String({ enum: [...SPONSORSHIP_KINDS] }),
  status: Type.String({ enum: ['active', 'ended', 'suspended'] }),
  started_on: Type.String({ format: 'date', examples: ['2025-09-01'] }),
  ended_on: NullableDate,
  youth_count: Type.Union([Type.Integer({ minimum: 1, maximum: 10000 }), Type.Null()]),
  tutor_name: Type.Union([Type.String({ maxLength: 200 }), Type.Null()]),
  sponsor_name: Type.Union([Type.String({ maxLength: 200 }), Type.Null()]),
  devices_count: Type.Union([Type.Integer({ minimum: 1, maximum: 1000000 }), Type.Null()]),
  refurbisher: Type.Union([Type.String({ maxLength: 200 }), Type.Null()]),
  amount_eur: Type.Union([Type.Number({ exclusiveMinimum: 0, maximum: 1e12 }), Type.Null()]),
  description: Type.Union([Type.String({ maxLength: 2000 }), Type.Null()]),
}
export type SponsorshipInput = { [K in keyof typeof sponsorshipFields]?: Static<(typeof sponsorshipFields)[K]> }

export const SponsorshipCreateSchema = Type.Object(
  {
    company_id: sponsorshipFields.company_id,
    venue_id: sponsorshipFields.venue_id,
    kind: sponsorshipFields.kind,
    started_on: sponsorshipFields.started_on,
    status: Type.Optional(sponsorshipFields.status),
    ended_on: Type.Optional(sponsorshipFields.ended_on),
    youth_count: Type.Optional(sponsorshipFields.youth_count),
    tutor_name: Type.Optional(sponsorshipFields.tutor_name),
    sponsor_name: Type.Optional(sponsorshipFields.sponsor_name),
    devices_count: Type.Optional(sponsorshipFields.devices_count),
    refurbisher: Type.Optional(sponsorshipFields.refurbisher),
    amount_eur: Type.Optional(sponsorshipFields.amount_eur),
    description: Type.Optional(sponsorshipFields.description),
  },
  {
    additionalProperties: false,
    description:
      'Champs propres à chaque type : emploi_avenir → youth_count, tutor_name, sponsor_name (contrat de 3 ans : ' +
      'ended_on = started_on + 3 ans par défaut) ; don_materiel → devices_count, refurbisher ; ' +
      'fonds_solidarites_numeriques → amount_eur ; mecenat → description.',
    examples: [
      {
        company_id: '6f1c0c3e-7d2b-4a55-9a57-0b8f2a4c1d10',
        venue_id: '1b2d3c4e-5f60-4718-9a0b-1c2d3e4f5a6b',
        kind: 'emploi_avenir',
        started_on: '2025-09-01',
        youth_count: 2,
        tutor_name: 'Camille Martin',
        sponsor_name: 'Louis Durand',
      },
    ],
  },
)
export const SponsorshipPatchSchema = Type.Partial(Type.Omit(SponsorshipCreateSchema, ['company_id', 'venue_id']), {
  additionalProperties: false,
})

export const VersionSchema = Type.Object({
  version: Type.Integer(),
  changed_at: Type.String({ format: 'date-time' }),
  changed_by: Type.String(),
  reason: Type.String(),
  data: Type.Record(Type.String(), Type.Unknown()),
})
export const HistorySchema = Type.Object({ items: Type.Array(VersionSchema) })

export const VenueRefSchema = Type.Object({
  id: Type.String(),
  nom: Type.String(),
  commune: Type.String(),
  code_postal: Type.String(),
  latitude: NullableNumber,
  longitude: NullableNumber,
})

export const CompanyDetailSchema = Type.Intersect([
  CompanySchema,
  Type.Object({
    sponsorships: Type.Array(SponsorshipSchema),
    venues: Type.Array(VenueRefSchema, { description: 'Lieux parrainés en ce moment' }),
  }),
])

export const NearbyVenueSchema = Type.Object({
  id: Type.String(),
  nom: Type.String(),
  adresse: Type.String(),
  code_postal: Type.String(),
  commune: Type.String(),
  latitude: NullableNumber,
  longitude: NullableNumber,
  distance_m: Type.Number({ description: 'Distance géodésique depuis l’entreprise, en mètres' }),
  sponsors_count: Type.Integer({ description: 'Parrainages en cours sur ce lieu' }),
})

export const IdParams = Type.Object({ id: Type.String({ format: 'uuid', description: 'Identifiant (UUID)' }) })
