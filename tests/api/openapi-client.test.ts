// The OpenAPI document builds clients: redocly's recommended rules pass (offline), every operation has an
// operationId, tags and security; a typed client generated from it type-checks and works against the server.
import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { Ajv } from 'ajv'
import addFormatsModule from 'ajv-formats'
import openapiTS, { astToString } from 'openapi-typescript'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeEachApp } from '../helpers/databases.ts'
import { createVenue } from './curation/curation-fixtures.ts'

const run = promisify(execFile)
const ROOT = new URL('../..', import.meta.url).pathname
const METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head']

// A small program written against the generated types: tsc must accept it, then it runs against the server.
const CLIENT_SCRIPT = `import createClient from 'openapi-fetch'
import type { paths } from './schema.ts'

export async function main(baseUrl: string): Promise<{ venues: string[]; kinds: string[]; cursor: string }> {
  const client = createClient<paths>({ baseUrl })
  const list = await client.GET('/api/v1/venues', { params: { query: { departement: '33', limit: 5 } } })
  if (!list.data) throw new Error('venues: ' + JSON.stringify(list.error))
  const feed = await client.GET('/api/v1/changes', { params: { query: { since: '0', limit: 10 } } })
  if (!feed.data) throw new Error('changes: ' + JSON.stringify(feed.error))
  const kinds: string[] = feed.data.changes.map((change) => change.kind)
  return { venues: list.data.items.map((venue) => venue.nom), kinds, cursor: feed.data.next_cursor }
}
`

describeEachApp('OpenAPI builds clients', (ctx) => {
  let doc: any
  let dir: string
  beforeAll(async () => {
    doc = (await ctx.app.inject({ url: '/openapi.json' })).json()
    dir = await mkdtemp(join(ROOT, 'tests/api/.openapi-client-'))
  })
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  it('gives every operation an operationId (unique), tags and security, and declares servers and schemes', () => {
    const ids = new Set<string>()
    for (const [path, item] of Object.entries<any>(doc.paths)) {
      for (const method of METHODS.filter((m) => item[m])) {
        const op = item[method]
        expect(op.operationId, `${method} ${path}`).toMatch(/^[a-z][A-Za-z0-9]+$/)
        expect(ids.has(op.operationId), op.operationId).toBe(false)
        ids.add(op.operationId)
        expect(op.tags?.length, `${method} ${path}`).toBeGreaterThan(0)
        expect(Array.isArray(op.security), `${method} ${path}`).toBe(true)
      }
    }
    expect(doc.paths['/api/v1/venues'].get.security).toEqual([])
    expect(doc.paths['/api/v1/venues'].post.security).toEqual([{ apiKey: [] }, { session: [] }])
    expect(doc.paths['/api/v1/changes'].get.operationId).toBe('listChanges')
    expect(doc.servers.length).toBeGreaterThan(0)
    expect(Object.keys(doc.components.securitySchemes)).toEqual(['apiKey', 'session'])
  })

  it('passes `redocly lint` with the recommended rules (no errors), offline', async () => {
    const file = join(dir, 'openapi.json')
    await writeFile(file, JSON.stringify(doc))
    const env = {
      ...process.env,
      REDOCLY_TELEMETRY: 'off',
      REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
      NO_PROXY: '*',
      HTTPS_PROXY: 'http://127.0.0.1:9',
    }
    const result = await run(join(ROOT, 'node_modules/.bin/redocly'), ['lint', file, '--extends=recommended', '--format=json'], {
      env,
      cwd: dir,
      maxBuffer: 1 << 26,
    }).catch((error: { stdout: string; stderr: string }) => error)
    const report = JSON.parse(result.stdout) as {
      totals: { errors: number; warnings: number }
      problems: { ruleId: string; message: string; location: { pointer: string }[] }[]
    }
    const errors = report.problems
      .filter((p) => (p as { severity?: string }).severity === 'error')
      .map((p) => `${p.ruleId} ${p.location[0]?.pointer}: ${p.message}`)
    expect(errors).toEqual([])
    expect(report.totals.errors).toBe(0)
  }, 120_000)

  it('generates a typed client that type-checks and runs against the server, answers matching their schemas', async () => {
    await createVenue(ctx.database.db, { nom: 'Client typé' })
    await writeFile(join(dir, 'schema.ts'), astToString(await openapiTS(doc)))
    await writeFile(join(dir, 'client.ts'), CLIENT_SCRIPT)
    await run(
      join(ROOT, 'node_modules/.bin/tsc'),
      [
        '--noEmit',
        '--strict',
        '--skipLibCheck',
        '--target',
        'es2022',
        '--module',
        'nodenext',
        '--moduleResolution',
        'nodenext',
        '--allowImportingTsExtensions',
        join(dir, 'client.ts'),
      ],
      { cwd: ROOT },
    ).catch((error: { stdout: string }) => {
      throw new Error(`tsc:\n${error.stdout}`)
    })

    await ctx.app.listen({ port: 0, host: '127.0.0.1' })
    const address = ctx.app.server.address() as { port: number }
    const { main } = (await import(join(dir, 'client.ts'))) as {
      main: (url: string) => Promise<{ venues: string[]; kinds: string[]; cursor: string }>
    }
    const out = await main(`http://127.0.0.1:${address.port}`)
    expect(out.venues).toContain('Client typé')
    expect(out.kinds).toContain('created')

    // Answers match the documented response schema.
    const ajv = new Ajv({ strict: false, allErrors: true })
    ;(addFormatsModule as unknown as (a: Ajv) => void)(ajv)
    for (const [url, path] of [
      ['/api/v1/changes?since=0', '/api/v1/changes'],
      ['/api/v1/venues?departement=33', '/api/v1/venues'],
    ]) {
      const schema = doc.paths[path].get.responses['200'].content['application/json'].schema
      const body = (await ctx.app.inject({ url })).json()
      const validate = ajv.compile({ ...schema, components: doc.components })
      expect(validate(body), `${url} ${JSON.stringify(validate.errors)}`).toBe(true)
    }
  }, 180_000)
})
