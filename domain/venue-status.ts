// A venue's life cycle, with the French plural names the governance figures use.
export const VENUE_STATUSES = ['published', 'pending', 'archived', 'closed'] as const
export type VenueStatus = (typeof VENUE_STATUSES)[number]

export const VENUE_STATUS_PLURALS: Readonly<Record<VenueStatus, string>> = {
  published: 'Publiés',
  pending: 'En attente',
  archived: 'Archivés',
  closed: 'Fermés',
}
