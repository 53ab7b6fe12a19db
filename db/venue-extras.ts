// What a venue's public payload carries beyond its own row: its active labels and active sponsors.
// Shared by the venue API, the venue page and exports, so the rules of "active" live in one place.
import { sql, type Kysely } from 'kysely'
import type { Database } from './types.ts'

export interface ActiveLabel {
  id: number
  slug: string
  nom: string
  issuer: string
  granted_on: string
  expires_on: string | null
}

export interface ActiveSponsor {
  company_id: string
  nom: string
  kind: string
  started_on: string
  ended_on: string | null
}

/** An open need of the venue (issue 16): what it asks a sponsor for. */
export interface OpenNeed {
  id: string
  kind: string
  description: string | null
  local_project: string | null
  devices_count: number | null
  devices_kind: string | null
  amount_eur: number | null
  skills: string | null
  is_example: boolean
}

export interface VenueExtras {
  labels: ActiveLabel[]
  sponsors: ActiveSponsor[]
  needs: OpenNeed[]
}

/** The open needs of `venues.id` as a JSON array (one subquery, like the labels and sponsors of a search page). */
export const NEEDS_JSON = sql<
  OpenNeed[]
>`(SELECT coalesce(json_agg(json_build_object('id', n.id, 'kind', n.kind, 'description', n.description,
    'local_project', n.local_project, 'devices_count', n.devices_count, 'devices_kind', n.devices_kind, 'amount_eur', n.amount_eur,
    'skills', n.skills, 'is_example', n.is_example) ORDER BY n.created_at), '[]'::json)
  FROM venue_needs n WHERE n.venue_id = venues.id AND n.status = 'open')`

/** A label award counts while granted, not revoked and not past its end date (Europe/Paris day). */
export const ACTIVE_LABEL_SQL = sql<boolean>`(vl.revoked_on IS NULL AND vl.granted_on <= (now() AT TIME ZONE 'Europe/Paris')::date
  AND (vl.expires_on IS NULL OR vl.expires_on >= (now() AT TIME ZONE 'Europe/Paris')::date))`
/** A sponsorship counts while active, started, not ended and not archived. */
export const ACTIVE_SPONSORSHIP_SQL = sql<boolean>`(s.status = 'active' AND s.archived_at IS NULL
  AND s.started_on <= (now() AT TIME ZONE 'Europe/Paris')::date
  AND (s.ended_on IS NULL OR s.ended_on >= (now() AT TIME ZONE 'Europe/Paris')::date))`

export async function loadVenueExtras(db: Kysely<Database>, venueIds: string[]): Promise<Map<string, VenueExtras>> {
  const extras = new Map<string, VenueExtras>(venueIds.map((id) => [id, { labels: [], sponsors: [], needs: [] }]))
  if (venueIds.length === 0) return extras
  const labels = await db
    .selectFrom('venue_labels as vl')
    .innerJoin('labels as l', 'l.id', 'vl.label_id')
    .select(['vl.venue_id', 'l.id', 'l.slug', 'l.nom', 'l.issuer', 'vl.granted_on', 'vl.expires_on'])
    .where('vl.venue_id', 'in', venueIds)
    .where(ACTIVE_LABEL_SQL)
    .orderBy('l.nom')
    .execute()
  for (const { venue_id, ...label } of labels) extras.get(venue_id)?.labels.push(label)
  const sponsors = await db
    .selectFrom('sponsorships as s')
    .innerJoin('companies as c', 'c.id', 's.company_id')
    .select(['s.venue_id', 's.company_id', 'c.nom', 's.kind', 's.started_on', 's.ended_on'])
    .where('s.venue_id', 'in', venueIds)
    .where(ACTIVE_SPONSORSHIP_SQL)
    .where('c.archived_at', 'is', null)
    .orderBy('c.nom')
    .execute()
  for (const { venue_id, ...sponsor } of sponsors) extras.get(venue_id)?.sponsors.push(sponsor)
  const needs = await db
    .selectFrom('venue_needs')
    .select([
      'venue_id',
      'id',
      'kind',
      'description',
      'local_project',
      'devices_count',
      'devices_kind',
      'amount_eur',
      'skills',
      'is_example',
    ])
    .where('venue_id', 'in', venueIds)
    .where('status', '=', 'open')
    .orderBy('created_at')
    .execute()
  for (const { venue_id, amount_eur, ...need } of needs)
    extras.get(venue_id)?.needs.push({ ...need, amount_eur: amount_eur === null ? null : Number(amount_eur) })
  return extras
}
