// Waiting helpers shared by tests, benches and scripts (instead of a copy of `sleep` in every file).
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** Polls `check` every `intervalMs` until it holds; the elapsed milliseconds, or null after `limitMs`. A throw counts as "not yet". */
export async function until(check: () => Promise<boolean> | boolean, limitMs: number, intervalMs = 50): Promise<number | null> {
  const start = Date.now()
  while (Date.now() - start < limitMs) {
    if (
      await Promise.resolve()
        .then(check)
        .catch(() => false)
    )
      return Date.now() - start
    await sleep(intervalMs)
  }
  return null
}

/** Polls `probe` until `ok(value)`; returns that value, or throws (with the last value seen) after `limitMs`. */
export async function waitFor<T>(probe: () => Promise<T>, ok: (value: T) => boolean, limitMs = 15_000, intervalMs = 100): Promise<T> {
  const start = Date.now()
  for (;;) {
    const value = await probe().catch(() => undefined)
    if (value !== undefined && ok(value)) return value
    if (Date.now() - start > limitMs) throw new Error(`condition not met after ${limitMs} ms (last: ${JSON.stringify(value)})`)
    await sleep(intervalMs)
  }
}
