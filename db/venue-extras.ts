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

export interface VenueExtras {
  labels: ActiveLabel[]
  sponsors: ActiveSponsor[]
}

/** A label award counts while granted, not revoked and not past its end date (Europe/Paris day). */
export const ACTIVE_LABEL_SQL = sql<boolean>`(vl.revoked_on IS NULL AND vl.granted_on <= (now() AT TIME ZONE 'Europe/Paris')::date AND (vl.expires_on IS NULL OR vl.expires_on >= (now() AT TIME ZONE 'Europe/Paris')::date))`
/** A sponsorship counts while active, started, not ended and not archived. */
export const ACTIVE_SPONSORSHIP_SQL = sql<boolean>`(s.status = 'active' AND s.archived_at IS NULL AND s.started_on <= (now() AT TIME ZONE 'Europe/Paris')::date AND (s.ended_on IS NULL OR s.ended_on >= (now() AT TIME ZONE 'Europe/Paris')::date))`

export async function loadVenueExtras(db: Kysely<Database>, venueIds: string[]): Promise<Map<string, VenueExtras>> {
  const extras = new Map<string, VenueExtras>(venueIds.map((id) => [id, { labels: [], sponsors: [] }]))
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
  return extras
}
