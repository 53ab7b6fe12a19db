// Point in département against the shipped boundaries (db/geo/), and the placement check built on it.
import { readFileSync } from 'node:fs'
import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import {
  BORDER_TOLERANCE_M,
  departementAt,
  indexDepartements,
  placeInDepartement,
  shippedDepartements,
} from '../../../db/geo/departements.ts'
import { checkPlacement, distanceKm } from '../../../db/geo/placement.ts'

describe('placeInDepartement (shipped boundaries)', () => {
  it('finds a point inside its département', () => {
    expect(placeInDepartement('33', 44.8378, -0.5792)).toEqual({ result: 'inside' }) // Bordeaux
    expect(placeInDepartement('69', 45.767, 4.834)).toEqual({ result: 'inside' }) // Lyon
    expect(departementAt(44.8378, -0.5792)).toEqual({ code: '33', nom: 'Gironde' })
  })

  it('puts a point far from its département outside, with the distance', () => {
    const paris = placeInDepartement('33', 48.8566, 2.3522)
    expect(paris.result).toBe('outside')
    expect(paris.result === 'outside' && paris.distance_m).toBeGreaterThan(350_000)
    expect(departementAt(48.8566, 2.3522)).toEqual({ code: '75', nom: 'Paris' })
    // Lyon's centre is 8 km from Ain: outside, not "near".
    expect(placeInDepartement('01', 45.767, 4.834).result).toBe('outside')
  })

  it('accepts a point just across a border (within the tolerance), refuses one a few km across', () => {
    // Boulogne-Billancourt (92), 150 m from the edge of Paris.
    expect(departementAt(48.8378, 2.2566)?.code).toBe('92')
    const near = placeInDepartement('75', 48.8378, 2.2566)
    expect(near.result).toBe('near')
    expect(near.result === 'near' && near.distance_m).toBeLessThan(BORDER_TOLERANCE_M)
    // The centre of Paris is 4.5 km from Hauts-de-Seine.
    expect(placeInDepartement('92', 48.8566, 2.3522).result).toBe('outside')
    // A tolerance of zero turns "near" into "outside".
    expect(placeInDepartement('75', 48.8378, 2.2566, { tolerance_m: 0 }).result).toBe('outside')
  })

  it('tells Corse-du-Sud (2A) from Haute-Corse (2B)', () => {
    expect(placeInDepartement('2A', 41.9192, 8.7386)).toEqual({ result: 'inside' }) // Ajaccio
    expect(placeInDepartement('2B', 41.9192, 8.7386).result).toBe('outside')
    expect(placeInDepartement('2B', 42.6977, 9.4508)).toEqual({ result: 'inside' }) // Bastia
    expect(placeInDepartement('2A', 42.6977, 9.4508).result).toBe('outside')
    expect(departementAt(41.9192, 8.7386)?.code).toBe('2A')
  })

  it('handles the overseas départements, and says "unknown" where no boundary is shipped', () => {
    expect(placeInDepartement('974', -20.8789, 55.4481)).toEqual({ result: 'inside' }) // Saint-Denis, La Réunion
    expect(placeInDepartement('971', -20.8789, 55.4481).result).toBe('outside')
    expect(placeInDepartement('976', -12.7806, 45.2279)).toEqual({ result: 'inside' }) // Mamoudzou
    expect(placeInDepartement('973', 4.9372, -52.326)).toEqual({ result: 'inside' }) // Cayenne
    expect(placeInDepartement('972', 14.6161, -61.0588)).toEqual({ result: 'inside' }) // Fort-de-France
    expect(placeInDepartement('971', 16.2411, -61.5331)).toEqual({ result: 'inside' }) // Pointe-à-Pitre
    expect(placeInDepartement('975', 46.78, -56.17)).toEqual({ result: 'unknown' }) // Saint-Pierre
    expect(placeInDepartement('988', -22.27, 166.44)).toEqual({ result: 'unknown' }) // Nouméa
    expect(departementAt(-22.27, 166.44)).toBeNull()
  })

  it('ships a boundary for every département of the gazetteer, holding (or touching) every commune centre', () => {
    const communes = parse(readFileSync(new URL('../../../db/communes/communes.csv', import.meta.url)), { columns: true }) as {
      code_insee: string
      departement: string
      latitude: string
      longitude: string
    }[]
    const index = shippedDepartements()
    expect([...new Set(communes.map((c) => c.departement))].filter((d) => !index.shapes.has(d))).toEqual([])
    // Three communes of the 2024 source have no centre at all (empty coordinates): nothing to check.
    const located = communes.filter((c) => c.latitude !== '' && c.longitude !== '')
    expect(communes.length - located.length).toBe(3)
    const outside = located.filter((c) => placeInDepartement(c.departement, Number(c.latitude), Number(c.longitude)).result === 'outside')
    expect(outside.map((c) => c.code_insee)).toEqual([])
  })
})

describe('placeInDepartement (geometry)', () => {
  // A 1° square with a 0.5° square hole, around (0, 45): holes count as outside.
  const square = (x0: number, y0: number, x1: number, y1: number) => [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
    [x0, y0],
  ]
  const index = indexDepartements({
    features: [
      {
        properties: { code: 'XX', nom: 'Carré' },
        geometry: { type: 'Polygon', coordinates: [square(0, 45, 1, 46), square(0.25, 45.25, 0.75, 45.75)] },
      },
    ],
  })

  it('counts holes as outside and measures the distance to the nearest edge', () => {
    expect(placeInDepartement('XX', 45.1, 0.1, { index })).toEqual({ result: 'inside' })
    const hole = placeInDepartement('XX', 45.5, 0.5, { index, tolerance_m: 100_000 })
    expect(hole.result).toBe('near')
    // 0.25° of longitude at 45.5° N ≈ 19.5 km.
    expect(hole.result === 'near' && hole.distance_m).toBeGreaterThan(19_000)
    expect(hole.result === 'near' && hole.distance_m).toBeLessThan(20_000)
    expect(placeInDepartement('XX', 45.5, 0.5, { index }).result).toBe('outside')
  })

  it('applies the tolerance on every side, through the bbox prefilter', () => {
    // 0.01° north of the top edge ≈ 1.1 km.
    expect(placeInDepartement('XX', 46.01, 0.5, { index }).result).toBe('near')
    expect(placeInDepartement('XX', 46.01, 0.5, { index, tolerance_m: 1_000 }).result).toBe('outside')
    const far = placeInDepartement('XX', 50, 0.5, { index })
    expect(far).toEqual({ result: 'outside', distance_m: expect.any(Number) })
    expect(far.result === 'outside' && far.distance_m).toBeGreaterThan(440_000)
  })
})

describe('checkPlacement', () => {
  const bordeaux = { code_insee: '33063', departement: '33', latitude: 44.8378, longitude: -0.5792 }

  it('names latitude and longitude when the point is outside the commune’s département', () => {
    const issues = checkPlacement({ latitude: 48.8566, longitude: 2.3522, commune: 'Bordeaux' }, bordeaux, false)
    expect(issues.errors.map((e) => e.field)).toEqual(['latitude', 'longitude'])
    expect(issues.errors[0].message).toMatch(
      /hors du département 33 \(Gironde\) de la commune Bordeaux \(33063\) : il tombe dans le département 75 \(Paris\)/,
    )
  })

  it('hints at swapped coordinates', () => {
    const issues = checkPlacement({ latitude: -0.5792, longitude: 44.8378, commune: 'Bordeaux' }, bordeaux, false)
    expect(issues.errors[0].message).toMatch(/aucun département.*inversées/)
  })

  it('warns beyond 20 km from the centre, inside the département', () => {
    expect(checkPlacement({ latitude: 44.66, longitude: -1.17, commune: 'Bordeaux' }, bordeaux, false)).toEqual({
      errors: [],
      warnings: [{ field: 'latitude', value: '44.66, -1.17', message: expect.stringMatching(/à 51 km du centre de la commune Bordeaux/) }],
    })
    expect(checkPlacement({ latitude: 44.9, longitude: -0.6, commune: 'Bordeaux' }, bordeaux, false)).toEqual({ errors: [], warnings: [] })
  })

  it('checks nothing for a point taken from the gazetteer, an unknown commune, or a commune without a centre', () => {
    const paris = { latitude: 48.8566, longitude: 2.3522, commune: 'Bordeaux' }
    expect(checkPlacement(paris, bordeaux, true)).toEqual({ errors: [], warnings: [] })
    expect(checkPlacement(paris, undefined, false)).toEqual({ errors: [], warnings: [] })
    expect(
      checkPlacement(
        { latitude: 46.8, longitude: -1.13, commune: 'L’Oie' },
        { code_insee: '85165', departement: '85', latitude: 0, longitude: 0 },
        false,
      ),
    ).toEqual({ errors: [], warnings: [] })
  })

  it('measures great-circle distances', () => {
    expect(distanceKm(48.8566, 2.3522, 44.8378, -0.5792)).toBeCloseTo(499, 0)
  })
})
