// Multi-page Vite build of the front end into web/dist, served by the API at /.
// Every web/<page>/index.html is an entry, so a domain adds a page by adding its folder.
import { existsSync, readdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { defineConfig } from 'vite'

const root = resolve(import.meta.dirname)
const pages = Object.fromEntries([
  ['index', resolve(root, 'index.html')],
  ...readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !['dist', 'public', 'src', 'node_modules'].includes(d.name) && existsSync(resolve(root, d.name, 'index.html')))
    .map((d) => [d.name, resolve(root, d.name, 'index.html')]),
  // Script-only entry of the server-rendered venue page /lieux/{id} (found through the manifest by api/pages).
  ['lieu', resolve(root, 'src/venue-page.ts')],
])

export default defineConfig({
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
