// The moderation queue's shapes, as GET /api/v1/submissions and /api/v1/submissions/{id} return them.
import type { DiffRow } from '../diff.ts'

export interface Submission {
  id: string
  kind: string
  status: string
  venue_id: string | null
  venue_nom: string | null
  submitted_by: string
  message: string | null
  created_at: string
  departement: string | null
  decision_reason: string | null
  reporter_name: string | null
  reporter_email: string | null
  diff?: DiffRow[]
  nearby?: {
    id: string
    nom: string
    adresse: string | null
    commune: string | null
    distance_m: number
    latitude: number | null
    longitude: number | null
  }[]
  payload: Record<string, unknown>
}

export const KIND_NAMES: Record<string, string> = {
  create: 'Création',
  update: 'Modification',
  archive: 'Archivage',
  restore: 'Rétablissement',
  report: 'Signalement',
  sync: 'Synchronisation d’un fichier',
}

/** What the queue needs from the rest of /admin (the editor lives in its own view). */
export interface QueueHost {
  showView(name: string): void
  openVenue(id: string, options?: { report?: { id: string; text: string }; onSaved?: () => void | Promise<void> }): Promise<void>
}
