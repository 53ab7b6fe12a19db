// Finds the hashed script and stylesheets of a Vite entry in web/dist/.vite/manifest.json, so server-rendered
// pages load the same DSFR styles and enhancement scripts as the static pages.
import { readFileSync, statSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const MANIFEST = fileURLToPath(new URL('../../web/dist/.vite/manifest.json', import.meta.url))

interface ManifestChunk {
  file: string
  css?: string[]
  imports?: string[]
}
export interface EntryAssets {
  scripts: string[]
  styles: string[]
}

let cached: { mtime: number; manifest: Record<string, ManifestChunk> } | null = null

function manifest(): Record<string, ManifestChunk> {
  try {
    const mtime = statSync(MANIFEST).mtimeMs
    if (!cached || cached.mtime !== mtime) cached = { mtime, manifest: JSON.parse(readFileSync(MANIFEST, 'utf8')) }
    return cached.manifest
  } catch {
    return {}
  }
}

/** The entry's module script and every stylesheet it (or a chunk it imports) needs; empty when not built. */
export function entryAssets(entry: string): EntryAssets {
  const all = manifest()
  const chunk = all[entry]
  if (!chunk) return { scripts: [], styles: [] }
  const styles = new Set<string>()
  const seen = new Set<string>()
  const visit = (key: string) => {
    if (seen.has(key)) return
    seen.add(key)
    const c = all[key]
    if (!c) return
    for (const css of c.css ?? []) styles.add(`/${css}`)
    for (const imported of c.imports ?? []) visit(imported)
  }
  visit(entry)
  return { scripts: [`/${chunk.file}`], styles: [...styles] }
}
