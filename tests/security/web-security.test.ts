// Input an attacker controls, on every route: strict headers, SQL injection on every string parameter of
// every public GET (from OpenAPI), path traversal on static files, body size limits, HTML escaping.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { sql } from 'kysely'
import { beforeAll, afterAll, expect, it } from 'vitest'
import { tableHashes } from '../../db/backup/hash.ts'
import { importFile } from '../../db/import/importer.ts'
import { updateVenue } from '../../db/venue-store.ts'
import { demoCsv } from '../backup/demo-csv.ts'
import { loadOperations } from '../fuzz/openapi.ts'
import { describeEachApp } from '../helpers/databases.ts'

const SQL_INJECTIONS = [
  "' OR '1'='1",
  "' OR 1=1 --",
  '" OR ""="',
  "1' OR '1'='1' /*",
  "') OR ('1'='1",
  '1; DROP TABLE venues; --',
  "'; DELETE FROM venues; --",
  "' UNION SELECT NULL, version(), NULL --",
  "' UNION SELECT password_hash FROM users --",
  "1' AND pg_sleep(3) IS NULL --",
  "'; SELECT pg_sleep(3); --",
  "%' AND 1=0 UNION SELECT table_name FROM information_schema.tables --",
  "\\'; TRUNCATE audit_log; --",
  '$$; DROP TABLE labels; $$',
  '0x27 OR 1=1',
  "admin'--",
  '*',
  '%',
  '_',
  '\\',
  '1)::text; DROP TABLE venues; --',
  "dep:33' OR '1'='1",
  "48.8,2.3'); DROP TABLE venues; --",
]
const SQL_ERROR_LEAK = /syntax error|SQLSTATE|unterminated quoted|relation "|column "|invalid input syntax|at or near|pg_catalog/i
const XSS_NAME = '<script>alert(1)</script>'
const XSS_ADDRESS = '<img src=x onerror=alert(2)>'

function rawGet(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, headers: { connection: 'close' } }, (res) => {
        let body = ''
        res
          .setEncoding('utf8')
          .on('data', (d) => {
            body += d
          })
          .on('end', () => resolve({ status: res.statusCode!, body }))
      })
      .on('error', reject)
  })
}

describeEachApp(
  'web security',
  (ctx) => {
    let venueId = ''
    let port = 0
    beforeAll(async () => {
      const report = await importFile(ctx.database.db, demoCsv(15), { source: 'hinaura', actor: 'test', partial: true })
      venueId = report.rows.find((r) => r.venue_id)!.venue_id!
      const { version } = await ctx.database.db.selectFrom('venues').select('version').where('id', '=', venueId).executeTakeFirstOrThrow()
      await updateVenue(
        ctx.database.db,
        venueId,
        { nom: XSS_NAME, adresse: XSS_ADDRESS, presentation_resume: '"><svg onload=alert(3)>' },
        { expectedVersion: version },
        { actor: 'test', reason: 'xss' },
      )
      await ctx.app.listen({ port: 0, host: '127.0.0.1' })
      port = (ctx.app.server.address() as AddressInfo).port
    })
    afterAll(async () => {
      await ctx.app.close()
    })

    it('sends strict security headers on pages and API answers', async () => {
      for (const url of ['/', '/api/v1/venues?limit=1', `/lieux/${venueId}`]) {
        const res = await ctx.app.inject(url)
        expect(res.statusCode, url).toBe(200)
        const csp = String(res.headers['content-security-policy'])
        expect(csp, url).toContain("default-src 'self'")
        expect(csp, url).toContain("object-src 'none'")
        expect(csp, url).toContain("base-uri 'self'")
        const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1] ?? ''
        expect(scriptSrc, url).not.toMatch(/unsafe-inline|unsafe-eval|\*/)
        expect(res.headers['x-content-type-options'], url).toBe('nosniff')
        expect(res.headers['strict-transport-security'], url).toMatch(/max-age=\d+/)
        expect(res.headers['referrer-policy'], url).toBeTruthy()
        expect(res.headers['x-powered-by'], url).toBeUndefined()
      }
    })

    it('resists an SQL-injection corpus on every string parameter of every public GET', async () => {
      const { operations } = await loadOperations(ctx.app)
      const before = await tableHashes(ctx.database.db)
      let requests = 0
      const usedPayloads = new Set<string>()
      const failures: string[] = []
      for (const op of operations.filter((o) => o.method === 'GET')) {
        const params = op.parameters.filter(
          (p) => (p.in === 'query' || p.in === 'path') && (p.schema?.type ?? 'string') === 'string' && !p.schema?.enum,
        )
        for (const [index, param] of params.entries()) {
          // Ten payloads per parameter, rotating, so every payload reaches many parameters in bounded time.
          const payloads = Array.from({ length: 10 }, (_, i) => SQL_INJECTIONS[(index * 7 + i) % SQL_INJECTIONS.length])
          for (const payload of payloads) {
            usedPayloads.add(payload)
            let url = op.path
            for (const p of op.parameters.filter((x) => x.in === 'path'))
              url = url.replace(`{${p.name}}`, encodeURIComponent(p === param ? payload : venueId))
            if (param.in === 'query') url += `?${new URLSearchParams({ [param.name]: payload })}`
            const started = Date.now()
            const res = await ctx.app.inject({ url })
            requests++
            const where = `${op.path} ${param.name}=${payload} → ${res.statusCode}`
            if (res.statusCode >= 500) failures.push(where)
            if (
              res.statusCode < 400 &&
              res.statusCode !== 200 &&
              res.statusCode !== 204 &&
              res.statusCode !== 301 &&
              res.statusCode !== 304
            )
              failures.push(`unexpected ${where}`)
            // A 400 may quote the refused value back; what it must never show is the database's own error.
            const body = res.body.split(payload).join('').split(JSON.stringify(payload).slice(1, -1)).join('')
            if (SQL_ERROR_LEAK.test(body)) failures.push(`leak ${where}: ${res.body.slice(0, 200)}`)
            if (Date.now() - started > 2500) failures.push(`slow (time-based injection?) ${where}`)
            // A tautology must not widen a filter: a path id never finds a venue, a search finds no more than nonsense does.
            if (param.in === 'path' && res.statusCode === 200 && /api\/v1\/venues\/\{id\}$/.test(op.path))
              failures.push(`found a venue by ${where}`)
          }
        }
      }
      console.info(`SQL injection [${ctx.kind}]: ${requests} requests, ${failures.length} failures`)
      expect(failures.slice(0, 10)).toEqual([])
      expect(requests).toBeGreaterThan(SQL_INJECTIONS.length * 5)
      expect(usedPayloads.size).toBe(SQL_INJECTIONS.length)
      // Nothing was dropped, deleted or changed.
      expect(await tableHashes(ctx.database.db)).toEqual(before)
      const { rows } = await sql<{
        n: number
      }>`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name IN ('venues', 'labels', 'audit_log', 'users')`.execute(
        ctx.database.db,
      )
      expect(rows[0].n).toBe(4)
    })

    it('does not widen a venue search with tautologies', async () => {
      // The same words without SQL punctuation are the baseline: a working injection would return more (all).
      const total = (await ctx.app.inject('/api/v1/venues?limit=100')).json().items.length
      for (const payload of SQL_INJECTIONS.slice(0, 8)) {
        const neutral = payload.replace(/['"();\-*/=%_\\]/g, ' ')
        const baseline = await ctx.app.inject(`/api/v1/venues?${new URLSearchParams({ q: neutral, limit: '100' })}`)
        const res = await ctx.app.inject(`/api/v1/venues?${new URLSearchParams({ q: payload, limit: '100' })}`)
        if (res.statusCode !== 200) {
          expect(res.statusCode, payload).toBe(400)
          continue
        }
        const expected = baseline.statusCode === 200 ? baseline.json().items.length : 0
        expect(res.json().items.length, payload).toBeLessThanOrEqual(expected)
        expect(res.json().items.length, payload).toBeLessThan(total)
      }
    })

    it('never serves files outside the web build (path traversal)', async () => {
      const attempts = [
        '/..%2f..%2fetc/passwd',
        '/%2e%2e/package.json',
        '/%2e%2e/%2e%2e/etc/passwd',
        '/../package.json',
        '/..\\package.json',
        '/assets/../../package.json',
        '/assets/..%2f..%2fpackage.json',
        '/%2e%2e%2f%2e%2e%2fapi/app.ts',
        '/....//....//etc/passwd',
        '/%252e%252e/package.json',
        '/.env',
        '/.git/config',
        '/basemap/..%2f..%2f..%2ftsconfig.json',
        '/%c0%ae%c0%ae/package.json',
        '/index.html%00.json',
        '/node_modules/fastify/package.json',
        '/web/dist/index.html',
        '/..;/package.json',
      ]
      for (const path of attempts) {
        const res = await rawGet(port, path)
        expect([400, 403, 404], `${path} → ${res.status}`).toContain(res.status)
        expect(res.body, path).not.toMatch(/root:x:0:0|"name":\s*"maillage"|compilerOptions|\[core\]|buildApp/)
      }
    })

    it('refuses bodies over the size limit with a 413 problem', async () => {
      const { operations } = await loadOperations(ctx.app)
      const big = JSON.stringify({ nom: 'x'.repeat(3 * 1024 * 1024) })
      const targets = operations.filter((o) => o.body?.type.includes('json') && !/import/.test(o.path))
      expect(targets.length).toBeGreaterThan(2)
      for (const op of targets) {
        const url = op.path.replace(/\{[^}]+\}/g, venueId)
        const res = await ctx.app.inject({
          method: op.method as 'POST',
          url,
          payload: big,
          headers: { 'content-type': 'application/json' },
        })
        expect(res.statusCode, `${op.method} ${op.path}`).toBe(413)
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
        expect(res.json()).toMatchObject({ status: 413 })
      }
    })

    it('escapes HTML from venue fields on every page', async () => {
      const { operations } = await loadOperations(ctx.app)
      const pages = operations
        .filter((o) => o.method === 'GET' && !/^\/(api|ogc|tiles)\//.test(o.path) && o.path !== '/openapi.json')
        .map((o) => o.path.replace(/\{[^}]+\}/g, venueId))
      const urls = [...new Set([`/lieux/${venueId}`, ...pages, '/', '/parrainages/', '/gouvernance/', '/admin/', '/embed/', '/fiche/'])]
      let checked = 0
      for (const url of urls) {
        const res = await ctx.app.inject(url)
        if (!String(res.headers['content-type']).startsWith('text/html')) continue
        checked++
        expect(res.body, url).not.toContain(XSS_NAME)
        expect(res.body, url).not.toContain(XSS_ADDRESS)
        expect(res.body, url).not.toContain('<svg onload')
      }
      const page = await ctx.app.inject(`/lieux/${venueId}`)
      expect(page.statusCode).toBe(200)
      expect(page.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
      expect(checked).toBeGreaterThan(1)
    })
  },
  { rateLimitMax: 100_000_000 },
) // one client sends everything
