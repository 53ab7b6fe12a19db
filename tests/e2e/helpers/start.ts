// The Vitest binding of test-support/start.ts: the same start, on a database cloned from the run's templates.
import { startE2E as start, type E2E, type E2EOptions } from '../../../test-support/start.ts'
import { createTestDatabase } from '../../helpers/databases.ts'

export { CHROMIUM_ARGS, launchChromium, type E2E, type E2EOptions } from '../../../test-support/start.ts'

export function startE2E(options: E2EOptions = {}): Promise<E2E> {
  return start({ openDatabase: createTestDatabase, ...options })
}
