// The moderation queue groups items by venue: a report and a proposal on the same venue side by side, the group
// of the most recent item first, and j/k walk that display order.
import { describe, expect, it } from 'vitest'
import { displayOrder, groupByVenue } from '../../../../web/admin/queue/list.ts'
import type { Submission } from '../../../../web/admin/queue/types.ts'

const item = (id: string, kind: string, venue: string | null, nom: string): Submission => ({
  id,
  kind,
  status: 'pending',
  venue_id: venue,
  venue_nom: nom,
  submitted_by: kind === 'report' ? 'public' : 'clé:Mairie',
  message: null,
  created_at: '2026-12-01T10:00:00Z',
  departement: '33',
  decision_reason: null,
  reporter_name: null,
  reporter_email: null,
  payload: {},
})

describe('queue grouping by venue', () => {
  // Newest first, as the API lists them: an update on A, a creation, a report on B, a report on A.
  const items = [
    item('1', 'update', 'A', 'Médiathèque A'),
    item('2', 'create', null, 'Nouveau lieu'),
    item('3', 'report', 'B', 'Espace B'),
    item('4', 'report', 'A', 'Médiathèque A'),
  ]

  it('puts a report and a proposal on the same venue in one group, groups in order of their newest item', () => {
    const groups = groupByVenue(items)
    expect(groups.map((g) => [g.key, g.items.map((s) => s.id)])).toEqual([
      ['A', ['1', '4']],
      ['new:2', ['2']],
      ['B', ['3']],
    ])
    expect(groups[1].title).toBe('Nouveau lieu (nouveau lieu)')
  })

  it('walks items in display order', () => {
    expect(displayOrder(items).map((s) => s.id)).toEqual(['1', '4', '2', '3'])
  })
})
