// The venue search filters of the public API, parsed once from query parameters and applied as SQL.
import { NEED_KINDS } from '../../domain/needs.ts'
// Shared by the list, facets, exports, vector tiles and OGC API so "the same filters" means the same code.
import { LIST_FILTER_FIELDS, LIST_FILTER_VALUES, type ListFilterField } from '../../domain/list-filters.ts'
import { DEPARTEMENT_PATTERN } from '../../domain/territory.ts'
import { sql, type ExpressionBuilder, type Expression, type SqlBool } from 'kysely'
import type { Database } from '../types.ts'
import { ACTIVE_LABEL_SQL, ACTIVE_SPONSORSHIP_SQL } from '../venue-extras.ts'
import { isOpenAt, isOpenOnDay, parseOpenAt, parseOpenOn } from './opening-hours.ts'
import { withArrondissements } from '../communes/whole-cities.ts'

export { LIST_FILTER_FIELDS, LIST_FILTER_VALUES, type ListFilterField }

export interface SearchFilter {
  near?: { lat: number; lon: number }
  radius?: number
  bbox?: [number, number, number, number]
  q?: string
  commune?: string[]
  departement?: string[]
  region?: string[]
  lists: Partial<Record<ListFilterField, string[]>>
  labels?: string[]
  sponsored?: boolean
  /** Venues with an open need of one of these kinds (issue 16); `any` for any kind. */
  needs?: string[]
  /** With (true) or without (false) an accessibility sheet (fiche_acces_libre, e.g. Acceslibre). */
  accessSheet?: boolean
  openAt?: Date
  /** A Paris calendar day (YYYY-MM-DD): open at some time that day. */
  openOn?: string
  /** A producer's name (exact), and ids of its own file (`source_id`, comma list): producers find their venues by them. */
  source?: string
  sourceIds?: string[]
}

/** Whether the filter needs each venue's opening hours evaluated (in JS, after the SQL prefilter). */
export function hasHoursFilter(filter: SearchFilter): boolean {
  return Boolean(filter.openAt || filter.openOn)
}

/** The opening-hours part of a filter, evaluated on one venue's `horaires`. */
export function matchesHours(filter: SearchFilter, horaires: string | null): boolean {
  return (!filter.openAt || isOpenAt(horaires, filter.openAt)) && (!filter.openOn || isOpenOnDay(horaires, filter.openOn))
}

export interface FilterIssue {
  field: string
  message: string
}

/** The raw query parameters that carry filters (all strings, comma lists where plural). */
export type FilterParams = Partial<
  Record<
    | 'near'
    | 'radius'
    | 'bbox'
    | 'q'
    | 'commune'
    | 'departement'
    | 'region'
    | 'labels'
    | 'sponsored'
    | 'needs'
    | 'fiche_acces_libre'
    | 'open_at'
    | 'open_on'
    | 'source'
    | 'source_id'
    | ListFilterField,
    string
  >
>

export const FILTER_PARAM_NAMES = [
  'near',
  'radius',
  'bbox',
  'q',
  'commune',
  'departement',
  'region',
  'labels',
  'sponsored',
  'needs',
  'fiche_acces_libre',
  'open_at',
  'open_on',
  'source',
  'source_id',
  ...LIST_FILTER_FIELDS,
] as const

const commaList = (value: string) =>
  value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)

export function parseBbox(value: string): [number, number, number, number] | null {
  const parts = value.split(',').map((s) => s.trim())
  if (parts.length !== 4 || parts.some((p) => p === '' || !Number.isFinite(Number(p)))) return null
  const [minLon, minLat, maxLon, maxLat] = parts.map(Number)
  if (minLat > maxLat || minLat < -90 || maxLat > 90 || minLon < -180 || maxLon > 180 || minLon > maxLon) return null
  return [minLon, minLat, maxLon, maxLat]
}

/** Parses and checks every filter parameter; issues name the parameter in French. */
export function parseFilterParams(params: FilterParams, now: Date = new Date()): { filter: SearchFilter; issues: FilterIssue[] } {
  const issues: FilterIssue[] = []
  const filter: SearchFilter = { lists: {} }
  if (params.near !== undefined) {
    const parts = params.near.split(',').map((s) => Number(s.trim()))
    if (parts.length !== 2 || parts.some((n) => !Number.isFinite(n)) || Math.abs(parts[0]) > 90 || Math.abs(parts[1]) > 180) {
      issues.push({ field: 'near', message: 'attendu « latitude,longitude » en degrés décimaux (ex. 44.84,-0.58)' })
    } else filter.near = { lat: parts[0], lon: parts[1] }
  }
  if (params.radius !== undefined) {
    const radius = Number(params.radius)
    if (!Number.isFinite(radius) || radius <= 0 || radius > 20_000_000)
      issues.push({ field: 'radius', message: 'distance en mètres attendue, entre 0 et 20 000 000' })
    else if (!filter.near && params.near === undefined) issues.push({ field: 'radius', message: '« radius » demande « near »' })
    else filter.radius = radius
  }
  if (params.bbox !== undefined) {
    const bbox = parseBbox(params.bbox)
    if (!bbox) issues.push({ field: 'bbox', message: 'attendu « minLon,minLat,maxLon,maxLat » en degrés décimaux' })
    else filter.bbox = bbox
  }
  if (params.q !== undefined && params.q.trim() !== '') filter.q = params.q.trim()
  for (const [field, pattern, label] of [
    ['commune', /^([013-9]\d|2[AB1-9])\d{3}$/, 'codes INSEE de commune (ex. 33281)'],
    ['departement', DEPARTEMENT_PATTERN, 'codes de département (ex. 33, 2A, 974)'],
    ['region', /^\d{2}$/, 'codes de région (ex. 75)'],
  ] as const) {
    const raw = params[field]
    if (raw === undefined) continue
    const values = commaList(raw)
    const bad = values.filter((v) => !pattern.test(v))
    if (values.length === 0 || bad.length > 0)
      issues.push({ field, message: `valeur(s) invalide(s) ${bad.map((b) => `« ${b} »`).join(', ')} : ${label} séparés par des virgules` })
    // A whole city (Lyon 69123) stands for its arrondissements, where venues are coded.
    else filter[field] = field === 'commune' ? withArrondissements(values) : values
  }
  for (const field of LIST_FILTER_FIELDS) {
    const raw = params[field]
    if (raw === undefined) continue
    const allowed = LIST_FILTER_VALUES[field]
    const values = commaList(raw)
    const unknown = values.filter((v) => !allowed.includes(v))
    if (values.length === 0 || unknown.length > 0) {
      issues.push({
        field,
        message: `valeur(s) inconnue(s) ${unknown.map((u) => `« ${u} »`).join(', ')} ; valeurs autorisées : ${allowed.join(' ; ')}`,
      })
    } else filter.lists[field] = values
  }
  if (params.labels !== undefined) {
    const values = commaList(params.labels)
    if (values.length === 0) issues.push({ field: 'labels', message: 'identifiants (slug) de labels séparés par des virgules' })
    else filter.labels = values
  }
  if (params.sponsored !== undefined) {
    if (params.sponsored === 'true') filter.sponsored = true
    else if (params.sponsored === 'false') filter.sponsored = false
    else issues.push({ field: 'sponsored', message: 'attendu « true » ou « false »' })
  }
  if (params.needs !== undefined) {
    const values = commaList(params.needs)
    const wrong = values.filter((v) => v !== 'any' && !(NEED_KINDS as readonly string[]).includes(v))
    if (values.length === 0 || wrong.length)
      issues.push({
        field: 'needs',
        message: `types de besoin attendus : any, ${NEED_KINDS.join(', ')}${wrong.length ? ` (inconnu : ${wrong.join(', ')})` : ''}`,
      })
    else filter.needs = values
  }
  if (params.fiche_acces_libre !== undefined) {
    if (params.fiche_acces_libre === 'true') filter.accessSheet = true
    else if (params.fiche_acces_libre === 'false') filter.accessSheet = false
    else issues.push({ field: 'fiche_acces_libre', message: 'attendu « true » ou « false »' })
  }
  if (params.open_at !== undefined) {
    const at = parseOpenAt(params.open_at, now)
    if (!at)
      issues.push({
        field: 'open_at',
        message: 'attendu « now » ou une date ISO 8601 (ex. 2026-07-14T10:00, heure de Paris si sans décalage)',
      })
    else filter.openAt = at
  }
  if (params.open_on !== undefined) {
    const day = parseOpenOn(params.open_on, now)
    if (!day)
      issues.push({
        field: 'open_on',
        message: 'attendu une date AAAA-MM-JJ ou un jour de la semaine : mo, tu, we, th, fr, sa, su (le prochain, aujourd’hui compris)',
      })
    else filter.openOn = day
  }
  if (params.source !== undefined) {
    if (params.source.trim() === '') issues.push({ field: 'source', message: 'nom de la source attendu (ex. gironde)' })
    else filter.source = params.source.trim()
  }
  if (params.source_id !== undefined) {
    const values = commaList(params.source_id)
    if (values.length === 0 || values.length > 1000)
      issues.push({ field: 'source_id', message: 'identifiants du producteur séparés par des virgules (1 à 1000)' })
    else filter.sourceIds = values
  }
  return { filter, issues }
}

type VenueEb = ExpressionBuilder<Database, 'venues'>

export function nearPoint(near: { lat: number; lon: number }) {
  return sql`ST_SetSRID(ST_MakePoint(${near.lon}::float8, ${near.lat}::float8), 4326)::geography`
}

/** SQL words of a `q`: its normalised tokens (normalised again in SQL with maillage_normalize). */
function qTokens(q: string): string[] {
  return q
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .map((t) => (t === 'st' ? 'saint' : t === 'ste' ? 'sainte' : t))
    .slice(0, 8)
}

/** The WHERE conditions of a filter (published venues only). `open_at` is evaluated by the caller in JS. */
export function filterConditions(eb: VenueEb, filter: SearchFilter): Expression<SqlBool> {
  const conditions: Expression<SqlBool>[] = [eb('venues.status', '=', 'published')]
  if (filter.near && filter.radius !== undefined) {
    conditions.push(sql<SqlBool>`ST_DWithin(venues.geom::geography, ${nearPoint(filter.near)}, ${filter.radius}::float8)`)
  } else if (filter.near) {
    conditions.push(eb('venues.geom', 'is not', null))
  }
  if (filter.bbox) {
    const [a, b, c, d] = filter.bbox
    conditions.push(sql<SqlBool>`venues.geom && ST_MakeEnvelope(${a}::float8, ${b}::float8, ${c}::float8, ${d}::float8, 4326)`)
  }
  if (filter.q) {
    for (const token of qTokens(filter.q)) {
      // Substring for short or exact words, word similarity (pg_trgm, GIN-indexed) for typos.
      conditions.push(
        token.length < 4
          ? sql<SqlBool>`venues.search_text LIKE ${'%' + token + '%'}`
          : sql<SqlBool>`(venues.search_text LIKE ${'%' + token + '%'} OR ${token} <% venues.search_text)`,
      )
    }
  }
  if (filter.commune) conditions.push(eb('venues.code_insee', 'in', filter.commune))
  if (filter.departement) conditions.push(eb('venues.departement', 'in', filter.departement))
  if (filter.region) conditions.push(eb('venues.region', 'in', filter.region))
  for (const [field, values] of Object.entries(filter.lists) as [ListFilterField, string[]][]) {
    conditions.push(sql<SqlBool>`${sql.ref(`venues.${field}`)} && ${sql.val(values)}::text[]`)
  }
  if (filter.labels) {
    conditions.push(sql<SqlBool>`EXISTS (SELECT 1 FROM venue_labels vl JOIN labels l ON l.id = vl.label_id
      WHERE vl.venue_id = venues.id AND l.slug = ANY(${sql.val(filter.labels)}::text[]) AND ${ACTIVE_LABEL_SQL})`)
  }
  if (filter.sponsored !== undefined) {
    const exists = sql<SqlBool>`EXISTS (SELECT 1 FROM sponsorships s JOIN companies c ON c.id = s.company_id
      WHERE s.venue_id = venues.id AND c.archived_at IS NULL AND ${ACTIVE_SPONSORSHIP_SQL})`
    conditions.push(filter.sponsored ? exists : sql<SqlBool>`NOT ${exists}`)
  }
  if (filter.needs) {
    const anyKind = filter.needs.includes('any')
    conditions.push(sql<SqlBool>`EXISTS (SELECT 1 FROM venue_needs n WHERE n.venue_id = venues.id AND n.status = 'open'
      AND (${anyKind} OR n.kind = ANY(${sql.val(filter.needs)}::text[])))`)
  }
  if (filter.accessSheet !== undefined) {
    const present = sql<SqlBool>`(venues.fiche_acces_libre IS NOT NULL AND venues.fiche_acces_libre <> '')`
    conditions.push(filter.accessSheet ? present : sql<SqlBool>`NOT ${present}`)
  }
  if (filter.source) conditions.push(eb('venues.source', '=', filter.source))
  if (filter.sourceIds) conditions.push(eb('venues.source_id', 'in', filter.sourceIds))
  if (hasHoursFilter(filter)) conditions.push(sql<SqlBool>`venues.horaires IS NOT NULL AND venues.horaires <> ''`)
  return eb.and(conditions)
}
