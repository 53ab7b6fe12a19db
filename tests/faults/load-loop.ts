// A small closed-loop load generator for fault tests: N workers issue requests back to back and record
// each outcome (status, duration, or the network error), so a test can assert on what clients saw.
export interface Outcome {
  url: string
  startedAt: number
  ms: number
  status: number | null
  error: string | null
  body: string
  headers: Headers | null
}

export function startLoad(baseUrl: string, paths: () => string, workers: number) {
  const outcomes: Outcome[] = []
  let running = true
  const worker = async () => {
    while (running) {
      const url = baseUrl + paths()
      const startedAt = Date.now()
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(15_000) })
        const body = await res.text()
        outcomes.push({ url, startedAt, ms: Date.now() - startedAt, status: res.status, error: null, body, headers: res.headers })
      } catch (error) {
        const cause = (error as { cause?: { code?: string } }).cause
        outcomes.push({
          url,
          startedAt,
          ms: Date.now() - startedAt,
          status: null,
          error: cause?.code ?? (error as Error).name,
          body: '',
          headers: null,
        })
        await new Promise((r) => setTimeout(r, 20))
      }
    }
  }
  const done = Promise.all(Array.from({ length: workers }, worker))
  return {
    outcomes,
    async stop() {
      running = false
      await done
      return outcomes
    },
  }
}
