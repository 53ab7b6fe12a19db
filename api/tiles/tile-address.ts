// The `{z}/{x}/{y}.mvt` address every tile route takes: its schema, the check of the raw path (before Fastify's
// coercion) and the grid bounds, with the same French problems whatever the layer.
import { Type } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { HttpProblem } from '../plugins/problem.ts'

export function tileParams(exampleY: string) {
  return Type.Object({
    z: Type.Integer({ minimum: 0, maximum: 22, description: 'Niveau de zoom' }),
    x: Type.Integer({ minimum: 0, description: 'Colonne' }),
    y: Type.String({ pattern: '^\\d+\\.mvt$', description: 'Ligne, suivie de « .mvt »', examples: [exampleY] }),
  })
}

const RAW_PATTERNS = [
  ['z', /^\d{1,2}$/],
  ['x', /^\d{1,10}$/],
  ['y', /^\d{1,10}\.mvt$/],
] as const

/**
 * A preValidation hook for `/tiles/<layer>/{z}/{x}/{y}.mvt`: before coercion `1e309`, `0x1`, ` 1` would pass as
 * numbers (Infinity, 1); only plain digits are tiles.
 */
export function rawTilePathGuard(layer: string) {
  return async (request: FastifyRequest) => {
    const raw = request.params as Record<string, string>
    for (const [field, pattern] of RAW_PATTERNS) {
      if (!pattern.test(String(raw[field]))) {
        throw new HttpProblem(
          400,
          `Adresse de tuile invalide : attendu /tiles/${layer}/{z}/{x}/{y}.mvt avec des entiers (${field} incorrect).`,
          { errors: [{ field, message: 'entier attendu' }] },
        )
      }
    }
  }
}

/** The tile's coordinates, or a 400 naming `y` when the tile lies outside the grid of its zoom. */
export function tileAddress(params: { z: number; x: number; y: string }): { z: number; x: number; y: number } {
  const { z, x } = params
  const y = Number(params.y.slice(0, -4))
  if (x >= 2 ** z || y >= 2 ** z) {
    throw new HttpProblem(400, `La tuile ${z}/${x}/${y} n’existe pas : x et y vont de 0 à ${2 ** z - 1} au zoom ${z}.`, {
      errors: [{ field: 'y', message: 'hors de la grille' }],
    })
  }
  return { z, x, y }
}
