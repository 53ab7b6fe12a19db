// What the store's refusals mean to a writer, the same for every versioned entity: a stale version is 412 with
// the version to re-read, a missing venue 404, a duplicate (source, id) 409.
import { VenueNotFoundError } from '../db/venue-store.ts'
import { VersionConflictError } from '../db/versioned-write.ts'
import { HttpProblem } from './problem.ts'

export function staleVersion(currentVersion: number, extra: Record<string, unknown> = {}): HttpProblem {
  return new HttpProblem(
    412,
    `La fiche a été modifiée entre-temps : la version actuelle est ${currentVersion}. Relisez-la puis réappliquez votre modification.`,
    {
      current_version: currentVersion,
      ...extra,
    },
  )
}

export async function withStoreErrors<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn()
  } catch (error) {
    if (error instanceof VersionConflictError) throw staleVersion(error.currentVersion)
    if (error instanceof VenueNotFoundError) throw new HttpProblem(404, error.message)
    if ((error as { code?: string }).code === '23505')
      throw new HttpProblem(409, 'Un lieu de même source porte déjà cet identifiant (`id`).')
    throw error
  }
}
