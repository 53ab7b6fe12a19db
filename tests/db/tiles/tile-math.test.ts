// Web Mercator tile arithmetic (api/tiles/tile-math.ts), checked against known values without a database.
import { expect, it } from 'vitest'
import { EXTENT, isClusterZoom, tileBounds, toTileCoords } from '../../../db/tiles/tile-math.ts'

it('gives the bounds of the world tile and of a known tile', () => {
  const [w, s, e, n] = tileBounds({ z: 0, x: 0, y: 0 })
  expect([w, e]).toEqual([-180, 180])
  expect(n).toBeCloseTo(85.0511, 4)
  expect(s).toBeCloseTo(-85.0511, 4)
  // z5/15/11 covers Bordeaux (−0.58, 44.84): west edge at −11.25°, east at 0°.
  const [w5, s5, e5, n5] = tileBounds({ z: 5, x: 15, y: 11 })
  expect(w5).toBeCloseTo(-11.25, 6)
  expect(e5).toBeCloseTo(0, 6)
  expect(s5).toBeLessThan(44.84)
  expect(n5).toBeGreaterThan(44.84)
})

it('places a point in tile units, y downwards, corners on 0 and EXTENT', () => {
  const tile = { z: 5, x: 15, y: 11 }
  const [w, s, e, n] = tileBounds(tile)
  expect(toTileCoords(w, n, tile)).toEqual([0, 0])
  expect(toTileCoords(e, s, tile)).toEqual([EXTENT, EXTENT])
  const [x, y] = toTileCoords(-0.5792, 44.8378, tile)
  expect(x).toBeGreaterThan(0)
  expect(x).toBeLessThan(EXTENT)
  expect(y).toBeGreaterThan(0)
  expect(y).toBeLessThan(EXTENT)
  // Further north is further up (smaller y).
  expect(toTileCoords(-0.5792, 45.5, tile)[1]).toBeLessThan(y)
})

it('clusters up to zoom 11 only', () => {
  expect(isClusterZoom(0)).toBe(true)
  expect(isClusterZoom(11)).toBe(true)
  expect(isClusterZoom(12)).toBe(false)
})
