// Serves the Vite build of web/ (public map and the other pages' scripts and styles).
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import fp from 'fastify-plugin'
import fastifyStatic from '@fastify/static'

export const WEB_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url))

export default fp(
  async (app) => {
    if (!existsSync(WEB_DIST)) {
      app.log.warn('web/dist is missing: run `npm run build` to serve the map')
      return
    }
    await app.register(fastifyStatic, {
      root: WEB_DIST,
      prefix: '/',
      index: ['index.html'],
      wildcard: false,
      // The build writes .br/.gz beside each text asset (web/vite.config.ts): send those when accepted.
      preCompressed: true,
      // Hashed assets never change; pages are revalidated.
      setHeaders: (reply, path) => {
        reply.header('Cache-Control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache')
      },
    })
  },
  { name: 'web' },
)
