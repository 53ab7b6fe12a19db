// The JS nearest-venue search of the coverage recompute equals a brute-force geodesic minimum (dense, sparse, antimeridian).
import fc from 'fast-check'
import { expect, it } from 'vitest'
import { geodesicDistance, NearestIndex, type GeoPoint } from '../../../db/governance/nearest.ts'

const point = fc.oneof(
  fc.record({ latitude: fc.double({ min: 41, max: 51, noNaN: true }), longitude: fc.double({ min: -5, max: 9.5, noNaN: true }) }),
  fc.record({ latitude: fc.double({ min: -30, max: 30, noNaN: true }), longitude: fc.double({ min: 170, max: 180, noNaN: true }) }),
  fc.record({ latitude: fc.double({ min: -30, max: 30, noNaN: true }), longitude: fc.double({ min: -180, max: -170, noNaN: true }) }),
)

function brute(points: GeoPoint[], at: GeoPoint): number | null {
  return points.length === 0 ? null : Math.min(...points.map((p) => geodesicDistance(at, p)))
}

it('finds the geodesic nearest point, whatever the density', () => {
  fc.assert(
    fc.property(fc.array(point, { maxLength: 600 }), fc.array(point, { minLength: 1, maxLength: 30 }), (points, queries) => {
      const index = new NearestIndex(points)
      for (const q of queries) {
        const expected = brute(points, q)
        const found = index.nearest(q)
        if (expected === null) expect(found).toBeNull()
        else expect(Math.abs(found!.distance - expected)).toBeLessThan(1e-6)
      }
    }),
    { numRuns: 60, seed: 11 },
  )
})
