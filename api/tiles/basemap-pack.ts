// The shipped commune tiles: one file holding every pre-built tile (gzipped MVT), read once into memory.
// Layout: "MPACK1\n", a uint32 (LE) length, a JSON index { "z/x/y": [offset, length] }, then the tiles.
// One file rather than thousands keeps the repository and the build simple (see api/tiles/basemap/README.md).
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

export const COMMUNES_MIN_ZOOM = 10
export const COMMUNES_MAX_ZOOM = 10
export const COMMUNES_PACK = fileURLToPath(new URL('./basemap/communes.pack', import.meta.url))
const MAGIC = 'MPACK1\n'

export interface TilePack {
  get(z: number, x: number, y: number): Buffer | undefined
  size: number
}

export function writePack(path: string, tiles: Map<string, Uint8Array>): number {
  const index: Record<string, [number, number]> = {}
  let offset = 0
  for (const key of [...tiles.keys()].sort()) {
    index[key] = [offset, tiles.get(key)!.length]
    offset += tiles.get(key)!.length
  }
  const json = Buffer.from(JSON.stringify(index))
  const length = Buffer.alloc(4)
  length.writeUInt32LE(json.length)
  const bytes = Buffer.concat([Buffer.from(MAGIC), length, json, ...[...tiles.keys()].sort().map((k) => tiles.get(k)!)])
  writeFileSync(path, bytes)
  return bytes.length
}

export function readPack(path = COMMUNES_PACK): TilePack {
  const bytes = readFileSync(path)
  if (bytes.subarray(0, MAGIC.length).toString() !== MAGIC) throw new Error(`${path} n’est pas un paquet de tuiles`)
  const length = bytes.readUInt32LE(MAGIC.length)
  const start = MAGIC.length + 4
  const index = JSON.parse(bytes.subarray(start, start + length).toString()) as Record<string, [number, number]>
  const data = start + length
  return {
    size: Object.keys(index).length,
    get(z, x, y) {
      const at = index[`${z}/${x}/${y}`]
      return at ? bytes.subarray(data + at[0], data + at[0] + at[1]) : undefined
    },
  }
}
