// /data/: the latest full exports at stable URLs (gzip when accepted, ETag/Last-Modified, 304) and catalog.json.
import { createReadStream } from 'node:fs'
import { join } from 'node:path'
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { OPEN_DATA_RESOURCES } from '../../db/opendata/files.ts'
import { ProblemSchema } from '../plugins/problem-schema.ts'
import { HttpProblem } from '../plugins/problem.ts'
import { openDataCatalog } from './catalog.ts'

/** True when the client's copy (If-None-Match, else If-Modified-Since) is still the current one. */
function fresh(request: FastifyRequest, etag: string, lastModified: Date): boolean {
  const match = request.headers['if-none-match']
  if (match) return match.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag || tag.trim() === '*')
  const since = Date.parse(request.headers['if-modified-since'] ?? '')
  return !Number.isNaN(since) && Math.floor(lastModified.getTime() / 1000) <= Math.floor(since / 1000)
}

function validators(reply: FastifyReply, etag: string, lastModified: Date) {
  reply
    .header('ETag', etag)
    .header('Last-Modified', lastModified.toUTCString())
    .header('Cache-Control', 'public, max-age=60, must-revalidate')
    .header('Vary', 'Accept-Encoding')
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/data/',
    {
      config: { access: 'public' },
      // Hidden: a bare redirect, and a path ending in "/" that OpenAPI linters reject.
      schema: { hide: true },
    },
    async (_request, reply) => reply.redirect('/data/catalog.json', 302),
  )

  app.get(
    '/data/catalog.json',
    {
      config: { access: 'public' },
      schema: {
        tags: ['exports'],
        summary: 'Catalogue des fichiers de données ouvertes',
        description:
          'Chaque fichier de `/data/` (titre, format, licence, taille, date de mise à jour, somme de contrôle), sous la ' +
          'forme des ressources de data.gouv.fr.',
        response: { 200: Type.Object({}, { additionalProperties: true }), 304: Type.Null() },
      },
    },
    async (request, reply) => {
      const build = await app.openData.current()
      const etag = `"${build.files.map((f) => f.sha256.slice(0, 8)).join('')}"`
      const lastModified = new Date(build.updated)
      validators(reply, etag, lastModified)
      if (fresh(request, etag, lastModified)) return reply.code(304).send(null)
      return reply.type('application/json; charset=utf-8').send(openDataCatalog(build, app.config.publicBaseUrl ?? ''))
    },
  )

  app.get(
    '/data/:file',
    {
      config: { access: 'public' },
      schema: {
        tags: ['exports'],
        summary: 'Télécharger un fichier de données ouvertes',
        description:
          'Le dernier export complet, à une adresse stable : ' +
          OPEN_DATA_RESOURCES.map((r) => `\`${r.file}\``).join(', ') +
          '. Compressé (gzip) si le client l’accepte ; `ETag` et `Last-Modified` pour ne retélécharger que ce qui a changé (304).',
        params: Type.Object({ file: Type.String({ maxLength: 100 }) }),
        produces: ['text/csv', 'application/json'],
        response: { 200: Type.String({ description: 'Le fichier' }), 304: Type.Null(), 404: ProblemSchema },
      },
    },
    async (request, reply) => {
      const resource = OPEN_DATA_RESOURCES.find((r) => r.file === request.params.file)
      if (!resource) throw new HttpProblem(404, `Aucun fichier « ${request.params.file} » ; voir /data/catalog.json.`)
      const build = await app.openData.current()
      const built = build.files.find((f) => f.file === resource.file)!
      const gzip = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))
      const lastModified = new Date(build.updated)
      // One ETag per representation (Vary: Accept-Encoding); revalidation accepts either.
      const etag = `"${built.sha256.slice(0, 32)}${gzip ? '-gz' : ''}"`
      validators(reply, etag, lastModified)
      const bare = etag.replace('-gz', '')
      if (
        fresh(request, etag, lastModified) ||
        fresh(request, bare, lastModified) ||
        fresh(request, bare.replace(/"$/, '-gz"'), lastModified)
      ) {
        return reply.code(304).send(null)
      }
      reply.type(`${resource.mime}; charset=utf-8`).header('Content-Disposition', `inline; filename="${resource.file}"`)
      if (gzip) reply.header('Content-Encoding', 'gzip').header('Content-Length', built.gzipSize)
      else reply.header('Content-Length', built.size)
      return reply.send(createReadStream(join(build.dir, gzip ? `${resource.file}.gz` : resource.file)) as never)
    },
  )
}
export default routes
