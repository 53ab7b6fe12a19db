// Cooperative time slicing for the importer's CPU loops (parse, validate, locate, compare): the event loop
// gets control back every few milliseconds, so searches served meanwhile wait one slice, not the whole file.
import { performance } from 'node:perf_hooks'

const SLICE_MS = 8

export interface TimeSlicer {
  /** Resolves at once while the slice lasts; past it, after one turn of the event loop (setImmediate). */
  pause(): Promise<void> | void
}

export function timeSlicer(sliceMs = SLICE_MS): TimeSlicer {
  let until = performance.now() + sliceMs
  return {
    pause() {
      if (performance.now() < until) return
      return new Promise<void>((resolve) =>
        setImmediate(() => {
          until = performance.now() + sliceMs
          resolve()
        }),
      )
    },
  }
}
