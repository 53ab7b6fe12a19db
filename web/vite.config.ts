// Multi-page Vite build of the front end into web/dist, served by the API at /.
// Every web/<page>/index.html is an entry, so a domain adds a page by adding its folder.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import { defineConfig, type Plugin } from 'vite'
import { pageChrome } from './chrome-plugin.ts'

const root = resolve(import.meta.dirname)
const pages = Object.fromEntries([
  ['index', resolve(root, 'index.html')],
  ...readdirSync(root, { withFileTypes: true })
    .filter(
      (d) =>
        d.isDirectory() &&
        !['dist', 'public', 'src', 'partials', 'node_modules'].includes(d.name) &&
        existsSync(resolve(root, d.name, 'index.html')),
    )
    .map((d) => [d.name, resolve(root, d.name, 'index.html')]),
  // Nested page: /gouvernance/comites/ (issue 16, the committees' meetings and minutes).
  ['gouvernance-comites', resolve(root, 'gouvernance/comites/index.html')],
  // Script-only entry of the server-rendered venue page /lieux/{id} (found through the manifest by api/pages).
  ['lieu', resolve(root, 'src/venue-page.ts')],
])

// Writes .br and .gz beside every text asset of the build; the server sends them (preCompressed) to
// browsers that accept them, so MapLibre, the DSFR styles and the basemap cross the network compressed.
function precompress(): Plugin {
  return {
    name: 'maillage-precompress',
    apply: 'build',
    closeBundle() {
      const walk = (dir: string): string[] =>
        readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(resolve(dir, d.name)) : [resolve(dir, d.name)]))
      for (const file of walk(resolve(root, 'dist'))) {
        if (!/\.(js|mjs|css|html|json|geojson|svg)$/.test(file)) continue
        const bytes = readFileSync(file)
        if (bytes.length < 1024) continue
        writeFileSync(`${file}.gz`, gzipSync(bytes, { level: 9 }))
        writeFileSync(`${file}.br`, brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }))
      }
    },
  }
}

export default defineConfig({
  plugins: [pageChrome(resolve(root, 'partials')), precompress()],
  root,
  publicDir: resolve(root, 'public'),
  build: {
    outDir: resolve(root, 'dist'),
    emptyOutDir: true,
    manifest: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: { input: pages },
  },
})
