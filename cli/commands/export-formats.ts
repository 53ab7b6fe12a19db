// Export formats contributed by other domains (data·inclusion, full backup); each yields text chunks.
import type { DatabaseHandle } from '../../db/connect.ts'

export const EXTRA_EXPORT_FORMATS: Record<string, (handle: DatabaseHandle) => AsyncIterable<string>> = {}
